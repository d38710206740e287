using System.Collections.Generic;
using System.Linq;
using OpsTower.Policy.Engine;

namespace OpsTower.Policy.Rules.Governance;

/// <summary>main needs two approving reviews, develop one (the specification's branching strategy).</summary>
public sealed class RequiredApprovalsRule : RepositoryRule
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP5001",
        name: "RequiredApprovals",
        title: "Protected branches require enough approving reviews.",
        description: "For each branch of main_branches (at least main_required_approvals approvals) and development_branches (development_required_approvals) that a branch-protection document covers, the highest approval count any of them requires is compared with the policy. Reported at that count, or at the branch when no document requires pull request reviews. Branch protection (for OTP5001-OTP5007, OTP5012, OTP5030) is read from .github/branch-protection/*.json (REST exports of GET /repos/{o}/{r}/branches/{b}/protection, or PUT bodies; the branch from 'url' or the file name), .github/rulesets/*.json (repository rulesets), .github/settings.yml (the settings app's branches:), and .github/branching-strategy.yml or any YAML file whose first key is branching_strategy (the specification's protection_rules).",
        defaultLevel: FindingLevel.Error,
        securitySeverity: 7.0,
        category: "Repository",
        tags: new[] { "security", "code-review", "branch-protection" },
        helpMarkdown: """
            ## Why
            The specification requires two reviewers on main and one on develop (section 1.1). With fewer, one person
            (or one stolen account) can merge anything, including a change to the pipeline that ships to production.

            ## How to fix
            Raise `required_approving_review_count` (REST, settings app) or the ruleset's pull_request rule to the
            policy's number.

            ## Example
            Bad:
            ```json
            { "required_pull_request_reviews": { "required_approving_review_count": 1 } }
            ```
            Good:
            ```json
            { "required_pull_request_reviews": { "required_approving_review_count": 2, "dismiss_stale_reviews": true } }
            ```
            """,
        precision: "very-high",
        peers: new[] { new PeerRule("OpenSSF Scorecard", "Branch-Protection"), new PeerRule("OpenSSF Scorecard", "Code-Review") });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(RepositoryModel repository, RuleContext context)
    {
        var mainBranches = context.Parameters.GetStringList("main_branches");
        int mainRequired = context.Parameters.GetInt("main_required_approvals");
        var developmentBranches = context.Parameters.GetStringList("development_branches");
        int developmentRequired = context.Parameters.GetInt("development_required_approvals");
        var required = new Dictionary<string, int>();
        foreach (string branch in developmentBranches) required[branch] = developmentRequired;
        foreach (string branch in mainBranches) required[branch] = mainRequired;

        foreach (var view in ProtectionFacts.Views(repository, mainBranches.Concat(developmentBranches.Where(b => !mainBranches.Contains(b))).ToList()))
        {
            int minimum = required[view.Branch];
            if (!view.RequiresPullRequests)
            {
                var (file, span) = view.Where(s => s.PullRequestsRequired, false);
                context.Report(file, span, $"Branch '{view.Branch}' does not require pull request reviews: require at least {minimum} approving review(s).");
                continue;
            }
            var counted = view.Sources.Where(s => s.RequiredApprovals is not null).OrderByDescending(s => s.RequiredApprovals!.Value).FirstOrDefault();
            if (counted is null)
            {
                var source = view.Sources.First(s => s.PullRequestsRequired?.Value == true);
                context.Report(source.Document.File, source.PullRequestsRequired!.Span,
                    $"Branch '{view.Branch}' requires pull requests but states no approval count: require at least {minimum} approving review(s).");
            }
            else if (counted.RequiredApprovals!.Value < minimum)
            {
                context.Report(counted.Document.File, counted.RequiredApprovals.Span,
                    $"Branch '{view.Branch}' requires {counted.RequiredApprovals.Value} approving review(s); the policy requires at least {minimum}.");
            }
        }
    }
}
