using System.Text.Json;
using OpsTower.Policy.Engine;
using OpsTower.Policy.Policies;
using OpsTower.Policy.Reporting.Json;
using OpsTower.Policy.Reporting.Sarif;
using OpsTower.Policy.Reporting.Text;
using OpsTower.Policy.Tests.Engine;
using OpsTower.Policy.Text;
using Xunit.Abstractions;

namespace OpsTower.Policy.Tests.Reporting;

/// <summary>How each report shows suppressed findings and stale suppressions.</summary>
public class SuppressionReportTests
{
    private readonly ITestOutputHelper _output;

    public SuppressionReportTests(ITestOutputHelper output) => _output = output;

    private static ScanResult Result() => new PolicyEngine(PolicyPack.Baseline).Analyze(new[]
    {
        new SourceFile("Dockerfile", SuppressionEngineTests.SuppressedRootDockerfile),
        new SourceFile("k8s/pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n    - name: a\n      image: nginx:1.25 # opstower-policy:ignore OTP2010,OTP2011\n"),
    });

    private static bool HasSuppressions(JsonElement result) => result.TryGetProperty("suppressions", out _);

    [Fact]
    public void Sarif_results_carry_in_source_suppressions_and_stale_ones_are_notifications()
    {
        string sarif = SarifWriter.ToJson(Result(), new SarifOptions("1.2.3"));
        SarifSchema.AssertValid(sarif, _output);
        using var document = JsonDocument.Parse(sarif);
        var run = document.RootElement.GetProperty("runs")[0];
        var results = run.GetProperty("results").EnumerateArray().ToList();

        var root = results.Single(r => r.GetProperty("ruleId").GetString() == "OTP1001");
        var suppression = root.GetProperty("suppressions").EnumerateArray().Should().ContainSingle().Subject;
        suppression.GetProperty("kind").GetString().Should().Be("inSource");
        suppression.GetProperty("justification").GetString().Should().Be("the build image needs root");
        var location = suppression.GetProperty("location").GetProperty("physicalLocation");
        location.GetProperty("artifactLocation").GetProperty("uri").GetString().Should().Be("Dockerfile");
        location.GetProperty("region").GetProperty("startLine").GetInt32().Should().Be(2);
        location.GetProperty("region").GetProperty("endColumn").GetInt32().Should().Be(63);

        var digest = results.Single(r => r.GetProperty("ruleId").GetString() == "OTP2011");
        digest.GetProperty("suppressions")[0].TryGetProperty("justification", out _).Should().BeFalse("the comment gives none");
        results.Where(r => r.GetProperty("ruleId").GetString() == "OTP1003").Should().OnlyContain(r => !HasSuppressions(r));

        var notification = run.GetProperty("invocations")[0].GetProperty("toolExecutionNotifications").EnumerateArray().Should().ContainSingle().Subject;
        notification.GetProperty("level").GetString().Should().Be("note");
        notification.GetProperty("message").GetProperty("text").GetString().Should().Contain("OTP2010 matches no finding on line 7");
        notification.GetProperty("associatedRule").GetProperty("id").GetString().Should().Be("OTP2010");
        run.GetProperty("invocations")[0].GetProperty("executionSuccessful").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public void Json_findings_list_their_suppressions_and_the_summary_counts_them_apart()
    {
        var result = Result();
        using var document = JsonDocument.Parse(JsonReportWriter.ToJson(result, "1.2.3"));
        var root = document.RootElement;
        var findings = root.GetProperty("findings").EnumerateArray().ToList();

        var suppressed = findings.Single(f => f.GetProperty("ruleId").GetString() == "OTP1001").GetProperty("suppressions").EnumerateArray().Single();
        suppressed.EnumerateObject().Select(p => p.Name).Should().Equal("kind", "justification", "path", "startLine", "startColumn", "endLine", "endColumn");
        suppressed.GetProperty("kind").GetString().Should().Be("inSource");
        suppressed.GetProperty("justification").GetString().Should().Be("the build image needs root");
        suppressed.GetProperty("startLine").GetInt32().Should().Be(2);
        findings.Single(f => f.GetProperty("ruleId").GetString() == "OTP2011").GetProperty("suppressions")[0]
            .GetProperty("justification").ValueKind.Should().Be(JsonValueKind.Null);
        findings.Where(f => f.GetProperty("ruleId").GetString() == "OTP1003").Should().OnlyContain(f => f.GetProperty("suppressions").GetArrayLength() == 0);

        var summary = root.GetProperty("summary");
        summary.GetProperty("suppressed").GetInt32().Should().Be(2);
        summary.GetProperty("findings").GetInt32().Should().Be(findings.Count - 2);
        summary.GetProperty("byLevel").GetProperty("error").GetInt32().Should().Be(result.Findings.Count(f => !f.IsSuppressed && f.Level == OpsTower.Policy.Rules.FindingLevel.Error));
    }

    [Fact]
    public void Text_hides_suppressed_findings_and_counts_them()
    {
        var result = Result();
        var writer = new StringWriter();
        TextReportWriter.Write(result, writer);
        string text = writer.ToString();

        text.Should().NotContain("OTP1001").And.NotContain("OTP2011");
        text.Should().Contain("k8s/pod.yaml:7:25: scan note: This suppression of OTP2010 matches no finding on line 7; remove it.");
        text.Should().Contain("Dockerfile:1:6: note OTP1003");
        TextReportWriter.Summary(result).Should().EndWith(" 2 findings suppressed.");
    }
}
