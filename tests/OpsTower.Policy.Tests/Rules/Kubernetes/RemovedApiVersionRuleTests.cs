using OpsTower.Policy.Engine;
using OpsTower.Policy.Policies;
using OpsTower.Policy.Rules.Kubernetes;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Tests.Rules.Kubernetes;

public class RemovedApiVersionRuleTests
{
    private const string FlowSchema = "apiVersion: flowcontrol.apiserver.k8s.io/v1beta2\nkind: FlowSchema\nmetadata:\n  name: batch-jobs\n";

    private static ScanResult Scan(string kubernetesVersion) =>
        new PolicyEngine(PolicyPack.Baseline.Overlay(PolicyPack.Parse(
                $"name: team\nrules:\n  OTP2023:\n    parameters:\n      kubernetes_version: \"{kubernetesVersion}\"\n", "team.yaml")))
            .Analyze(new[] { new SourceFile("flowschema.yaml", FlowSchema) });

    [Theory]
    [InlineData("1.27", 27)]
    [InlineData("v1.29", 29)]
    [InlineData("1.30.4", 30)]
    [InlineData("2.0", null)]
    [InlineData("1", null)]
    [InlineData("1.x", null)]
    [InlineData("latest", null)]
    public void Versions_are_read_as_their_minor_number(string version, int? minor) =>
        RemovedApiVersionRule.MinorOf(version).Should().Be(minor);

    [Fact]
    public void The_target_version_decides_what_is_removed()
    {
        Scan("1.28").Findings.Should().NotContain(f => f.RuleId == "OTP2023");
        Scan("1.29").Findings.Should().ContainSingle(f => f.RuleId == "OTP2023")
            .Which.Position.Should().Be(new LinePositionSpan(new LinePosition(1, 13), new LinePosition(1, 49)));
    }

    [Fact]
    public void A_target_version_that_is_not_a_version_is_a_positioned_policy_error_not_a_silent_pass()
    {
        var result = Scan("latest");
        result.Findings.Should().NotContain(f => f.RuleId == "OTP2023");
        result.Notifications.Should().ContainSingle(n => n.RuleId == "OTP2023").Which.Message.Should().Contain("kubernetes_version");
    }
}
