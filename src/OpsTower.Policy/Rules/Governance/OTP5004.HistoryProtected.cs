using System;
using System.Linq;
using OpsTower.Policy.Engine;
using OpsTower.Policy.Formats.BranchProtection;

namespace OpsTower.Policy.Rules.Governance;

/// <summary>Protected branches cannot be force-pushed or deleted.</summary>
public sealed class HistoryProtectedRule : RepositoryRule
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP5004",
        name: "HistoryProtected",
        title: "Force pushes and deletions of protected branches are blocked.",
        description: "For each branch of protected_branches: no REST export, settings file or branching strategy allows force pushes or deletions (omitted means GitHub's default, blocked), or, when only rulesets protect it, one has the non_fast_forward and deletion rules.",
        defaultLevel: FindingLevel.Error,
        securitySeverity: 7.0,
        category: "Repository",
        tags: new[] { "security", "branch-protection" },
        helpMarkdown: """
            ## Why
            A force push rewrites reviewed history (and can slip in unreviewed commits); deleting the branch removes
            its protection with it. The specification forbids force pushes on develop (section 1.1).

            ## How to fix
            Set `allow_force_pushes` and `allow_deletions` to false, or add `non_fast_forward` and `deletion` rules to
            the ruleset.

            ## Example
            ```json
            "allow_force_pushes": { "enabled": false },
            "allow_deletions": { "enabled": false }
            ```
            """,
        precision: "very-high",
        peers: new[] { new PeerRule("OpenSSF Scorecard", "Branch-Protection") });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(RepositoryModel repository, RuleContext context)
    {
        var branches = context.Parameters.GetStringList("protected_branches");
        foreach (var view in ProtectionFacts.Views(repository, branches))
        {
            Check(context, view, s => s.AllowForcePushes, "force pushes");
            Check(context, view, s => s.AllowDeletions, "deletion");
        }
    }

    private static void Check(RuleContext context, BranchProtectionView view, Func<BranchProtectionRule, ProtectionValue<bool>?> allows, string what)
    {
        // Blocked when a document says so, or when a document that is not a ruleset leaves it at GitHub's default.
        if (view.Sources.Any(s => allows(s)?.Value == false || (!s.IsAdditive && allows(s) is null))) return;
        var (file, span) = view.Where(allows, true);
        context.Report(file, span, $"Branch '{view.Branch}' allows {what}: reviewed history can be rewritten or the branch removed with its protection.");
    }
}
