using System.Linq;
using OpsTower.Policy.Engine;
using OpsTower.Policy.Formats.CodeOwners;

namespace OpsTower.Policy.Rules.Governance;

/// <summary>Where CODEOWNERS names owners, their review is required.</summary>
public sealed class CodeOwnerReviewRequiredRule : RepositoryRule
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP5006",
        name: "CodeOwnerReviewRequired",
        title: "Code owner review is required where CODEOWNERS exists.",
        description: "When the repository has a CODEOWNERS file, each branch of protected_branches that requires pull request reviews also requires a code owner's review (require_code_owner_reviews; a ruleset's require_code_owner_review). The finding names the CODEOWNERS file as a related location.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 5.0,
        category: "Repository",
        tags: new[] { "security", "code-review", "branch-protection" },
        helpMarkdown: """
            ## Why
            CODEOWNERS only requests reviews; without this setting any two approvals merge a change to the
            payment service or the infrastructure, whoever gave them. The specification wants security, DevOps and
            DBA reviewers for their areas (section 1.2).

            ## How to fix
            Set `require_code_owner_reviews: true` in the branch protection.

            ## Example
            ```json
            "required_pull_request_reviews": { "required_approving_review_count": 2, "require_code_owner_reviews": true }
            ```
            """,
        precision: "very-high");

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(RepositoryModel repository, RuleContext context)
    {
        var branches = context.Parameters.GetStringList("protected_branches");
        var codeOwners = repository.ModelsOf<CodeOwnersFile>().FirstOrDefault();
        if (codeOwners is null) return;
        var related = new[] { new RelatedLocation(codeOwners.File, new Text.TextSpan(0, codeOwners.File.GetLineEnd(1)), "the CODEOWNERS file") };
        foreach (var view in ProtectionFacts.Views(repository, branches))
        {
            if (!view.RequiresPullRequests || view.Any(s => s.RequireCodeOwnerReviews, true)) continue;
            var (file, span) = view.Sources.Any(s => s.RequireCodeOwnerReviews?.Value == false)
                ? view.Where(s => s.RequireCodeOwnerReviews, false)
                : view.Where(s => s.PullRequestsRequired, true);
            context.Report(file, span, $"Branch '{view.Branch}' does not require a code owner's review although {codeOwners.File.Path} names owners: set require_code_owner_reviews.", related);
        }
    }
}
