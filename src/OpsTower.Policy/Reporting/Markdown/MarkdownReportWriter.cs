using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using OpsTower.Policy.Engine;
using OpsTower.Policy.Rules;

namespace OpsTower.Policy.Reporting.Markdown;

/// <summary>
/// A GitHub-flavoured Markdown summary for <c>$GITHUB_STEP_SUMMARY</c> or a pull-request comment:
/// <code>
/// ## opstower-policy
///
/// | error | warning | note |
/// |---:|---:|---:|
/// | 3 | 1 | 0 |
///
/// 4 findings in 3 files of 3 scanned (4 rules checked). 1 finding suppressed. Against the baseline: 3 new, 1 unchanged.
///
/// | Level | Rule | Location | Message | Baseline |
/// |---|---|---|---|---|
/// | error | [OTP1001](https://…/OTP1001.md) RunAsNonRoot | Dockerfile:5:1 | The last USER is root. | new |
///
/// …and 12 more findings.
///
/// ### Scan problems
///
/// - error: deploy/k8s/broken.yaml:4:9: Could not parse the file…
/// </code>
/// The counts and the table leave suppressed findings out; the Baseline column is there only with a baseline; the table
/// stops at <see cref="MaxRows"/> rows; "Scan problems" lists every notification. Text from the scan is escaped so it
/// stays inside its cell and renders literally. Lines end with <c>\n</c>.
/// </summary>
public static class MarkdownReportWriter
{
    /// <summary>GitHub caps a step summary at 1 MiB and a comment at 65,536 characters; 200 rows stay well inside both.</summary>
    public const int MaxRows = 200;

    public static void Write(ScanResult result, TextWriter output)
    {
        if (result is null) throw new ArgumentNullException(nameof(result));
        if (output is null) throw new ArgumentNullException(nameof(output));
        var md = new StringBuilder();
        // The table is capped, so the rows that matter come first: new before unchanged, errors before notes.
        Finding[] shown = result.Findings
            .Where(f => !f.IsSuppressed)
            .OrderByDescending(f => f.BaselineState == BaselineState.New)
            .ThenByDescending(f => f.Level)
            .ThenBy(f => f, Comparer<Finding>.Create(Finding.Compare))
            .ToArray();

        md.Append("## opstower-policy\n\n");
        md.Append("| error | warning | note |\n|---:|---:|---:|\n");
        md.Append(Invariant($"| {shown.Count(f => f.Level == FindingLevel.Error)} | {shown.Count(f => f.Level == FindingLevel.Warning)} | {shown.Count(f => f.Level == FindingLevel.Note)} |\n\n"));

        int filesWithFindings = shown.Select(f => f.File.Path).Distinct(StringComparer.Ordinal).Count();
        md.Append(shown.Length == 0
            ? $"No findings in {Plural(result.Files.Count, "file")} ({Plural(result.Rules.Count, "rule")} checked)."
            : $"{Plural(shown.Length, "finding")} in {Plural(filesWithFindings, "file")} of {result.Files.Count.ToString(CultureInfo.InvariantCulture)} scanned ({Plural(result.Rules.Count, "rule")} checked).");
        if (result.SuppressedCount > 0) md.Append(' ').Append(Plural(result.SuppressedCount, "finding")).Append(" suppressed.");
        if (result.ComparedWithBaseline)
        {
            md.Append(Invariant($" Against the baseline: {shown.Count(f => f.BaselineState == BaselineState.New)} new, {shown.Count(f => f.BaselineState == BaselineState.Unchanged)} unchanged."));
        }
        md.Append("\n\n");

        if (shown.Length > 0)
        {
            md.Append(result.ComparedWithBaseline ? "| Level | Rule | Location | Message | Baseline |\n|---|---|---|---|---|\n" : "| Level | Rule | Location | Message |\n|---|---|---|---|\n");
            foreach (Finding finding in shown.Take(MaxRows))
            {
                md.Append("| ").Append(finding.Level.ToSarif())
                  .Append(" | [").Append(finding.RuleId).Append("](").Append(finding.Rule.HelpUri).Append(") ").Append(Escape(finding.Rule.Name))
                  .Append(" | ").Append(Escape(finding.File.Path)).Append(Invariant($":{finding.Position.Start.Line}:{finding.Position.Start.Column}"))
                  .Append(" | ").Append(Escape(finding.Message))
                  .Append(finding.BaselineState is { } state ? " | " + state.ToSarif() : "")
                  .Append(" |\n");
            }
            if (shown.Length > MaxRows) md.Append('\n').Append("…and ").Append(Plural(shown.Length - MaxRows, "more finding")).Append(".\n");
            md.Append('\n');
        }

        ScanNotification[] notifications = result.Notifications
            .OrderBy(n => n, Comparer<ScanNotification>.Create(ScanNotification.Compare))
            .ThenByDescending(n => n.Level)
            .ToArray();
        if (notifications.Length > 0)
        {
            md.Append("### Scan problems\n\n");
            foreach (ScanNotification notification in notifications)
            {
                string location = notification.Path is null ? ""
                    : Escape(notification.Path) + (notification.Position is { } p ? Invariant($":{p.Start.Line}:{p.Start.Column}") : "") + ": ";
                md.Append("- ").Append(LevelName(notification.Level)).Append(": ").Append(location).Append(Escape(notification.Message)).Append('\n');
            }
            md.Append('\n');
        }
        output.Write(md.ToString());
    }

    public static string ToMarkdown(ScanResult result)
    {
        var output = new StringWriter();
        Write(result, output);
        return output.ToString();
    }

    /// <summary>
    /// Makes scan text literal inside a table cell: Markdown punctuation is backslash-escaped ('|' would end the cell,
    /// a backtick open a code span, '*' '_' '[' ']' format), '&amp;' and '&lt;' become entities (no HTML or entity gets
    /// through), and line ends become <c>&lt;br&gt;</c> because a table row is one line.
    /// </summary>
    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '\\' or '|' or '`' or '*' or '_' or '[' or ']':
                    escaped.Append('\\').Append(c);
                    break;
                case '&':
                    escaped.Append("&amp;");
                    break;
                case '<':
                    escaped.Append("&lt;");
                    break;
                case '\r':
                    if (i + 1 < text.Length && text[i + 1] == '\n') i++;
                    escaped.Append("<br>");
                    break;
                case '\n':
                    escaped.Append("<br>");
                    break;
                default:
                    escaped.Append(c);
                    break;
            }
        }
        return escaped.ToString();
    }

    private static string LevelName(NotificationLevel level) => level switch
    {
        NotificationLevel.Error => "scan error",
        NotificationLevel.Warning => "scan warning",
        _ => "scan note",
    };

    private static string Plural(int count, string noun) =>
        count == 1 ? $"1 {noun}" : $"{count.ToString(CultureInfo.InvariantCulture)} {noun}s";

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
