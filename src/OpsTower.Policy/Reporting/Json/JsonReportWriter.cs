using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using OpsTower.Policy.Engine;
using OpsTower.Policy.Rules;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Reporting.Json;

/// <summary>
/// Writes a <see cref="ScanResult"/> as OpsTower.Policy's own JSON report, a flat shape for scripts (<c>jq</c>) that do
/// not want SARIF. Every key is always present, in this order; a value that is unknown is <c>null</c>:
/// <code>
/// {
///   "tool": "opstower-policy",
///   "version": "1.2.0",
///   "root": "/home/me/repo",                       // the scan root as given
///   "executionSuccessful": true,                   // false when a file failed to parse or a rule failed
///   "summary": {
///     "files": 12,                                 // files parsed
///     "findings": 3,                               // findings not suppressed
///     "byLevel": { "error": 1, "warning": 2, "note": 0, "none": 0 },   // of those
///     "suppressed": 1,                             // findings that suppression comments silence
///     "baseline": { "new": 2, "unchanged": 1 }     // of the findings not suppressed; null without --baseline
///   },
///   "findings": [                                  // by path, line, column, rule id, message; suppressed ones too
///     {
///       "ruleId": "OTP1001", "ruleName": "RunAsNonRoot", "level": "error",     // level: error|warning|note|none
///       "message": "…", "path": "docker/Dockerfile",                            // path relative to root, '/'-separated
///       "startLine": 3, "startColumn": 1, "endLine": 3, "endColumn": 10,      // 1-based, UTF-16 columns, end exclusive
///       "related": [ { "message": "…", "path": "…", "startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 5 } ],
///       "suppressions": [                                                      // empty unless suppressed
///         { "kind": "inSource", "justification": "…", "path": "…",              // justification: text after ' -- ', or null
///           "startLine": 2, "startColumn": 1, "endLine": 2, "endColumn": 40 }  // the comment
///       ],
///       "baselineState": "new"                                                 // new|unchanged; null without --baseline
///     }
///   ],
///   "notifications": [                             // by path, position, message
///     { "level": "error", "message": "…", "path": "k8s/bad.yaml", "startLine": 4, "startColumn": 2,
///       "endLine": 4, "endColumn": 3, "ruleId": null }                       // level: error|warning|note
///   ]
/// }
/// </code>
/// The output is deterministic: UTF-8, two-space indents, <c>\n</c> line ends, sorted whatever the input order.
/// </summary>
public static class JsonReportWriter
{
    public const string ToolName = "opstower-policy";

    public static void Write(ScanResult result, Stream output, string toolVersion)
    {
        if (result is null) throw new ArgumentNullException(nameof(result));
        ReportJson.Write(output, writer => WriteReport(writer, result, toolVersion));
    }

    public static string ToJson(ScanResult result, string toolVersion)
    {
        if (result is null) throw new ArgumentNullException(nameof(result));
        return ReportJson.ToJson(writer => WriteReport(writer, result, toolVersion));
    }

    private static void WriteReport(Utf8JsonWriter writer, ScanResult result, string toolVersion)
    {
        Finding[] findings = result.Findings
            .OrderBy(f => f, Comparer<Finding>.Create(Finding.Compare))
            .ThenBy(f => f.Level)
            .ToArray();
        ScanNotification[] notifications = result.Notifications
            .OrderBy(n => n, Comparer<ScanNotification>.Create(ScanNotification.Compare))
            .ThenBy(n => n.Level)
            .ThenBy(n => n.RuleId, StringComparer.Ordinal)
            .ToArray();

        writer.WriteStartObject();
        writer.WriteString("tool", ToolName);
        writer.WriteString("version", toolVersion);
        writer.WriteString("root", result.RootDirectory);
        writer.WriteBoolean("executionSuccessful", result.ExecutionSuccessful);

        writer.WriteStartObject("summary");
        writer.WriteNumber("files", result.Files.Count);
        writer.WriteNumber("findings", findings.Count(f => !f.IsSuppressed));
        writer.WriteStartObject("byLevel");
        foreach (FindingLevel level in new[] { FindingLevel.Error, FindingLevel.Warning, FindingLevel.Note, FindingLevel.None })
        {
            writer.WriteNumber(level.ToSarif(), findings.Count(f => !f.IsSuppressed && f.Level == level));
        }
        writer.WriteEndObject();
        writer.WriteNumber("suppressed", findings.Count(f => f.IsSuppressed));
        if (result.ComparedWithBaseline)
        {
            writer.WriteStartObject("baseline");
            writer.WriteNumber("new", findings.Count(f => !f.IsSuppressed && f.BaselineState == BaselineState.New));
            writer.WriteNumber("unchanged", findings.Count(f => !f.IsSuppressed && f.BaselineState == BaselineState.Unchanged));
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("baseline");
        }
        writer.WriteEndObject();

        writer.WriteStartArray("findings");
        foreach (Finding finding in findings)
        {
            writer.WriteStartObject();
            writer.WriteString("ruleId", finding.RuleId);
            writer.WriteString("ruleName", finding.Rule.Name);
            writer.WriteString("level", finding.Level.ToSarif());
            writer.WriteString("message", finding.Message);
            writer.WriteString("path", finding.File.Path);
            WritePosition(writer, finding.Position);
            writer.WriteStartArray("related");
            foreach (RelatedLocation related in finding.RelatedLocations)
            {
                writer.WriteStartObject();
                writer.WriteString("message", related.Message);
                writer.WriteString("path", related.File.Path);
                WritePosition(writer, related.Position);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteStartArray("suppressions");
            foreach (Suppression suppression in finding.Suppressions)
            {
                writer.WriteStartObject();
                writer.WriteString("kind", suppression.Kind.ToSarif());
                writer.WriteString("justification", suppression.Justification);
                writer.WriteString("path", suppression.File.Path);
                WritePosition(writer, suppression.Position);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteString("baselineState", finding.BaselineState?.ToSarif());
            writer.WriteEndObject();
        }
        writer.WriteEndArray();

        writer.WriteStartArray("notifications");
        foreach (ScanNotification notification in notifications)
        {
            writer.WriteStartObject();
            writer.WriteString("level", notification.Level switch
            {
                NotificationLevel.Error => "error",
                NotificationLevel.Warning => "warning",
                _ => "note",
            });
            writer.WriteString("message", notification.Message);
            writer.WriteString("path", notification.Path);
            WritePosition(writer, notification.Position);
            writer.WriteString("ruleId", notification.RuleId);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();

        writer.WriteEndObject();
    }

    private static void WritePosition(Utf8JsonWriter writer, LinePositionSpan? span)
    {
        WriteNumberOrNull(writer, "startLine", span?.Start.Line);
        WriteNumberOrNull(writer, "startColumn", span?.Start.Column);
        WriteNumberOrNull(writer, "endLine", span?.End.Line);
        WriteNumberOrNull(writer, "endColumn", span?.End.Column);
    }

    private static void WriteNumberOrNull(Utf8JsonWriter writer, string propertyName, int? value)
    {
        if (value is { } number) writer.WriteNumber(propertyName, number);
        else writer.WriteNull(propertyName);
    }
}
