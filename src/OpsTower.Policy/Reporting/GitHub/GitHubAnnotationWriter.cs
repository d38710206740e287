using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using OpsTower.Policy.Engine;
using OpsTower.Policy.Rules;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Reporting.GitHub;

/// <summary>
/// GitHub Actions workflow commands: the runner turns each line on a step's standard output into an annotation on the
/// file and line. First scan errors and warnings (notes, such as stale suppressions, are left out), then one line per
/// finding not suppressed, both sorted as every report sorts them:
/// <code>
/// ::error file=deploy/k8s/broken.yaml,line=4,col=9,endLine=4,endColumn=10,title=opstower-policy scan error::Could not parse the file…
/// ::error file=Dockerfile,line=5,col=1,endLine=5,endColumn=10,title=OTP1001 RunAsNonRoot::The last USER is root.
/// ::warning file=Dockerfile,line=1,col=6,endLine=1,endColumn=13,title=OTP1002 PinBaseImageDigest::node:20 is not pinned by digest.
/// </code>
/// error → <c>::error</c>, warning → <c>::warning</c>, note → <c>::notice</c>. Paths are relative to the scan root with
/// '/'; positions are the engine's (1-based, end column exclusive); properties with no value are left out. Values are
/// escaped as @actions/core's <c>escapeData</c> and <c>escapeProperty</c> do. Lines end with <c>\n</c>.
/// </summary>
public static class GitHubAnnotationWriter
{
    public static void Write(ScanResult result, TextWriter output)
    {
        if (result is null) throw new ArgumentNullException(nameof(result));
        if (output is null) throw new ArgumentNullException(nameof(output));

        var notifications = result.Notifications
            .Where(n => n.Level != NotificationLevel.Note)
            .OrderBy(n => n, Comparer<ScanNotification>.Create(ScanNotification.Compare))
            .ThenByDescending(n => n.Level);
        foreach (ScanNotification notification in notifications)
        {
            bool error = notification.Level == NotificationLevel.Error;
            WriteCommand(output, error ? "error" : "warning", notification.Path, notification.Position,
                error ? "opstower-policy scan error" : "opstower-policy scan warning", notification.Message);
        }

        var findings = result.Findings
            .Where(f => !f.IsSuppressed)
            .OrderBy(f => f, Comparer<Finding>.Create(Finding.Compare));
        foreach (Finding finding in findings)
        {
            WriteCommand(output, Command(finding.Level), finding.File.Path, finding.Position, $"{finding.RuleId} {finding.Rule.Name}", finding.Message);
        }
    }

    public static string ToText(ScanResult result)
    {
        var output = new StringWriter();
        Write(result, output);
        return output.ToString();
    }

    /// <summary>@actions/core's <c>escapeData</c>: the runner reads a command up to the line end and unescapes these.</summary>
    public static string EscapeData(string value) =>
        value.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

    /// <summary>@actions/core's <c>escapeProperty</c>: ':' and ',' also delimit properties.</summary>
    public static string EscapeProperty(string value) =>
        EscapeData(value).Replace(":", "%3A").Replace(",", "%2C");

    private static string Command(FindingLevel level) => level switch
    {
        FindingLevel.Error => "error",
        FindingLevel.Warning => "warning",
        _ => "notice",
    };

    private static void WriteCommand(TextWriter output, string command, string? path, LinePositionSpan? position, string title, string message)
    {
        var properties = new List<string>();
        if (path is not null)
        {
            properties.Add("file=" + EscapeProperty(path));
            if (position is { } p)
            {
                properties.Add(FormattableString.Invariant($"line={p.Start.Line}"));
                // The runner drops an annotation whose col/endColumn are given with line != endLine, so a span over
                // several lines is annotated by lines only.
                if (p.Start.Line == p.End.Line) properties.Add(FormattableString.Invariant($"col={p.Start.Column}"));
                properties.Add(FormattableString.Invariant($"endLine={p.End.Line}"));
                if (p.Start.Line == p.End.Line) properties.Add(FormattableString.Invariant($"endColumn={p.End.Column}"));
            }
        }
        properties.Add("title=" + EscapeProperty(title));
        // Written with '\n' whatever the platform, so the report is the same bytes everywhere.
        output.Write(new StringBuilder("::").Append(command).Append(' ').Append(string.Join(",", properties))
            .Append("::").Append(EscapeData(message)).Append('\n').ToString());
    }
}
