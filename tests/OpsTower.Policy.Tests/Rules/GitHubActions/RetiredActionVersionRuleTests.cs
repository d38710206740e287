using OpsTower.Policy.Engine;
using OpsTower.Policy.Policies;
using OpsTower.Policy.Rules.GitHubActions;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Tests.Rules.GitHubActions;

public class RetiredActionVersionRuleTests
{
    [Theory]
    [InlineData("v3", 3)]
    [InlineData("v3.1.0", 3)]
    [InlineData("V12", 12)]
    [InlineData("4.2", 4)]
    [InlineData("main", null)]
    [InlineData("v", null)]
    [InlineData("v3-beta", null)]
    [InlineData("latest", null)]
    public void Major_versions_come_from_tags_and_version_comments(string version, int? major) =>
        RetiredActionVersionRule.MajorOf(version).Should().Be(major);

    [Fact]
    public void A_malformed_list_entry_is_a_policy_error_naming_the_parameter()
    {
        var policy = PolicyPack.Baseline.Overlay(PolicyPack.Parse(
            "name: team\nrules:\n  OTP4017:\n    parameters:\n      retired_actions: [\"actions/cache v2 is old\"]\n", "team.yaml"));
        var result = new PolicyEngine(policy).Analyze(new[]
        {
            new SourceFile(".github/workflows/ci.yml", "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/cache@v2\n"),
        });

        result.Findings.Should().NotContain(f => f.RuleId == "OTP4017");
        result.Notifications.Should().ContainSingle(n => n.RuleId == "OTP4017").Which.Message.Should().Contain("retired_actions");
    }
}
