using System.Text.Json;
using OpsTower.Policy.Engine;
using OpsTower.Policy.Policies;
using OpsTower.Policy.Reporting.Json;
using OpsTower.Policy.Reporting.Sarif;
using OpsTower.Policy.Reporting.Text;
using OpsTower.Policy.Rules;
using OpsTower.Policy.Text;
using Xunit.Abstractions;

namespace OpsTower.Policy.Tests.Reporting;

/// <summary>Comparing a scan with an earlier SARIF log: the baselineState of each result.</summary>
public class SarifBaselineTests
{
    private static readonly SarifOptions Options = new("1.2.3");

    private readonly ITestOutputHelper _output;

    public SarifBaselineTests(ITestOutputHelper output) => _output = output;

    private static ScanResult Scan(params (string Path, string Text)[] files) =>
        new PolicyEngine(PolicyPack.Baseline).Analyze(files.Select(f => new SourceFile(f.Path, f.Text)), "/repo");

    private const string Before = "FROM alpine:3.19\nUSER root\nCMD [\"sh\"]\n";

    [Fact]
    public void Findings_the_baseline_has_are_unchanged_even_when_their_lines_move_and_others_are_new()
    {
        var baseline = SarifBaseline.Parse(SarifWriter.ToJson(Scan(("Dockerfile", Before)), Options), "before.sarif");

        // Two lines added above: OTP1001 moves from line 2 to line 4, but the hash reads only the text from its line on.
        var after = baseline.Compare(Scan(
            ("Dockerfile", "# syntax=docker/dockerfile:1\n\n" + Before),
            ("tools/Dockerfile", "FROM alpine:3.19\nUSER 10001\nRUN sudo true\n")));

        after.ComparedWithBaseline.Should().BeTrue();
        after.Findings.Single(f => f.RuleId == "OTP1001").BaselineState.Should().Be(BaselineState.Unchanged);
        after.Findings.Single(f => f.RuleId == "OTP1013").BaselineState.Should().Be(BaselineState.New);
        after.HasFindingsAtOrAbove(FindingLevel.Error).Should().BeFalse("the only error was in the baseline");
        after.HasFindingsAtOrAbove(FindingLevel.Warning).Should().BeTrue("OTP1013 is new");

        string sarif = SarifWriter.ToJson(after, Options);
        SarifSchema.AssertValid(sarif, _output);
        using var document = JsonDocument.Parse(sarif);
        var results = document.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        string? StateOf(string ruleId) => results.Single(r => r.GetProperty("ruleId").GetString() == ruleId).GetProperty("baselineState").GetString();
        StateOf("OTP1001").Should().Be("unchanged");
        StateOf("OTP1013").Should().Be("new");
    }

    [Fact]
    public void Without_a_baseline_results_have_no_baseline_state()
    {
        using var document = JsonDocument.Parse(SarifWriter.ToJson(Scan(("Dockerfile", Before)), Options));

        document.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Should().OnlyContain(r => !HasBaselineState(r));
    }

    private static bool HasBaselineState(JsonElement result) => result.TryGetProperty("baselineState", out _);

    [Fact]
    public void The_same_rule_in_another_file_is_new()
    {
        var baseline = SarifBaseline.Parse(SarifWriter.ToJson(Scan(("a/Dockerfile", Before)), Options), "before.sarif");

        var after = baseline.Compare(Scan(("a/Dockerfile", Before), ("b/Dockerfile", Before)));

        after.Findings.Where(f => f.RuleId == "OTP1001").Select(f => (f.File.Path, f.BaselineState))
            .Should().Equal(("a/Dockerfile", BaselineState.Unchanged), ("b/Dockerfile", BaselineState.New));
    }

    [Fact]
    public void Json_and_text_count_new_and_unchanged_findings()
    {
        var baseline = SarifBaseline.Parse(SarifWriter.ToJson(Scan(("Dockerfile", Before)), Options), "before.sarif");
        var after = baseline.Compare(Scan(("Dockerfile", Before), ("tools/Dockerfile", "FROM alpine:3.19\nUSER 10001\nRUN sudo true\n")));

        using var document = JsonDocument.Parse(JsonReportWriter.ToJson(after, "1.2.3"));
        var counts = document.RootElement.GetProperty("summary").GetProperty("baseline");
        int unchanged = after.Findings.Count(f => f.File.Path == "Dockerfile");
        int added = after.Findings.Count - unchanged;
        counts.GetProperty("new").GetInt32().Should().Be(added);
        counts.GetProperty("unchanged").GetInt32().Should().Be(unchanged);
        document.RootElement.GetProperty("findings").EnumerateArray()
            .Single(f => f.GetProperty("ruleId").GetString() == "OTP1013").GetProperty("baselineState").GetString().Should().Be("new");
        TextReportWriter.Summary(after).Should().EndWith($" Against the baseline: {added} new, {unchanged} unchanged.");

        using var plain = JsonDocument.Parse(JsonReportWriter.ToJson(Scan(("Dockerfile", Before)), "1.2.3"));
        plain.RootElement.GetProperty("summary").GetProperty("baseline").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Theory]
    [InlineData("{", "not a JSON document")]
    [InlineData("[]", "not a SARIF log (no 'runs' array)")]
    [InlineData("{\"runs\": [{\"tool\": {\"driver\": {\"name\": \"CodeQL\"}}, \"results\": []}]}", "a SARIF run by 'CodeQL', not by opstower-policy")]
    [InlineData("{\"runs\": [{\"results\": []}]}", "a SARIF run by 'an unnamed tool'")]
    [InlineData("{\"runs\": [{\"tool\": {\"driver\": {\"name\": \"opstower-policy\"}}, \"results\": {}}]}", "'results' is not an array")]
    [InlineData("{\"runs\": [{\"tool\": {\"driver\": {\"name\": \"opstower-policy\"}}, \"results\": [{\"ruleId\": \"OTP1001\"}]}]}", "result 0 has no ruleId or no location URI")]
    public void A_log_that_is_not_ours_is_rejected_with_a_reason(string text, string reason)
    {
        using var dir = new Testing.TempDirectory();
        string path = dir.Write("old.sarif", text);

        var act = () => SarifBaseline.Load(path);

        act.Should().Throw<BaselineException>().Which.Message.Should().StartWith(path + ": ").And.Contain(reason);
    }
}
