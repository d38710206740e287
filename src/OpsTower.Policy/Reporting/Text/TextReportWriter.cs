using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using OpsTower.Policy.Engine;
using OpsTower.Policy.Rules;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Reporting.Text;

/// <summary>
/// Human-readable report: each finding as <c>path:line:col: level ID message</c> with a code frame, then a summary.
/// Suppressed findings are left out; the summary counts them.
/// </summary>
public static class TextReportWriter
{
    public static void Write(ScanResult result, TextWriter output, bool color = false)
    {
        foreach (var notification in result.Notifications)
        {
            output.WriteLine($"{Location(notification.Path, notification.Position)}{Paint(LevelName(notification.Level), NotificationColor(notification.Level), color)}: {notification.Message}");
        }
        if (result.Notifications.Count > 0) output.WriteLine();

        foreach (var finding in result.Findings.Where(f => !f.IsSuppressed))
        {
            output.WriteLine($"{finding.File.Path}:{finding.Position.Start.Line}:{finding.Position.Start.Column}: " +
                             $"{Paint(finding.Level.ToSarif(), LevelColor(finding.Level), color)} {finding.RuleId} {finding.Message}");
            WriteCodeFrame(output, finding.File, finding.Position, color ? LevelColor(finding.Level) : null);
            foreach (var related in finding.RelatedLocations)
            {
                output.WriteLine($"    related: {related.File.Path}:{related.Position.Start.Line}:{related.Position.Start.Column}: {related.Message}");
            }
            output.WriteLine();
        }
        output.WriteLine(Summary(result));
    }

    /// <summary>One line: counts of the findings not suppressed by level, files, suppressed findings and scan errors.</summary>
    public static string Summary(ScanResult result)
    {
        var shown = result.Findings.Where(f => !f.IsSuppressed).ToList();
        int errors = shown.Count(f => f.Level == FindingLevel.Error);
        int warnings = shown.Count(f => f.Level == FindingLevel.Warning);
        int notes = shown.Count(f => f.Level == FindingLevel.Note);
        int filesWithFindings = shown.Select(f => f.File.Path).Distinct().Count();
        string summary = shown.Count == 0
            ? $"No findings in {Plural(result.Files.Count, "file")} ({Plural(result.Rules.Count, "rule")} checked)."
            : $"{Plural(shown.Count, "finding")} ({Plural(errors, "error")}, {Plural(warnings, "warning")}, {Plural(notes, "note")}) " +
              $"in {Plural(filesWithFindings, "file")} of {result.Files.Count} scanned ({Plural(result.Rules.Count, "rule")} checked).";
        int suppressed = result.SuppressedCount;
        if (suppressed > 0) summary += $" {Plural(suppressed, "finding")} suppressed.";
        if (result.ComparedWithBaseline)
            summary += $" Against the baseline: {shown.Count(f => f.BaselineState == BaselineState.New)} new, {shown.Count(f => f.BaselineState == BaselineState.Unchanged)} unchanged.";
        int problems = result.Notifications.Count(n => n.Level == NotificationLevel.Error);
        return problems == 0 ? summary : summary + $" {Plural(problems, "scan error")}: see above.";
    }

    /// <summary>The offending lines with a caret line under the span (at most 3 lines shown for long spans).</summary>
    public static void WriteCodeFrame(TextWriter output, SourceFile file, LinePositionSpan position, string? colorCode = null)
    {
        int first = position.Start.Line;
        int last = Math.Min(position.End.Line, first + 2);
        if (position.End.Line > first && position.End.Column == 1) last = Math.Min(last, position.End.Line - 1);
        int gutter = last.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
        for (int line = first; line <= last && line <= file.LineCount; line++)
        {
            string text = file.GetLineText(line).Replace('\t', ' ');
            output.WriteLine($" {line.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(gutter)} | {text}");
            int startColumn = line == position.Start.Line ? position.Start.Column : FirstNonBlank(text);
            int endColumn = line == position.End.Line ? position.End.Column : text.Length + 1;
            int width = Math.Max(1, endColumn - startColumn);
            string carets = new string(' ', Math.Max(0, startColumn - 1)) + new string('^', width);
            output.WriteLine($" {new string(' ', gutter)} | {(colorCode is null ? carets : Paint(carets, colorCode, true))}");
        }
    }

    private static int FirstNonBlank(string text)
    {
        int i = 0;
        while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
        return i + 1;
    }

    private static string Location(string? path, LinePositionSpan? position) =>
        path is null ? "" : position is { } p ? $"{path}:{p.Start.Line}:{p.Start.Column}: " : $"{path}: ";

    private static string LevelName(NotificationLevel level) => level switch
    {
        NotificationLevel.Error => "scan error",
        NotificationLevel.Warning => "scan warning",
        _ => "scan note",
    };

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static string LevelColor(FindingLevel level) => level switch
    {
        FindingLevel.Error => "31",
        FindingLevel.Warning => "33",
        _ => "36",
    };

    private static string NotificationColor(NotificationLevel level) => level == NotificationLevel.Error ? "31" : "33";

    private static string Paint(string text, string code, bool color) => color ? $"\u001b[{code}m{text}\u001b[0m" : text;
}
