using Microsoft.CodeAnalysis;
using OpsTower.Policy.Policies;
using OpsTower.Policy.Rules;
using static OpsTower.Policy.Analyzers.Tests.Testing.Verify;

namespace OpsTower.Policy.Analyzers.Tests;

/// <summary><see cref="PolicyException.Line"/> and <see cref="PolicyException.Column"/>, which place OTP0002 in the policy file.</summary>
public class PolicyExceptionTests
{
    private const string InvalidYaml = "name: team\nrules:\n  OTP1001: error\n   OTP1002: off\n";

    [Theory]
    [InlineData("name: team\nrules:\n  OTP1001: loud\n", 3, 12)]
    [InlineData("name: team\nrules:\n  OTP1001:\n    enabled: maybe\n", 4, 14)]
    [InlineData("name: team\nrules: [OTP1001]\n", 2, 8)]
    [InlineData(InvalidYaml, 4, 11)]
    public void A_policy_file_error_has_the_1_based_line_and_column_the_message_names(string yaml, int line, int column)
    {
        var error = FluentActions.Invoking(() => PolicyPack.Parse(yaml, "policy.yaml")).Should().Throw<PolicyException>().Which;
        error.Line.Should().Be(line);
        error.Column.Should().Be(column);
        error.Message.Should().StartWith($"policy.yaml({line},{column}): ");
    }

    [Fact]
    public void An_error_without_a_position_has_no_line_or_column()
    {
        var notAMapping = FluentActions.Invoking(() => PolicyPack.Parse("- OTP1001\n", "policy.yaml")).Should().Throw<PolicyException>().Which;
        var parameters = FluentActions.Invoking(() => PolicyLoader.ParseParameters("OTP1001=loud")).Should().Throw<PolicyException>().Which;
        foreach (var error in new[] { notAMapping, parameters })
        {
            error.Line.Should().BeNull();
            error.Column.Should().BeNull();
        }
    }

    [Fact]
    public async Task An_unparsable_policy_file_is_OTP0002_from_the_yaml_errors_position_to_the_end_of_its_line()
    {
        var test = Test(properties: new Dictionary<string, string> { ["OpsTowerPolicyFile"] = InRoot("policy.yaml") });
        test.TestState.AdditionalFiles.Add((InRoot("policy.yaml"), InvalidYaml));
        var error = FluentActions.Invoking(() => PolicyPack.Parse(InvalidYaml, "policy.yaml")).Should().Throw<PolicyException>().Which;
        error.Message.Should().Contain("invalid YAML");
        test.ExpectedDiagnostics.Add(Diagnostic("OTP0002", DiagnosticSeverity.Error)
            .WithSpan(InRoot("policy.yaml"), 4, 11, 4, 16)
            .WithArguments(error.Message));
        await test.RunAsync();
    }
}
