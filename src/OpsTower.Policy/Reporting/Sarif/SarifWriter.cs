using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using OpsTower.Policy.Engine;
using OpsTower.Policy.Rules;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Reporting.Sarif;

/// <summary>
/// Writes a <see cref="ScanResult"/> as a SARIF 2.1.0 log that GitHub code scanning accepts: one run, every rule with its
/// help and <c>security-severity</c>, results with relative URIs under <c>%SRCROOT%</c> and
/// <c>primaryLocationLineHash</c> fingerprints, and the scan's notifications.
/// </summary>
/// <remarks>
/// The output is deterministic: rules sort by id, results by <see cref="Finding.Compare"/>, notifications by
/// <see cref="ScanNotification.Compare"/> and artifacts by path, whatever order the result lists them in; there are no
/// timestamps or machine-specific values other than the root directory's URI.
/// </remarks>
public static class SarifWriter
{
    // GitHub displays only the first 10 tags of a rule (and rejects a log with more than 20).
    internal const int MaxTags = 10;

    // GitHub keeps 100 locations of a result (and rejects a log with a result over 1,000); the primary one is one of them.
    internal const int MaxRelatedLocations = 99;

    public static void Write(ScanResult result, Stream output, SarifOptions options)
    {
        SarifLog log = Build(result, options);
        ReportJson.Write(output, log.Write);
    }

    public static string ToJson(ScanResult result, SarifOptions options)
    {
        SarifLog log = Build(result, options);
        return ReportJson.ToJson(log.Write);
    }

    private static SarifLog Build(ScanResult result, SarifOptions options)
    {
        if (result is null) throw new ArgumentNullException(nameof(result));
        if (options is null) throw new ArgumentNullException(nameof(options));

        Finding[] findings = result.Findings
            .OrderBy(f => f, Comparer<Finding>.Create(Finding.Compare))
            .ThenBy(f => f.Level)
            .ToArray();

        // Rules a finding uses are described even if the result's rule list lacks them, so every ruleIndex resolves.
        RuleDescriptor[] rules = result.Rules.Concat(findings.Select(f => f.Rule))
            .GroupBy(r => r.Id, StringComparer.Ordinal)
            .Select(g => g.First())
            .OrderBy(r => r.Id, StringComparer.Ordinal)
            .ToArray();
        var ruleIndexes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < rules.Length; i++) ruleIndexes[rules[i].Id] = i;

        string[] artifactPaths = findings
            .SelectMany(f => new[] { f.File.Path }.Concat(RelatedLocationsToWrite(f).Select(r => r.File.Path)))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(p => p, StringComparer.Ordinal)
            .ToArray();
        var artifactIndexes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < artifactPaths.Length; i++) artifactIndexes[artifactPaths[i]] = i;

        var lineHashes = new Dictionary<SourceFile, IReadOnlyList<string>>();
        SarifPhysicalLocation Locate(SourceFile file, LinePositionSpan span) =>
            new(SarifUris.FromRelativePath(file.Path), artifactIndexes[file.Path], span);

        var results = new List<SarifResult>(findings.Length);
        foreach (Finding finding in findings)
        {
            if (!lineHashes.TryGetValue(finding.File, out IReadOnlyList<string>? hashes))
            {
                hashes = PrimaryLocationLineHash.ComputeAll(finding.File.Text);
                lineHashes.Add(finding.File, hashes);
            }
            int line = finding.Position.Start.Line;
            SarifRelatedLocation[] related = RelatedLocationsToWrite(finding)
                .Select((r, i) => new SarifRelatedLocation(i + 1, Locate(r.File, r.Position), r.Message))
                .ToArray();
            results.Add(new SarifResult(
                finding.RuleId,
                ruleIndexes[finding.RuleId],
                finding.Level.ToSarif(),
                // GitHub rejects a result without message text.
                string.IsNullOrWhiteSpace(finding.Message) ? finding.Rule.Title : finding.Message,
                Locate(finding.File, finding.Position),
                related,
                line <= hashes.Count ? hashes[line - 1] : null,
                finding.Suppressions.Select(x => new SarifSuppression(x.Kind.ToSarif(), x.Justification, Locate(x.File, x.Position))).ToArray(),
                finding.BaselineState?.ToSarif()));
        }

        SarifNotification[] notifications = result.Notifications
            .OrderBy(n => n, Comparer<ScanNotification>.Create(ScanNotification.Compare))
            .ThenBy(n => n.Level)
            .ThenBy(n => n.RuleId, StringComparer.Ordinal)
            .Select(n => new SarifNotification(
                ToSarif(n.Level),
                n.Message,
                n.Path is null ? null : new SarifPhysicalLocation(SarifUris.FromRelativePath(n.Path), artifactIndexes.TryGetValue(n.Path, out int index) ? index : null, n.Position),
                n.RuleId,
                n.RuleId is not null && ruleIndexes.TryGetValue(n.RuleId, out int ruleIndex) ? ruleIndex : null))
            .ToArray();

        var driver = new SarifDriver(options.ToolVersion, options.InformationUri, rules.Select(ToSarifRule).ToArray());
        var invocation = new SarifInvocation(result.ExecutionSuccessful, options.CommandLineArguments, notifications);
        string? sourceRootUri = string.IsNullOrEmpty(result.RootDirectory) ? null : SarifUris.FromDirectory(result.RootDirectory);
        return new SarifLog(new SarifRun(driver, AutomationId(options.Category), invocation, sourceRootUri, artifactPaths.Select(SarifUris.FromRelativePath).ToArray(), results));
    }

    private static IEnumerable<RelatedLocation> RelatedLocationsToWrite(Finding finding) => finding.RelatedLocations.Take(MaxRelatedLocations);

    /// <summary>GitHub reads the part of <c>automationDetails.id</c> up to its last '/' as the category.</summary>
    private static string? AutomationId(string? category)
    {
        if (string.IsNullOrWhiteSpace(category)) return null;
        return category!.EndsWith("/", StringComparison.Ordinal) ? category : category + "/";
    }

    private static SarifRule ToSarifRule(RuleDescriptor rule)
    {
        string[] tags = new[] { "security", rule.Category }
            .Concat(rule.Tags)
            .Where(t => !string.IsNullOrWhiteSpace(t))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Take(MaxTags)
            .ToArray();
        return new SarifRule(
            rule.Id,
            rule.Name,
            rule.Title,
            rule.Description,
            rule.HelpMarkdown,
            rule.HelpUri,
            rule.DefaultLevel.ToSarif(),
            tags,
            rule.Precision,
            rule.SecuritySeverity.ToString("0.0", CultureInfo.InvariantCulture),
            ProblemSeverity(rule.DefaultLevel));
    }

    /// <summary>GitHub's <c>problem.severity</c>, which it shows for alerts that have no security severity.</summary>
    private static string ProblemSeverity(FindingLevel level) => level switch
    {
        FindingLevel.Error => "error",
        FindingLevel.Warning => "warning",
        _ => "recommendation",
    };

    private static string ToSarif(NotificationLevel level) => level switch
    {
        NotificationLevel.Error => "error",
        NotificationLevel.Warning => "warning",
        _ => "note",
    };
}
