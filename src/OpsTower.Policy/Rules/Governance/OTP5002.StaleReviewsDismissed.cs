using System.Linq;
using OpsTower.Policy.Engine;

namespace OpsTower.Policy.Rules.Governance;

/// <summary>New pushes dismiss earlier approvals.</summary>
public sealed class StaleReviewsDismissedRule : RepositoryRule
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP5002",
        name: "StaleReviewsDismissed",
        title: "Approvals are dismissed when new commits are pushed.",
        description: "For each branch of protected_branches whose protection requires pull request reviews, some document sets dismiss_stale_reviews (REST, settings app, branching strategy) or dismiss_stale_reviews_on_push (ruleset).",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 5.5,
        category: "Repository",
        tags: new[] { "security", "code-review", "branch-protection" },
        helpMarkdown: """
            ## Why
            Without it, an approval given to a harmless version of a pull request still counts after the author
            pushes something else: the reviewed code is not the merged code. The specification dismisses stale
            reviews on main (section 1.1).

            ## How to fix
            Set `dismiss_stale_reviews: true` (or the ruleset's `dismiss_stale_reviews_on_push`).

            ## Example
            ```yaml
            protection_rules:
              main:
                - require_pull_request_reviews: 2
                - dismiss_stale_reviews: true
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
            if (!view.RequiresPullRequests || view.Any(s => s.DismissStaleReviews, true)) continue;
            var (file, span) = view.Sources.Any(s => s.DismissStaleReviews?.Value == false)
                ? view.Where(s => s.DismissStaleReviews, false)
                : view.Where(s => s.PullRequestsRequired, true);
            context.Report(file, span, $"Branch '{view.Branch}' keeps approvals after new commits are pushed: set dismiss_stale_reviews to true.");
        }
    }
}
