using OpsTower.Policy.Engine;
using OpsTower.Policy.Reporting.Markdown;
using OpsTower.Policy.Rules;
using OpsTower.Policy.Text;
using static OpsTower.Policy.Tests.Reporting.ReportingTestData;

namespace OpsTower.Policy.Tests.Reporting;

public class MarkdownReportWriterTests
{
    [Fact]
    public void A_small_scan_against_a_baseline_gives_exactly_this_summary()
    {
        Finding[] findings = Findings().Take(2).ToArray();
        findings[0] = findings[0].WithBaselineState(BaselineState.New)
            .WithSuppressions(new[] { new Suppression(SuppressionKind.InSource, "build stage", Dockerfile, SpanOf(Dockerfile, "USER root")) });
        findings[1] = findings[1].WithBaselineState(BaselineState.Unchanged);
        var result = new ScanResult("/r", new[] { Dockerfile }, new[] { RunAsNonRoot, PinBaseImage }, findings,
            new[] { new ScanNotification(NotificationLevel.Note, "OTP1003 matches no finding on line 2.", "Dockerfile") }, comparedWithBaseline: true);

        MarkdownReportWriter.ToMarkdown(result).Should().Be(
            "## opstower-policy\n\n" +
            "| error | warning | note |\n|---:|---:|---:|\n| 0 | 1 | 0 |\n\n" +
            "1 finding in 1 file of 1 scanned (2 rules checked). 1 finding suppressed. Against the baseline: 0 new, 1 unchanged.\n\n" +
            "| Level | Rule | Location | Message | Baseline |\n|---|---|---|---|---|\n" +
            "| warning | [OTP1002](https://github.com/opstower/opstower-policy/blob/main/docs/rules/OTP1002.md) PinBaseImageDigest | Dockerfile:1:6 | node:20 is not pinned by digest. | unchanged |\n\n" +
            "### Scan problems\n\n" +
            "- scan note: Dockerfile: OTP1003 matches no finding on line 2.\n\n");
    }

    [Fact]
    public void The_realistic_scan_lists_errors_first_then_in_report_order_and_every_scan_problem()
    {
        string markdown = MarkdownReportWriter.ToMarkdown(RealisticShuffled());

        markdown.Should().Contain("| 3 | 1 | 0 |\n\n4 findings in 3 files of 3 scanned (4 rules checked).\n\n| Level | Rule | Location | Message |\n|---|---|---|---|\n");
        markdown.Split('\n').Where(l => l.StartsWith("| error | [", StringComparison.Ordinal) || l.StartsWith("| warning | [", StringComparison.Ordinal))
            .Select(l => l.Split(" | ")[2]).Should().Equal("Dockerfile:5:1", "deploy/k8s/web app.yaml:10:9", "infra/naïve#1.tf:2:3", "Dockerfile:1:6");
        markdown.Should().EndWith(
            "### Scan problems\n\n" +
            "- scan note: No policy file was found; the baseline policy applies.\n" +
            "- scan warning: assets/big.json: Skipped: the file is larger than 1 MB.\n" +
            "- scan error: deploy/k8s/broken.yaml:4:9: Could not parse the file: mapping values are not allowed here.\n" +
            "- scan error: deploy/k8s/web app.yaml: The rule failed: Object reference not set to an instance of an object.\n\n");
    }

    [Fact]
    public void Scan_text_is_escaped_so_it_stays_in_its_cell()
    {
        var file = new SourceFile("my_app/Docker|file", "USER root\n");
        var finding = new Finding(RunAsNonRoot, FindingLevel.Error, "a|b `c` <x> & *y* [l](u) back\\slash\r\nnext\nlast", file, SpanOf(file, "root"));
        var result = new ScanResult("/r", new[] { file }, new[] { RunAsNonRoot }, new[] { finding }, Array.Empty<ScanNotification>());

        MarkdownReportWriter.ToMarkdown(result).Should().Contain(
            "| error | [OTP1001](https://github.com/opstower/opstower-policy/blob/main/docs/rules/OTP1001.md) RunAsNonRoot | my\\_app/Docker\\|file:1:6 | " +
            "a\\|b \\`c\\` &lt;x> &amp; \\*y\\* \\[l\\](u) back\\\\slash<br>next<br>last |\n");
    }

    [Fact]
    public void The_table_stops_at_200_rows_and_says_how_many_more()
    {
        var file = new SourceFile("Dockerfile", string.Concat(Enumerable.Repeat("USER root\n", 205)));
        Finding[] findings = Enumerable.Range(0, 205)
            .Select(i => new Finding(RunAsNonRoot, FindingLevel.Error, "The last USER is root.", file, new TextSpan(i * 10, 9)))
            .ToArray();
        var result = new ScanResult("/r", new[] { file }, new[] { RunAsNonRoot }, findings, Array.Empty<ScanNotification>());

        string markdown = MarkdownReportWriter.ToMarkdown(result);

        markdown.Split('\n').Count(l => l.StartsWith("| error | [", StringComparison.Ordinal)).Should().Be(MarkdownReportWriter.MaxRows);
        markdown.Should().Contain("| Dockerfile:200:1 |").And.NotContain("Dockerfile:201:1");
        markdown.Should().Contain("| 205 | 0 | 0 |").And.EndWith("| The last USER is root. |\n\n…and 5 more findings.\n\n");
    }

    [Fact]
    public void A_clean_scan_says_so_without_a_table()
    {
        var clean = new ScanResult("/r", new[] { Dockerfile }, ReportingTestData.Rules(), Array.Empty<Finding>(), Array.Empty<ScanNotification>());

        MarkdownReportWriter.ToMarkdown(clean).Should().Be(
            "## opstower-policy\n\n| error | warning | note |\n|---:|---:|---:|\n| 0 | 0 | 0 |\n\nNo findings in 1 file (4 rules checked).\n\n");
    }
}
