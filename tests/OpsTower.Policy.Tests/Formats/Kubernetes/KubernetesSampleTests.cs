using OpsTower.Policy.Engine;
using OpsTower.Policy.Rules;
using OpsTower.Policy.Tests.Testing;

namespace OpsTower.Policy.Tests.Formats.Kubernetes;

/// <summary>The specification's manifests and compose file break the baseline; their hardened copies do not.</summary>
public sealed class KubernetesSampleTests
{
    private static IReadOnlyList<Finding> ScanYaml(string sample)
    {
        string root = RepositoryPaths.InRepository(Path.Combine("samples", sample));
        var result = new PolicyEngine().Scan(new ScanOptions
        {
            RootDirectory = root,
            Paths = new[] { Path.Combine(root, "infrastructure"), Path.Combine(root, "docker-compose.yml") },
            MaxDegreeOfParallelism = 1,
        });
        result.ExecutionSuccessful.Should().BeTrue(string.Join("\n", result.Notifications));
        return result.Findings;
    }

    [Fact]
    public void The_specified_system_breaks_the_kubernetes_and_compose_rules()
    {
        var findings = ScanYaml("ops-tower");
        findings.Select(f => f.RuleId).Distinct().Should().Contain(new[]
        {
            "OTP2001", "OTP2002", "OTP2003", "OTP2006", "OTP2007", "OTP2008", "OTP2009", "OTP2010", "OTP2015", "OTP2017", "OTP2020",
            "OTP6001", "OTP6002",
        });
        findings.Should().Contain(f => f.RuleId == "OTP2017" && f.File.Path == "infrastructure/security/network-policies.yaml" && f.Position.Start.Line == 36);
        findings.Should().Contain(f => f.RuleId == "OTP6001" && f.File.Path == "docker-compose.yml" && f.Position.Start.Line == 13 && f.Position.Start.Column == 42);
    }

    [Fact]
    public void The_hardened_system_has_nothing_at_warning_or_error()
    {
        ScanYaml("ops-tower-hardened").Where(f => f.Level >= FindingLevel.Warning).Should().BeEmpty();
    }
}
