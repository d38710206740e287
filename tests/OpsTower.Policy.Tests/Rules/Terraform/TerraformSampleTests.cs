using OpsTower.Policy.Engine;
using OpsTower.Policy.Rules;
using OpsTower.Policy.Tests.Testing;

namespace OpsTower.Policy.Tests.Rules.Terraform;

/// <summary>The specification's Terraform (section 4.1) as the sample holds it, and its hardened copy.</summary>
public sealed class TerraformSampleTests
{
    private static ScanResult Scan(string sample)
    {
        string root = RepositoryPaths.Root;
        return new PolicyEngine().Scan(new ScanOptions { RootDirectory = root, Paths = new[] { Path.Combine(root, "samples", sample, "infrastructure", "terraform") } });
    }

    [Fact]
    public void Specification_terraform_reports_what_the_baseline_forbids_at_the_right_lines()
    {
        var result = Scan("ops-tower");

        result.Findings
            .Where(f => f.Level >= FindingLevel.Warning)
            .Select(f => $"{Path.GetFileName(f.File.Path)}:{f.Position.Start.Line}:{f.Position.Start.Column} {f.RuleId}")
            .Should().Equal(
                "main.tf:3:3 OTP3070",
                "main.tf:69:3 OTP3020",
                "main.tf:110:1 OTP3001",
                "main.tf:122:14 OTP3060",
                "main.tf:145:1 OTP3012");
        result.Findings.Where(f => f.RuleId == "OTP3000" && f.Message.StartsWith("module", StringComparison.Ordinal))
            .Select(f => f.Position.Start.Line).Should().Equal(38, 59);
        result.Findings.Should().Contain(f => f.RuleId == "OTP3007" && f.Position.Start.Line == 122);
        result.Notifications.Should().BeEmpty();
    }

    [Fact]
    public void Hardened_terraform_has_only_the_remote_module_notes()
    {
        var result = Scan("ops-tower-hardened");

        result.Files.Select(f => Path.GetFileName(f.Path)).Should().Equal("main.tf", "terraform.tfvars", "variables.tf");
        result.Findings.Select(f => $"{f.RuleId} {f.Position.Start.Line}").Should().Equal("OTP3000 43", "OTP3000 65");
        result.Notifications.Should().BeEmpty();
    }
}
