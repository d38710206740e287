using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using OpsTower.Policy.Engine;
using OpsTower.Policy.Rules;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Reporting.JUnit;

/// <summary>
/// JUnit XML in the shape the GitHub test reporters, GitLab, Jenkins and Azure DevOps read: one
/// <c>&lt;testsuite&gt;</c> per rule that ran, by rule id, holding one <c>&lt;testcase&gt;</c> per finding (sorted as
/// every report sorts them) or, for a rule with no finding, one passing testcase, so the report shows what was checked:
/// <code>
/// &lt;testsuites name="opstower-policy" tests="6" failures="4" errors="1" skipped="0"&gt;
///   &lt;testsuite name="OTP1001 RunAsNonRoot" tests="1" failures="1" errors="0" skipped="0"&gt;
///     &lt;testcase name="Dockerfile:5:1" classname="OTP1001 RunAsNonRoot" file="Dockerfile" line="5"&gt;
///       &lt;failure message="The last USER is root." type="error"&gt;Dockerfile:5:1-5:10: error OTP1001 The last USER is root.
///   related: …&lt;/failure&gt;
///     &lt;/testcase&gt;
///   &lt;/testsuite&gt;
///   &lt;testsuite name="OTP1003 …"&gt;&lt;testcase name="no findings" classname="OTP1003 …" /&gt;&lt;/testsuite&gt;
///   &lt;testsuite name="opstower-policy scan errors" …&gt;   &lt;!-- only when a file failed to parse or a rule failed --&gt;
///     &lt;testcase name="deploy/k8s/broken.yaml:4:9" classname="opstower-policy" file="…" line="4"&gt;&lt;error message="…" type="scan error" /&gt;&lt;/testcase&gt;
///   &lt;/testsuite&gt;
/// &lt;/testsuites&gt;
/// </code>
/// A suppressed finding's testcase is <c>&lt;skipped message="suppressed: justification"/&gt;</c>. A finding a baseline
/// already has is still a failure (it is still a violation); its text ends with <c>(baseline: unchanged)</c>. Positions
/// are the engine's (1-based, end column exclusive). Characters XML cannot hold become U+FFFD. UTF-8 without a BOM,
/// two-space indents, <c>\n</c> line ends.
/// </summary>
public static class JUnitReportWriter
{
    public const string SuiteName = "opstower-policy";

    public static void Write(ScanResult result, Stream output)
    {
        if (result is null) throw new ArgumentNullException(nameof(result));
        if (output is null) throw new ArgumentNullException(nameof(output));
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(false),
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
        };
        using (var writer = XmlWriter.Create(output, settings)) WriteReport(writer, result);
        output.WriteByte((byte)'\n');
    }

    public static string ToXml(ScanResult result)
    {
        using var buffer = new MemoryStream();
        Write(result, buffer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private sealed class Suite
    {
        public Suite(string name, IReadOnlyList<Case> cases)
        {
            Name = name;
            Cases = cases;
        }

        public string Name { get; }
        public IReadOnlyList<Case> Cases { get; }
        public int Failures => Cases.Count(c => c.Outcome == "failure");
        public int Errors => Cases.Count(c => c.Outcome == "error");
        public int Skipped => Cases.Count(c => c.Outcome == "skipped");
    }

    /// <summary>One testcase; <see cref="Outcome"/> is the child element's name (failure, error, skipped) or null for a pass.</summary>
    private sealed record Case(string Name, string ClassName, string? File, int? Line, string? Outcome, string? Message, string? Type, string? Text);

    private static void WriteReport(XmlWriter writer, ScanResult result)
    {
        List<Suite> suites = Suites(result);
        writer.WriteStartDocument();
        writer.WriteStartElement("testsuites");
        writer.WriteAttributeString("name", SuiteName);
        WriteCounts(writer, suites.Sum(s => s.Cases.Count), suites.Sum(s => s.Failures), suites.Sum(s => s.Errors), suites.Sum(s => s.Skipped));
        foreach (Suite suite in suites)
        {
            writer.WriteStartElement("testsuite");
            writer.WriteAttributeString("name", Clean(suite.Name));
            WriteCounts(writer, suite.Cases.Count, suite.Failures, suite.Errors, suite.Skipped);
            foreach (Case testCase in suite.Cases) WriteCase(writer, testCase);
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
        writer.WriteEndDocument();
    }

    private static List<Suite> Suites(ScanResult result)
    {
        ILookup<string, Finding> findingsByRule = result.Findings.ToLookup(f => f.RuleId, StringComparer.Ordinal);
        // Hand-built results may hold findings of rules they do not list; those rules ran too.
        IEnumerable<RuleDescriptor> rules = result.Rules.Concat(result.Findings.Select(f => f.Rule))
            .GroupBy(r => r.Id, StringComparer.Ordinal)
            .Select(g => g.First())
            .OrderBy(r => r.Id, StringComparer.Ordinal);

        var suites = new List<Suite>();
        foreach (RuleDescriptor rule in rules)
        {
            string name = $"{rule.Id} {rule.Name}";
            Case[] cases = findingsByRule[rule.Id]
                .OrderBy(f => f, Comparer<Finding>.Create(Finding.Compare))
                .Select(f => FindingCase(f, name))
                .ToArray();
            suites.Add(new Suite(name, cases.Length > 0 ? cases : new[] { new Case("no findings", name, null, null, null, null, null, null) }));
        }

        Case[] scanErrors = result.Notifications
            .Where(n => n.Level == NotificationLevel.Error)
            .OrderBy(n => n, Comparer<ScanNotification>.Create(ScanNotification.Compare))
            .ThenBy(n => n.RuleId, StringComparer.Ordinal)
            .Select(n => new Case(n.Path is null ? "scan" : Location(n.Path, n.Position), SuiteName, n.Path, n.Position?.Start.Line,
                "error", n.Message, "scan error", n.RuleId is null ? n.Message : $"{n.RuleId}: {n.Message}"))
            .ToArray();
        if (scanErrors.Length > 0) suites.Add(new Suite(SuiteName + " scan errors", scanErrors));
        return suites;
    }

    private static Case FindingCase(Finding finding, string suiteName)
    {
        string location = Location(finding.File.Path, finding.Position);
        if (finding.IsSuppressed)
        {
            string justification = string.Join("; ", finding.Suppressions.Select(s => s.Justification).Where(j => !string.IsNullOrEmpty(j)));
            return new Case(location, suiteName, finding.File.Path, finding.Position.Start.Line, "skipped",
                justification.Length == 0 ? "suppressed" : "suppressed: " + justification, null, null);
        }
        var text = new StringBuilder();
        LinePositionSpan p = finding.Position;
        text.Append(FormattableString.Invariant($"{finding.File.Path}:{p.Start.Line}:{p.Start.Column}-{p.End.Line}:{p.End.Column}: "))
            .Append(finding.Level.ToSarif()).Append(' ').Append(finding.RuleId).Append(' ').Append(finding.Message);
        foreach (RelatedLocation related in finding.RelatedLocations)
        {
            text.Append("\n  related: ").Append(Location(related.File.Path, related.Position)).Append(": ").Append(related.Message);
        }
        if (finding.BaselineState is { } state) text.Append(" (baseline: ").Append(state.ToSarif()).Append(')');
        return new Case(location, suiteName, finding.File.Path, p.Start.Line, "failure", finding.Message, finding.Level.ToSarif(), text.ToString());
    }

    private static string Location(string path, LinePositionSpan? position) =>
        position is { } p ? FormattableString.Invariant($"{path}:{p.Start.Line}:{p.Start.Column}") : path;

    private static void WriteCounts(XmlWriter writer, int tests, int failures, int errors, int skipped)
    {
        writer.WriteAttributeString("tests", tests.ToString(CultureInfo.InvariantCulture));
        writer.WriteAttributeString("failures", failures.ToString(CultureInfo.InvariantCulture));
        writer.WriteAttributeString("errors", errors.ToString(CultureInfo.InvariantCulture));
        writer.WriteAttributeString("skipped", skipped.ToString(CultureInfo.InvariantCulture));
    }

    private static void WriteCase(XmlWriter writer, Case testCase)
    {
        writer.WriteStartElement("testcase");
        writer.WriteAttributeString("name", Clean(testCase.Name));
        writer.WriteAttributeString("classname", Clean(testCase.ClassName));
        if (testCase.File is not null) writer.WriteAttributeString("file", Clean(testCase.File));
        if (testCase.Line is { } line) writer.WriteAttributeString("line", line.ToString(CultureInfo.InvariantCulture));
        if (testCase.Outcome is not null)
        {
            writer.WriteStartElement(testCase.Outcome);
            if (testCase.Message is not null) writer.WriteAttributeString("message", Clean(testCase.Message));
            if (testCase.Type is not null) writer.WriteAttributeString("type", testCase.Type);
            if (testCase.Text is not null) writer.WriteString(Clean(testCase.Text));
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
    }

    /// <summary>XML 1.0 cannot hold most control characters or lone surrogates, even escaped; a message quoting a binary file could.</summary>
    private static string Clean(string text)
    {
        StringBuilder? cleaned = null;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (XmlConvert.IsXmlChar(c))
            {
                cleaned?.Append(c);
                continue;
            }
            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c))
            {
                cleaned?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }
            cleaned ??= new StringBuilder(text, 0, i, text.Length);
            cleaned.Append('\uFFFD');
        }
        return cleaned?.ToString() ?? text;
    }
}
