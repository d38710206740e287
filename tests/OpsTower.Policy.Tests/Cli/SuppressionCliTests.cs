using System.Text.Json;
using OpsTower.Policy.Cli;
using OpsTower.Policy.Tests.Engine;
using OpsTower.Policy.Tests.Reporting;
using OpsTower.Policy.Tests.Testing;
using Xunit.Abstractions;

namespace OpsTower.Policy.Tests.Cli;

/// <summary>Suppression comments and the project config file, end to end.</summary>
public class SuppressionCliTests
{
    private readonly ITestOutputHelper _output;

    public SuppressionCliTests(ITestOutputHelper output) => _output = output;

    private const string RootUserDockerfile = CliRunner.RootUserDockerfile;

    private static (int Code, string Out, string Err) Run(params string[] args) => CliRunner.Run(args);

    [Fact]
    public void Suppressed_findings_do_not_fail_the_scan_and_text_counts_them()
    {
        using var dir = new TempDirectory();
        dir.Write("Dockerfile", SuppressionEngineTests.SuppressedRootDockerfile);

        var (code, output, _) = Run("scan", dir.Path, "--root", dir.Path);

        code.Should().Be(Program.ExitClean);
        output.Should().NotContain("OTP1001");
        output.Should().Contain("1 finding suppressed.");
    }

    [Fact]
    public void Fail_on_ignores_suppressed_findings_but_not_the_others()
    {
        using var dir = new TempDirectory();
        dir.Write("Dockerfile", SuppressionEngineTests.SuppressedRootDockerfile);

        Run("scan", dir.Path, "--root", dir.Path, "--fail-on", "error").Code.Should().Be(Program.ExitClean);
        Run("scan", dir.Path, "--root", dir.Path, "--fail-on", "note").Code.Should().Be(Program.ExitFindings, "OTP1003 and OTP1004 are not suppressed");
    }

    [Fact]
    public void Sarif_and_json_keep_suppressed_findings_with_their_suppressions()
    {
        using var dir = new TempDirectory();
        dir.Write("Dockerfile", SuppressionEngineTests.SuppressedRootDockerfile);

        var (code, sarif, error) = Run("scan", dir.Path, "--root", dir.Path, "--format", "sarif");
        code.Should().Be(Program.ExitClean);
        error.Should().Contain("1 finding suppressed.");
        SarifSchema.AssertValid(sarif, _output);
        using (var document = JsonDocument.Parse(sarif))
        {
            var result = document.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "OTP1001");
            result.GetProperty("suppressions")[0].GetProperty("kind").GetString().Should().Be("inSource");
        }

        var (_, json, _) = Run("scan", dir.Path, "--root", dir.Path, "--format", "json");
        using (var document = JsonDocument.Parse(json))
        {
            document.RootElement.GetProperty("summary").GetProperty("suppressed").GetInt32().Should().Be(1);
            var finding = document.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("ruleId").GetString() == "OTP1001");
            finding.GetProperty("suppressions")[0].GetProperty("justification").GetString().Should().Be("the build image needs root");
        }
    }

    [Theory]
    [InlineData(".opstower-policy.yaml")]
    [InlineData(".opstower-policy.yml")]
    public void The_project_config_at_the_root_is_the_policy_and_text_says_so(string name)
    {
        using var dir = new TempDirectory();
        dir.Write("Dockerfile", RootUserDockerfile);
        string config = dir.Write(name, "name: project\nrules:\n  OTP1001: off\n");

        var (code, output, _) = Run("scan", dir.Path, "--root", dir.Path);

        code.Should().Be(Program.ExitClean);
        output.Should().StartWith($"Using policy {config} (found at the scan root; --no-config ignores it).");
        output.Should().NotContain("OTP1001");
    }

    [Fact]
    public void No_config_and_an_explicit_policy_both_leave_the_project_config_out()
    {
        using var dir = new TempDirectory();
        dir.Write("Dockerfile", RootUserDockerfile);
        dir.Write(".opstower-policy.yaml", "rules:\n  OTP1001: off\n");
        string other = dir.Write("other.yaml", "rules:\n  OTP1004: off\n");

        var (code, output, _) = Run("scan", dir.Path, "--root", dir.Path, "--no-config");
        code.Should().Be(Program.ExitFindings);
        output.Should().Contain("OTP1001").And.NotContain("Using policy");

        (code, output, _) = Run("scan", dir.Path, "--root", dir.Path, "--policy", other);
        code.Should().Be(Program.ExitFindings);
        output.Should().Contain("OTP1001").And.NotContain("OTP1004").And.NotContain("Using policy");
    }

    [Fact]
    public void With_a_report_on_stdout_the_config_notice_goes_to_stderr()
    {
        using var dir = new TempDirectory();
        dir.Write("Dockerfile", RootUserDockerfile);
        dir.Write(".opstower-policy.yaml", "rules:\n  OTP1001: off\n");

        var (code, sarif, error) = Run("scan", dir.Path, "--root", dir.Path, "--format", "sarif");

        code.Should().Be(Program.ExitClean);
        error.Should().Contain("Using policy");
        SarifSchema.AssertValid(sarif, _output);
    }

    [Fact]
    public void A_broken_project_config_exits_with_2_and_names_it()
    {
        using var dir = new TempDirectory();
        dir.Write("Dockerfile", RootUserDockerfile);
        dir.Write(".opstower-policy.yaml", "rules:\n  OTP1001: loud\n");

        var (code, _, error) = Run("scan", dir.Path, "--root", dir.Path);

        code.Should().Be(Program.ExitError);
        error.Should().Contain(".opstower-policy.yaml");
    }

    [Fact]
    public void With_a_baseline_only_new_findings_fail_the_scan()
    {
        using var dir = new TempDirectory();
        dir.Write("Dockerfile", RootUserDockerfile);
        string before = dir.In("before.sarif");
        Run("scan", dir.Path, "--root", dir.Path, "--format", "sarif", "--output", before).Code.Should().Be(Program.ExitFindings);

        var (code, output, _) = Run("scan", dir.Path, "--root", dir.Path, "--baseline", before);
        code.Should().Be(Program.ExitClean);
        output.Should().Contain("Against the baseline: 0 new, ");

        dir.Write("svc/Dockerfile", RootUserDockerfile);
        var (again, sarif, _) = Run("scan", dir.Path, "--root", dir.Path, "--baseline", before, "--format", "sarif");
        again.Should().Be(Program.ExitFindings);
        SarifSchema.AssertValid(sarif, _output);
        using var document = JsonDocument.Parse(sarif);
        document.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Where(r => r.GetProperty("ruleId").GetString() == "OTP1001")
            .Select(r => (r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString(), r.GetProperty("baselineState").GetString()))
            .Should().Equal(("Dockerfile", "unchanged"), ("svc/Dockerfile", "new"));
    }

    [Fact]
    public void A_malformed_or_missing_baseline_is_a_usage_error()
    {
        using var dir = new TempDirectory();
        dir.Write("Dockerfile", RootUserDockerfile);
        string broken = dir.Write("broken.sarif", "{\"runs\": 3}");

        var (code, output, error) = Run("scan", dir.Path, "--root", dir.Path, "--baseline", broken);
        code.Should().Be(Program.ExitError);
        output.Should().BeEmpty();
        error.Should().Be($"error: {broken}: not a SARIF log (no 'runs' array).{Environment.NewLine}");

        (code, _, error) = Run("scan", dir.Path, "--root", dir.Path, "--baseline", dir.In("missing.sarif"));
        code.Should().Be(Program.ExitError);
        error.Should().Contain("missing.sarif");
    }
}
