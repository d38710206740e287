using System.Text.Json;
using OpsTower.Policy.Cli;
using OpsTower.Policy.Tests.Reporting;
using OpsTower.Policy.Tests.Testing;
using Xunit.Abstractions;

namespace OpsTower.Policy.Tests.Cli;

/// <summary>The command line end to end, in-process: arguments in, exit code and output out.</summary>
public class CliTests
{
    private readonly ITestOutputHelper _output;

    public CliTests(ITestOutputHelper output) => _output = output;

    private const string RootUserDockerfile = CliRunner.RootUserDockerfile;

    private static (int Code, string Out, string Err) Run(params string[] args) => CliRunner.Run(args);

    [Fact]
    public void Help_lists_the_commands()
    {
        var (code, output, _) = Run("--help");

        code.Should().Be(0);
        output.Should().Contain("scan").And.Contain("rules").And.Contain("explain");
    }

    [Theory]
    [InlineData("scan", "--format", "xml")]
    [InlineData("scan", "--fail-on", "sometimes")]
    [InlineData("frobnicate")]
    public void Usage_errors_exit_with_2(params string[] args)
    {
        var (code, _, error) = Run(args);

        code.Should().Be(Program.ExitError);
        error.Should().Contain("error:");
    }

    [Fact]
    public void A_missing_path_exits_with_2_and_names_it()
    {
        using var dir = new TempDirectory();

        var (code, _, error) = Run("scan", dir.In("missing"));

        code.Should().Be(Program.ExitError);
        error.Should().Contain("missing");
    }

    [Fact]
    public void Findings_at_the_fail_level_exit_with_1_and_print_a_code_frame()
    {
        using var dir = new TempDirectory();
        dir.Write("svc/Dockerfile", RootUserDockerfile);

        var (code, output, _) = Run("scan", dir.Path, "--root", dir.Path);

        code.Should().Be(Program.ExitFindings);
        output.Should().Contain("svc/Dockerfile:2:6: error OTP1001");
        output.Should().Contain(" 2 | USER root").And.Contain("   |      ^^^^");
        output.Should().Contain("finding");
    }

    [Fact]
    public void Fail_on_none_always_exits_0_and_a_clean_tree_exits_0()
    {
        using var dir = new TempDirectory();
        dir.Write("Dockerfile", RootUserDockerfile);

        Run("scan", dir.Path, "--root", dir.Path, "--fail-on", "none").Code.Should().Be(0);
        Run("scan", dir.Path, "--root", dir.Path, "--exclude", "Dockerfile").Code.Should().Be(0);
    }

    [Fact]
    public void A_policy_file_can_turn_a_rule_off()
    {
        using var dir = new TempDirectory();
        dir.Write("Dockerfile", RootUserDockerfile);
        string policy = dir.Write("policy.yaml", "name: team\nrules:\n  OTP1001: off\n");

        var (_, output, _) = Run("scan", dir.In("Dockerfile"), "--root", dir.Path, "--policy", policy, "--fail-on", "none");

        output.Should().NotContain("OTP1001");
    }

    [Fact]
    public void A_broken_policy_file_exits_with_2_and_its_position()
    {
        using var dir = new TempDirectory();
        string policy = dir.Write("policy.yaml", "rules:\n  OTP1001: loud\n");

        var (code, _, error) = Run("scan", dir.Path, "--policy", policy);

        code.Should().Be(Program.ExitError);
        error.Should().Contain("(2,12)");
    }

    [Fact]
    public void Sarif_output_goes_to_the_file_with_the_category()
    {
        using var dir = new TempDirectory();
        dir.Write("Dockerfile", RootUserDockerfile);
        string sarif = dir.In("out.sarif");

        var (code, _, error) = Run("scan", dir.In("Dockerfile"), "--root", dir.Path, "--format", "sarif", "--output", sarif, "--category", "containers");

        code.Should().Be(Program.ExitFindings);
        error.Should().Contain("finding");
        SarifSchema.AssertValid(File.ReadAllText(sarif), _output);
        using var document = JsonDocument.Parse(File.ReadAllText(sarif));
        var run = document.RootElement.GetProperty("runs")[0];
        run.GetProperty("automationDetails").GetProperty("id").GetString().Should().StartWith("containers");
        run.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("ruleId").GetString()).Should().Contain("OTP1001");
    }

    [Fact]
    public void Json_output_lists_findings_with_positions()
    {
        using var dir = new TempDirectory();
        dir.Write("Dockerfile", RootUserDockerfile);

        var (_, output, _) = Run("scan", dir.In("Dockerfile"), "--root", dir.Path, "--format", "json", "--fail-on", "none");

        output.Should().Contain("\"OTP1001\"");
        using var document = JsonDocument.Parse(output);
        document.RootElement.ValueKind.Should().Be(JsonValueKind.Object);
    }

    [Fact]
    public void Rules_are_listed_in_every_format()
    {
        Run("rules").Out.Should().Contain("OTP1001");
        Run("rules", "--format", "markdown").Out.Should().Contain("| [OTP1001](docs/rules/OTP1001.md) |");
        using var document = JsonDocument.Parse(Run("rules", "--format", "json").Out);
        document.RootElement.EnumerateArray().Select(r => r.GetProperty("id").GetString()).Should().Contain("OTP1001");
    }

    [Fact]
    public void Rules_show_the_levels_of_the_project_config_a_scan_would_use()
    {
        using var dir = new TempDirectory();
        dir.Write(".opstower-policy.yaml", "name: team\nrules:\n  OTP1003: error\n");

        string LevelOf(params string[] args)
        {
            using var document = JsonDocument.Parse(Run(args).Out);
            return document.RootElement.EnumerateArray().Single(r => r.GetProperty("id").GetString() == "OTP1003").GetProperty("level").GetString()!;
        }

        LevelOf("rules", "--format", "json", "--root", dir.Path).Should().Be("error");
        LevelOf("rules", "--format", "json", "--root", dir.Path, "--no-config").Should().Be("note");
        LevelOf("rules", "--format", "json").Should().Be("note");
    }

    [Fact]
    public void Explain_prints_the_help_or_exits_2_for_an_unknown_id()
    {
        var (code, output, _) = Run("explain", "otp1001");
        code.Should().Be(0);
        output.Should().Contain("# OTP1001").And.Contain("## Why");

        Run("explain", "OTP9999").Code.Should().Be(Program.ExitError);
    }

    [Fact]
    public void A_var_file_overrides_variable_defaults_for_terraform_rules()
    {
        using var dir = new TempDirectory();
        dir.Write("infra/main.tf",
            "variable \"encrypted\" {\n  default = true\n}\n\nresource \"aws_db_instance\" \"db\" {\n  storage_encrypted = var.encrypted\n}\n");
        string varFile = dir.Write("prod.tfvars", "encrypted = false\n");

        var (_, withoutVarFile, _) = Run("scan", dir.In("infra"), "--root", dir.Path, "--fail-on", "none");
        var (_, withVarFile, _) = Run("scan", dir.In("infra"), "--root", dir.Path, "--fail-on", "none", "--var-file", varFile);

        withoutVarFile.Should().NotContain("OTP3001");
        withVarFile.Should().Contain("infra/main.tf:6:").And.Contain("OTP3001");
    }
}
