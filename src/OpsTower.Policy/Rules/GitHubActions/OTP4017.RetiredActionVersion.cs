using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using OpsTower.Policy.Formats.GitHubActions;
using OpsTower.Policy.Formats.Yaml;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Rules.GitHubActions;

/// <summary>Workflows do not use action versions that GitHub has turned off or whose Node.js runtime it no longer ships.</summary>
public sealed class RetiredActionVersionRule : FileRule<WorkflowFile>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP4017",
        name: "RetiredActionVersion",
        title: "Workflows do not use action versions that GitHub has turned off or whose runtime it no longer ships.",
        description: "Each 'uses:' of a repository action is matched by owner/repo (and path) and major version against the policy's retired_actions list ('owner/repo@vN: why'). A tag ref gives the version (v3, v3.1.0); a commit SHA gives it through the version comment Dependabot and Renovate write after it ('# v3.1.0'), and is not judged without one. Reported at the version, with the list entry's reason.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 4.0,
        category: "GitHub Actions",
        tags: new[] { "github-actions", "ci", "reliability", "maintenance" },
        helpMarkdown: """
            ## Why
            GitHub retires action versions: v1–v3 of `actions/upload-artifact` and `download-artifact` stopped
            working on 30 January 2025, `actions/cache` v1–v2 when the cache service moved, CodeQL Action v2 in
            January 2025. Actions built for Node.js 12 or 16 run on a runtime GitHub no longer ships, so the runner
            forces Node 20 on code that was never released for it. A pipeline on such a version fails on the next run,
            or its security steps (SARIF upload, scanning) silently stop working.

            ## How to fix
            Move to the version the finding names, and pin it by commit with the version in a comment
            (`uses: actions/upload-artifact@<sha> # v4.4.3`) so this rule and Dependabot can keep reading it. The
            list is the policy's `retired_actions` parameter: add your organisation's own retired actions to it.

            ## Example
            Bad:
            ```yaml
            - uses: actions/upload-artifact@v3
            ```
            Good:
            ```yaml
            - uses: actions/upload-artifact@b4b15b8c7c6ac21ea08fcf65892d2ee8c75cf882 # v4.4.3
            ```
            """,
        precision: "high",
        peers: new[] { new PeerRule("actionlint", "action (runner too old)") });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(WorkflowFile workflow, RuleContext context)
    {
        var retired = ParseList(context.Parameters.GetStringList("retired_actions"));
        var uses = new List<YamlScalar>();
        foreach (var job in workflow.Jobs)
        {
            if (job.Uses is { } call) uses.Add(call);
            uses.AddRange(job.Steps.Select(s => s.Uses).Where(u => u is not null)!);
        }
        foreach (var scalar in uses)
        {
            var reference = ActionReference.Parse(scalar.Value.Trim());
            if (!reference.IsRepository || reference.Ref is null) continue;
            var (version, span) = VersionOf(workflow, scalar, reference);
            if (version is null || MajorOf(version) is not { } major) continue;
            string[] segments = reference.Name.Split('/');
            // github/codeql-action/upload-sarif is retired with github/codeql-action.
            string? reason = null;
            for (int length = segments.Length; length >= 2 && reason is null; length--)
                retired.TryGetValue(string.Join("/", segments.Take(length)).ToLowerInvariant() + "@v" + major.ToString(CultureInfo.InvariantCulture), out reason);
            if (reason is null) continue;
            context.Report(span, $"{reference.Name}@{version} {reason}");
        }
    }

    /// <summary>The version a 'uses:' names: its tag, or for a commit SHA the version comment after it.</summary>
    private static (string? Version, TextSpan Span) VersionOf(WorkflowFile workflow, YamlScalar uses, ActionReference reference)
    {
        if (!ActionReference.IsFullSha(reference.Ref!))
        {
            int lead = uses.Value.IndexOf(uses.Value.Trim(), StringComparison.Ordinal);
            return (reference.Ref, uses.ValueSpan(lead + reference.RefStart, reference.Ref!.Length));
        }
        var line = workflow.File.GetPosition(uses.Span.End).Line;
        var comment = workflow.Yaml.Comments.FirstOrDefault(c => c.IsInline && workflow.File.GetPosition(c.Span.Start).Line == line);
        if (comment is null) return (null, uses.Span);
        string text = comment.Text.Trim();
        string first = text.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        if (MajorOf(first) is null) return (null, uses.Span);
        int at = workflow.File.Text.IndexOf(first, comment.Span.Start, StringComparison.Ordinal);
        return (first, at < 0 ? comment.Span : new TextSpan(at, first.Length));
    }

    /// <summary>3 for "v3", "v3.1.0", "3.1"; null for anything else (a branch, "latest").</summary>
    internal static int? MajorOf(string version)
    {
        string text = version.StartsWith("v", StringComparison.OrdinalIgnoreCase) ? version.Substring(1) : version;
        int end = 0;
        while (end < text.Length && char.IsDigit(text[end])) end++;
        if (end == 0 || (end < text.Length && text[end] != '.')) return null;
        return int.TryParse(text.Substring(0, end), NumberStyles.None, CultureInfo.InvariantCulture, out int major) ? major : null;
    }

    /// <summary>"owner/repo@vN: reason" entries, keyed case-insensitively by "owner/repo@vN".</summary>
    private static Dictionary<string, string> ParseList(IReadOnlyList<string> entries)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string entry in entries)
        {
            int colon = entry.IndexOf(": ", StringComparison.Ordinal);
            int at = entry.IndexOf('@');
            if (colon < 0 || at < 0 || at > colon || MajorOf(entry.Substring(at + 1, colon - at - 1)) is not { } major)
                throw new PolicyException($"Parameter 'retired_actions' needs entries like 'actions/cache@v2: why', not '{entry}'.");
            map[entry.Substring(0, at).ToLowerInvariant() + "@v" + major.ToString(CultureInfo.InvariantCulture)] = entry.Substring(colon + 2).Trim();
        }
        return map;
    }
}
