using Microsoft.CodeAnalysis;
using OpsTower.Policy.Analyzers.Tests.Testing;
using static OpsTower.Policy.Analyzers.Tests.Testing.Verify;

namespace OpsTower.Policy.Analyzers.Tests;

/// <summary>Findings that an <c>opstower-policy:ignore</c> comment silences are not diagnostics.</summary>
public class SuppressionTests
{
    [Fact]
    public async Task A_suppressed_finding_is_not_reported_and_the_others_are()
    {
        var test = Test(onlyRules: new[] { "OTP1001", "OTP1013" });
        test.TestState.AdditionalFiles.Add((InRoot("Dockerfile"),
            "FROM alpine:3.19\n# opstower-policy:ignore OTP1001 -- a build tool image\nUSER root\nRUN sudo true\n"));
        test.ExpectedDiagnostics.Add(Diagnostic("OTP1013", DiagnosticSeverity.Warning).WithSpan(InRoot("Dockerfile"), 4, 5, 4, 9));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_stale_suppression_is_a_note_the_analyzer_leaves_out()
    {
        var test = Test(onlyRules: new[] { "OTP1001" });
        test.TestState.AdditionalFiles.Add((InRoot("Dockerfile"), "FROM alpine:3.19\n# opstower-policy:ignore OTP1001\nUSER 10001\n"));
        await test.RunAsync();
    }
}
