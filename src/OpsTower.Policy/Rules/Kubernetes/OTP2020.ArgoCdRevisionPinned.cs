using System;
using System.Collections.Generic;
using System.Linq;
using OpsTower.Policy.Formats.Kubernetes;
using OpsTower.Policy.Formats.Yaml;

namespace OpsTower.Policy.Rules.Kubernetes;

/// <summary>Argo CD Applications deploy a tag or a commit, not HEAD or a branch.</summary>
public sealed class ArgoCdRevisionPinnedRule : FileRule<KubernetesFile>
{
    private static readonly char[] RangeCharacters = { '*', '^', '~', '>', '<', '|', ' ' };

    public static readonly RuleDescriptor Definition = new(
        id: "OTP2020",
        name: "ArgoCdRevisionPinned",
        title: "Argo CD Applications deploy a tag or a commit, not HEAD or a branch.",
        description: "Each source of an Argo CD Application (spec.source and spec.sources) must set targetRevision to a commit SHA (7 to 40 hex digits) or a version: a number, or one of the policy's tag prefixes followed by a number, without ranges or wildcards. Unset means HEAD.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 5.0,
        category: "Kubernetes",
        tags: new[] { "security", "gitops", "supply-chain", "change-management" },
        helpMarkdown: """
            ## Why
            `HEAD` or a branch makes every push to that branch a production deployment, with no promotion step,
            and an automated sync with `selfHeal` keeps reapplying it. What runs cannot be named by a single
            immutable revision, so rollbacks and audits become guesswork.

            ## How to fix
            Point production Applications at a release tag (or a commit) and promote by changing it in Git.

            ## Example
            Bad:
            ```yaml
            source:
              targetRevision: HEAD
            ```
            Good:
            ```yaml
            source:
              targetRevision: v1.4.2
            ```
            """,
        precision: "high");

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(KubernetesFile file, RuleContext context)
    {
        var tagPrefixes = context.Parameters.GetStringList("tag_prefixes");
        foreach (var application in file.Objects.Where(o => o.Is("argoproj.io", "Application")))
        {
            var spec = application.Node.GetMapping("spec");
            if (spec is null) continue;
            var sources = new List<(YamlEntry Entry, YamlMapping Source)>();
            if (spec.Find("source") is { Value: YamlMapping single } sourceEntry) sources.Add((sourceEntry, single));
            if (spec.Find("sources") is { Value: YamlSequence many } sourcesEntry)
                sources.AddRange(many.Items.OfType<YamlMapping>().Select(s => (sourcesEntry, s)));

            foreach (var (entry, source) in sources)
            {
                var revision = source.GetScalar("targetRevision");
                if (revision is null)
                {
                    context.Report(entry.Key.Span, $"Application {application.Name} sets no targetRevision, so it deploys HEAD: pin a tag or a commit.");
                    continue;
                }
                if (IsCommit(revision.Value) || IsVersion(revision.Value, tagPrefixes)) continue;
                string what = revision.Value == "HEAD" ? "HEAD, the latest commit" : $"'{revision.Value}', a branch or other moving reference";
                context.Report(revision.Span, $"Application {application.Name} deploys {what}: pin a release tag or a commit.");
            }
        }
    }

    private static bool IsCommit(string revision) =>
        revision.Length >= 7 && revision.Length <= 40 && revision.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f' or >= 'A' and <= 'F');

    /// <summary>1.4.2, v1.4.2 (with the policy's prefixes); not 1.x, 1.*, ^1.2 or ranges.</summary>
    private static bool IsVersion(string revision, IReadOnlyList<string> tagPrefixes)
    {
        if (revision.IndexOfAny(RangeCharacters) >= 0 || revision.Split('.').Any(part => part is "x" or "X")) return false;
        if (revision.Length > 0 && char.IsDigit(revision[0])) return true;
        return tagPrefixes.Any(prefix => revision.Length > prefix.Length
            && revision.StartsWith(prefix, StringComparison.Ordinal) && char.IsDigit(revision[prefix.Length]));
    }
}
