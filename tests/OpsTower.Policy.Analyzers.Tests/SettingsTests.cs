using OpsTower.Policy.Rules;

namespace OpsTower.Policy.Analyzers.Tests;

public class SettingsTests
{
    [Theory]
    [InlineData("/repo", "/repo/.github/workflows/ci.yml", ".github/workflows/ci.yml")]
    [InlineData("/repo/", "/repo/services/api/Dockerfile", "services/api/Dockerfile")]
    [InlineData(@"C:\src\repo\", @"C:\src\repo\deploy\k8s\app.yaml", "deploy/k8s/app.yaml")]
    [InlineData(@"C:\src\repo", @"c:\SRC\repo\Dockerfile", "Dockerfile")]
    [InlineData("/repo", "/other/Dockerfile", "/other/Dockerfile")]
    [InlineData("/repo", "/repository/Dockerfile", "/repository/Dockerfile")]
    [InlineData(null, "/any/where/Dockerfile", "any/where/Dockerfile")]
    public void Paths_are_relative_to_the_root_with_forward_slashes(string? root, string path, string expected)
    {
        new AnalyzerSettings(root, null, null).RelativePath(path).Should().Be(expected);
    }

    [Fact]
    public void The_policy_file_is_recognised_by_its_full_path()
    {
        var settings = new AnalyzerSettings("/repo", "/repo/./.opstower-policy.yaml", null);
        settings.IsPolicyFile("/repo/.opstower-policy.yaml").Should().BeTrue();
        settings.IsPolicyFile("/repo/other.yaml").Should().BeFalse();
    }

    [Fact]
    public void Parameters_give_levels_switches_values_and_lists()
    {
        var pack = PolicyLoader.ParseParameters("OTP1003=warning|OTP1012=off; OTP1010.privileged_port_limit=1024|OTP1007.sensitive_name_patterns=PASSWORD, TOKEN");
        pack.GetRule("OTP1003")!.Level.Should().Be(FindingLevel.Warning);
        pack.GetRule("OTP1012")!.Enabled.Should().BeFalse();
        pack.GetRule("OTP1010")!.Parameters.GetInt("privileged_port_limit").Should().Be(1024);
        pack.GetRule("OTP1007")!.Parameters.GetStringList("sensitive_name_patterns").Should().Equal("PASSWORD", "TOKEN");
    }

    [Theory]
    [InlineData("OTP1001")]
    [InlineData("OTP1001=loud")]
    [InlineData(".x=1")]
    public void Malformed_parameters_are_policy_errors(string text)
    {
        FluentActions.Invoking(() => PolicyLoader.ParseParameters(text)).Should().Throw<PolicyException>();
    }
}
