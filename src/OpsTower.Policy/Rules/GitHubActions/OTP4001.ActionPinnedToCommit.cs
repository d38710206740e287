using System;
using System.Collections.Generic;
using System.Linq;
using OpsTower.Policy.Formats.GitHubActions;
using OpsTower.Policy.Formats.Yaml;

namespace OpsTower.Policy.Rules.GitHubActions;

/// <summary>Every action and reusable workflow is pinned to a full commit SHA; Docker images to a digest.</summary>
public sealed class ActionPinnedToCommitRule : FileRule<WorkflowFile>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP4001",
        name: "ActionPinnedToCommit",
        title: "Actions and reusable workflows are pinned to a full commit SHA.",
        description: "A 'uses:' that names a tag or a branch runs whatever that ref points to at run time. Branches listed in moving_refs (main, master…) are called out as worse; an abbreviated SHA is reported too. Local './' actions, 'docker://' images pinned by digest and owners listed in trusted_owners are not reported; a 'docker://' image without a digest is.",
        defaultLevel: FindingLevel.Error,
        securitySeverity: 7.5,
        category: "GitHubActions",
        tags: new[] { "security", "supply-chain", "github-actions" },
        helpMarkdown: """
            ## Why
            Tags and branches of an action's repository can be moved by its owner, or by whoever steals the owner's
            token (tj-actions/changed-files, March 2025: every tag was repointed to a commit that dumped secrets into
            logs). The job then runs that code with your `GITHUB_TOKEN` and secrets. A commit SHA cannot be moved.

            ## How to fix
            Pin the full 40-character commit SHA and keep the version in a comment, which Dependabot and Renovate
            update together: `uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2`.
            Pin `docker://` images by digest.

            ## Example
            Bad:
            ```yaml
            - uses: aquasecurity/trivy-action@master
            ```
            Good:
            ```yaml
            - uses: aquasecurity/trivy-action@dc5a429b52fcf669ce959baa2c2dd26090d2a6c4 # 0.32.0
            ```
            """,
        precision: "very-high",
        peers: new[]
        {
            new PeerRule("zizmor", "unpinned-uses"),
            new PeerRule("OpenSSF Scorecard", "Pinned-Dependencies"),
            new PeerRule("Checkov", "CKV_GHA_2"),
        });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(WorkflowFile workflow, RuleContext context)
    {
        var movingRefs = context.Parameters.GetStringList("moving_refs");
        var trustedOwners = context.Parameters.GetStringList("trusted_owners");
        var references = new List<YamlScalar>();
        foreach (var job in workflow.Jobs)
        {
            if (job.Uses is { } call) references.Add(call);
            references.AddRange(job.Steps.Select(s => s.Uses).Where(u => u is not null)!);
        }
        if (workflow.ActionImage is { } image && image.Value.StartsWith("docker://", StringComparison.OrdinalIgnoreCase)) references.Add(image);

        foreach (var uses in references)
        {
            var reference = ActionReference.Parse(uses.Value);
            if (reference.IsPinned) continue;
            if (reference.IsRepository && trustedOwners.Any(o => string.Equals(o, reference.Owner, StringComparison.OrdinalIgnoreCase))) continue;
            var (span, message) = Describe(uses, reference, movingRefs);
            context.Report(span, message);
        }
    }

    private static (Text.TextSpan, string) Describe(YamlScalar uses, ActionReference reference, IReadOnlyList<string> movingRefs)
    {
        string value = uses.Value.Trim();
        int lead = uses.Value.IndexOf(value, StringComparison.Ordinal);
        var refSpan = reference.Ref is null ? uses.Span : uses.ValueSpan(lead + reference.RefStart, reference.Ref.Length);
        if (reference.Kind == ActionReferenceKind.Docker)
        {
            string what = reference.Ref is null ? "has no tag (so 'latest')" : $"is tagged '{reference.Ref}'";
            return (refSpan, $"The image '{reference.Name}' {what} and no digest: pin it with '@sha256:…'.");
        }
        if (reference.Ref is null)
            return (uses.Span, $"'{value}' names no ref: pin a full 40-character commit SHA.");
        if (movingRefs.Any(r => string.Equals(r, reference.Ref, StringComparison.OrdinalIgnoreCase)))
            return (refSpan, $"'{value}' follows the branch '{reference.Ref}', so every push to it changes what this job runs: pin a full 40-character commit SHA.");
        if (reference.Ref.Length >= 7 && reference.Ref.Length < 40 && reference.Ref.All(Uri.IsHexDigit))
            return (refSpan, $"'{value}' uses an abbreviated commit, which another commit (or a tag of that name) can shadow: pin the full 40-character SHA.");
        return (refSpan, $"'{value}' is pinned to the ref '{reference.Ref}', which can be moved: pin a full 40-character commit SHA and keep '{reference.Ref}' in a comment.");
    }
}
