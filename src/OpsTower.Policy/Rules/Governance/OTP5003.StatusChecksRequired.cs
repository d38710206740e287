using System.Linq;
using OpsTower.Policy.Engine;
using OpsTower.Policy.Formats.BranchProtection;

namespace OpsTower.Policy.Rules.Governance;

/// <summary>Merging waits for named status checks on an up-to-date branch.</summary>
public sealed class StatusChecksRequiredRule : RepositoryRule
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP5003",
        name: "StatusChecksRequired",
        title: "Protected branches require status checks, strictly.",
        description: "For each branch of protected_branches: some document requires status checks, names at least one (a REST export, settings file or ruleset that requires checks but lists none requires nothing), and requires branches to be up to date (strict).",
        defaultLevel: FindingLevel.Error,
        securitySeverity: 6.5,
        category: "Repository",
        tags: new[] { "security", "quality-gate", "branch-protection" },
        helpMarkdown: """
            ## Why
            A failing test, scan or coverage gate stops nothing unless its check is required. Without "strict", a
            pull request tested against an old base merges into a main that has moved, and the combination was never
            tested. The specification requires status checks and up-to-date branches on main (section 1.1).

            ## How to fix
            Require the CI jobs' checks and set `strict: true` (`strict_required_status_checks_policy` in a ruleset).

            ## Example
            ```json
            "required_status_checks": { "strict": true, "contexts": ["unit-tests", "security-scan"] }
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
            if (!view.Any(s => s.StatusChecksRequired, true))
            {
                var (file, span) = view.Where(s => s.StatusChecksRequired, false);
                context.Report(file, span, $"Branch '{view.Branch}' does not require status checks: a failing test or scan does not block the merge.");
                continue;
            }
            // The specification's YAML says checks are required without naming them; the named ones live in GitHub.
            bool namesChecks = view.Sources.Any(s => s.RequiredChecks.Count > 0 || s.Document.Format == ProtectionFormat.BranchingStrategy && s.StatusChecksRequired?.Value == true);
            if (!namesChecks)
            {
                var (file, span) = view.Where(s => s.StatusChecksRequired, true);
                context.Report(file, span, $"Branch '{view.Branch}' requires status checks but names none, so nothing is required: list the CI jobs' checks.");
            }
            if (!view.Any(s => s.StrictStatusChecks, true))
            {
                var (file, span) = view.Sources.Any(s => s.StrictStatusChecks?.Value == false)
                    ? view.Where(s => s.StrictStatusChecks, false)
                    : view.Where(s => s.StatusChecksRequired, true);
                context.Report(file, span, $"Branch '{view.Branch}' does not require branches to be up to date before merging (strict): a pull request tested against an old base can break it.");
            }
        }
    }
}
