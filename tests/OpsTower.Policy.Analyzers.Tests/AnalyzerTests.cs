using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using OpsTower.Policy.Analyzers.Tests.Testing;
using static OpsTower.Policy.Analyzers.Tests.Testing.Verify;

namespace OpsTower.Policy.Analyzers.Tests;

/// <summary>The analyzer through Microsoft.CodeAnalysis.CSharp.Analyzer.Testing: findings located in the additional file.</summary>
public class AnalyzerTests
{
    private const string UserRoot = "FROM node:20-alpine\nUSER root\nCMD [\"node\", \"index.js\"]\n";
    private const string UserRootMessage = "The final image runs as 'root': switch to an unprivileged user as its last USER.";

    [Fact]
    public async Task Dockerfile_finding_is_reported_at_its_span_in_the_additional_file()
    {
        var test = Test(onlyRules: new[] { "OTP1001" });
        test.TestState.AdditionalFiles.Add((InRoot("services/api/Dockerfile"), UserRoot));
        test.ExpectedDiagnostics.Add(Diagnostic("OTP1001", DiagnosticSeverity.Error)
            .WithSpan(InRoot("services/api/Dockerfile"), 2, 6, 2, 10)
            .WithArguments(UserRootMessage));
        await test.RunAsync();
    }

    [Fact]
    public async Task Every_baseline_rule_that_fires_is_reported_with_its_level()
    {
        // Shell-form ENTRYPOINT (OTP1011, warning), a moving tag (OTP1002, error) and no digest (OTP1003, note = info).
        var test = Test(onlyRules: new[] { "OTP1002", "OTP1003", "OTP1011" });
        test.TestState.AdditionalFiles.Add((InRoot("Dockerfile"), "FROM alpine:latest\nUSER 10001\nENTRYPOINT run-it --now\n"));
        test.ExpectedDiagnostics.Add(Diagnostic("OTP1002", DiagnosticSeverity.Error).WithSpan(InRoot("Dockerfile"), 1, 6, 1, 19));
        test.ExpectedDiagnostics.Add(Diagnostic("OTP1003", DiagnosticSeverity.Info).WithSpan(InRoot("Dockerfile"), 1, 6, 1, 19));
        test.ExpectedDiagnostics.Add(Diagnostic("OTP1011", DiagnosticSeverity.Warning).WithSpan(InRoot("Dockerfile"), 3, 12, 3, 24));
        await test.RunAsync();
    }

    [Fact]
    public async Task Files_the_engine_does_not_recognise_are_ignored()
    {
        var test = Test();
        test.TestState.AdditionalFiles.Add((InRoot("README.md"), "USER root\n"));
        test.TestState.AdditionalFiles.Add((InRoot("config/settings.yaml"), "user: root\n"));
        test.TestState.AdditionalFiles.Add((InRoot("Dockerfile.dockerignore"), "FROM alpine\n"));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_file_the_parser_rejects_is_reported_as_OTP0001_at_the_parser_position()
    {
        var test = Test(onlyRules: Array.Empty<string>());
        test.TestState.AdditionalFiles.Add((InRoot("Dockerfile"), "RUN echo hi\n"));
        test.ExpectedDiagnostics.Add(Diagnostic("OTP0001", DiagnosticSeverity.Warning).WithSpan(InRoot("Dockerfile"), 1, 1, 1, 4));
        await test.RunAsync();
    }

    [Fact]
    public async Task OpsTowerPolicyParameters_set_levels_and_turn_rules_off()
    {
        var test = Test(onlyRules: new[] { "OTP1001", "OTP1003" }, properties: new Dictionary<string, string>
        {
            ["OpsTowerPolicyAnalyzerParameters"] = "OTP1001=off|OTP1003=warning",
        });
        test.TestState.AdditionalFiles.Add((InRoot("Dockerfile"), "FROM node:20-alpine\nUSER root\n"));
        test.ExpectedDiagnostics.Add(Diagnostic("OTP1003", DiagnosticSeverity.Warning).WithSpan(InRoot("Dockerfile"), 1, 6, 1, 20));
        await test.RunAsync();
    }

    [Fact]
    public async Task OpsTowerPolicyParameters_set_rule_parameters()
    {
        // OTP1001's non_root_base_images parameter: node:* is declared non-root, so no USER is needed.
        var test = Test(onlyRules: new[] { "OTP1001" }, properties: new Dictionary<string, string>
        {
            ["OpsTowerPolicyAnalyzerParameters"] = "OTP1001.non_root_base_images=node:*,gcr.io/distroless/*",
        });
        test.TestState.AdditionalFiles.Add((InRoot("Dockerfile"), "FROM node:20-alpine\nCMD [\"node\"]\n"));
        await test.RunAsync();
    }

    [Fact]
    public async Task The_policy_file_is_laid_over_the_baseline()
    {
        var test = Test(onlyRules: new[] { "OTP1001" }, properties: new Dictionary<string, string>
        {
            ["OpsTowerPolicyFile"] = InRoot(".opstower-policy.yaml"),
        });
        test.TestState.AdditionalFiles.Add((InRoot(".opstower-policy.yaml"), "name: team\nrules:\n  OTP1001: warning\n"));
        test.TestState.AdditionalFiles.Add((InRoot("Dockerfile"), UserRoot));
        test.ExpectedDiagnostics.Add(Diagnostic("OTP1001", DiagnosticSeverity.Warning).WithSpan(InRoot("Dockerfile"), 2, 6, 2, 10).WithArguments(UserRootMessage));
        await test.RunAsync();
    }

    [Fact]
    public async Task An_invalid_policy_file_is_OTP0002_at_the_error_and_no_rule_runs()
    {
        var test = Test(properties: new Dictionary<string, string> { ["OpsTowerPolicyFile"] = InRoot("policy.yaml") });
        test.TestState.AdditionalFiles.Add((InRoot("policy.yaml"), "name: team\nrules:\n  OTP1001: loud\n"));
        test.TestState.AdditionalFiles.Add((InRoot("Dockerfile"), UserRoot));
        test.ExpectedDiagnostics.Add(Diagnostic("OTP0002", DiagnosticSeverity.Error)
            .WithSpan(InRoot("policy.yaml"), 3, 12, 3, 16)
            .WithArguments("policy.yaml(3,12): 'loud' is not a level (error, warning, note, none) or 'off'."));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_missing_policy_file_is_OTP0002_without_a_location()
    {
        var test = Test(properties: new Dictionary<string, string> { ["OpsTowerPolicyFile"] = InRoot("missing.yaml") });
        test.TestState.AdditionalFiles.Add((InRoot("Dockerfile"), UserRoot));
        test.ExpectedDiagnostics.Add(Diagnostic("OTP0002", DiagnosticSeverity.Error)
            .WithNoLocation()
            .WithArguments("The policy file '/repo/missing.yaml' (OpsTowerPolicyFile) does not exist or is not among the project's AdditionalFiles."));
        await test.RunAsync();
    }

    [Fact]
    public async Task Invalid_parameters_are_OTP0002()
    {
        var test = Test(properties: new Dictionary<string, string> { ["OpsTowerPolicyAnalyzerParameters"] = "OTP1001=loud" });
        test.TestState.AdditionalFiles.Add((InRoot("Dockerfile"), UserRoot));
        test.ExpectedDiagnostics.Add(Diagnostic("OTP0002", DiagnosticSeverity.Error).WithNoLocation()
            .WithArguments("OpsTowerPolicyParameters: 'loud' is not a level (error, warning, note, none) or 'off' for OTP1001."));
        await test.RunAsync();
    }

    [Fact]
    public async Task Globalconfig_severity_overrides_the_policy_level()
    {
        var test = Test(onlyRules: new[] { "OTP1001" });
        test.TestState.AnalyzerConfigFiles.Add(("/team.globalconfig", "is_global = true\ndotnet_diagnostic.OTP1001.severity = suggestion\n"));
        test.TestState.AdditionalFiles.Add((InRoot("Dockerfile"), UserRoot));
        test.ExpectedDiagnostics.Add(Diagnostic("OTP1001", DiagnosticSeverity.Info).WithSpan(InRoot("Dockerfile"), 2, 6, 2, 10));
        await test.RunAsync();
    }
}
