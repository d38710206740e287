using OpsTower.Policy.Engine;
using OpsTower.Policy.Rules;
using OpsTower.Policy.Tests.Testing;

namespace OpsTower.Policy.Tests.Samples;

/// <summary>
/// The bundled samples: the Ops Tower system as its specification writes it (whose snippets break the baseline they
/// describe) and the hardened copy, which must stay clean.
/// </summary>
public class SampleTests
{
    private static ScanResult Scan(string sample)
    {
        string root = RepositoryPaths.Root;
        return new PolicyEngine().Scan(new ScanOptions { RootDirectory = root, Paths = new[] { Path.Combine(root, "samples", sample) } });
    }

    [Fact]
    public void Hardened_sample_has_no_finding_at_warning_or_above_and_parses_cleanly()
    {
        var result = Scan("ops-tower-hardened");

        result.Files.Should().NotBeEmpty();
        result.Findings.Where(f => f.Level >= FindingLevel.Warning).Select(f => f.ToString()).Should().BeEmpty();
        result.Notifications.Should().BeEmpty();
    }

    [Fact]
    public void Specification_dockerfiles_report_what_the_baseline_forbids_at_the_right_lines()
    {
        var result = Scan("ops-tower");

        var dockerfileFindings = result.Findings
            .Where(f => f.Rule.Category == "Dockerfile")
            .Select(f => $"{f.File.Path}:{f.Position.Start.Line}:{f.Position.Start.Column} {f.RuleId}");

        dockerfileFindings.Should().Equal(
            "samples/ops-tower/services/trip-service/Dockerfile:2:6 OTP1003",
            "samples/ops-tower/services/trip-service/Dockerfile:2:6 OTP1004",
            "samples/ops-tower/services/trip-service/Dockerfile:9:19 OTP1012",
            "samples/ops-tower/services/trip-service/Dockerfile:10:24 OTP1020",
            "samples/ops-tower/services/user-service/Dockerfile:2:6 OTP1003",
            "samples/ops-tower/services/user-service/Dockerfile:8:6 OTP1003",
            "samples/ops-tower/services/user-service/Dockerfile:20:6 OTP1003");
        result.Notifications.Should().BeEmpty();
    }
}
