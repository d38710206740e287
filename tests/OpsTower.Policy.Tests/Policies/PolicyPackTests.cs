using OpsTower.Policy.Policies;
using OpsTower.Policy.Rules;

namespace OpsTower.Policy.Tests.Policies;

public class PolicyPackTests
{
    private static readonly RuleDescriptor SampleRule = new(
        "OTP9001", "Sample", "A sample.", "A sample rule.", FindingLevel.Warning, 5.0, "Test", new[] { "test" }, "## Why\nx\n## How to fix\ny");

    [Fact]
    public void Baseline_is_embedded_and_names_itself()
    {
        PolicyPack.Baseline.Name.Should().Be("opstower-baseline");
    }

    [Fact]
    public void Rules_without_policy_entries_run_at_their_default_level()
    {
        var policy = PolicyPack.Parse("name: p\nrules: {}\n", "p.yaml");

        policy.IsEnabled(SampleRule).Should().BeTrue();
        policy.EffectiveLevel(SampleRule).Should().Be(FindingLevel.Warning);
    }

    [Fact]
    public void Long_and_short_forms_set_level_enablement_and_parameters()
    {
        var policy = PolicyPack.Parse(
            "name: p\nrules:\n  OTP9001:\n    level: error\n    parameters:\n      min: '2'\n      names: [A, B]\n  OTP9002: off\n  OTP9003: note\n",
            "p.yaml");

        policy.EffectiveLevel(SampleRule).Should().Be(FindingLevel.Error);
        policy.ParametersFor(SampleRule).GetInt("min").Should().Be(2);
        policy.ParametersFor(SampleRule).GetStringList("names").Should().Equal("A", "B");
        policy.GetRule("OTP9002")!.Enabled.Should().BeFalse();
        policy.GetRule("OTP9003")!.Level.Should().Be(FindingLevel.Note);
    }

    [Fact]
    public void Overlay_replaces_parameters_one_by_one_and_keeps_the_rest()
    {
        var baseline = PolicyPack.Parse("name: base\nrules:\n  OTP9001:\n    parameters: { a: '1', b: '2' }\n", "base.yaml");
        var team = PolicyPack.Parse("name: team\nrules:\n  OTP9001:\n    level: none\n    parameters: { b: '3' }\n", "team.yaml");

        var merged = baseline.Overlay(team);

        merged.Name.Should().Be("team");
        merged.ParametersFor(SampleRule).GetString("a").Should().Be("1");
        merged.ParametersFor(SampleRule).GetString("b").Should().Be("3");
        merged.IsEnabled(SampleRule).Should().BeFalse("level none turns a rule off");
    }

    [Theory]
    [InlineData("rules: [a]\n", "(1,8)")]
    [InlineData("rules:\n  OTP9001: loud\n", "(2,12)")]
    [InlineData("rules:\n  OTP9001:\n    level: fatal\n", "(3,12)")]
    [InlineData("rules: {\n", "invalid YAML")]
    public void Invalid_policies_are_rejected_with_a_position(string yaml, string expected)
    {
        var act = () => PolicyPack.Parse(yaml, "team.yaml");

        act.Should().Throw<PolicyException>().Which.Message.Should().Contain("team.yaml").And.Contain(expected);
    }

    [Fact]
    public void Missing_or_mistyped_parameters_are_policy_errors()
    {
        var parameters = PolicyPack.Parse("rules:\n  OTP9001:\n    parameters: { n: abc, list: [x] }\n", "p.yaml").ParametersFor(SampleRule);

        parameters.Invoking(p => p.GetInt("n")).Should().Throw<PolicyException>().WithMessage("*whole number*");
        parameters.Invoking(p => p.GetString("list")).Should().Throw<PolicyException>().WithMessage("*single value*");
        parameters.Invoking(p => p.GetString("absent")).Should().Throw<PolicyException>().WithMessage("*absent*");
    }
}
