using OpsTower.Policy.Engine;

namespace OpsTower.Policy.Rules.Governance;

/// <summary>Administrators follow the same protection.</summary>
public sealed class AdminsIncludedRule : RepositoryRule
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP5005",
        name: "AdminsIncluded",
        title: "Branch protection applies to administrators.",
        description: "For each branch of protected_branches, some document enforces the protection for administrators: classic enforce_admins, or a ruleset without an always-on bypass for the admin role or organisation admins. Omitted counts as not enforced (GitHub's default).",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 5.0,
        category: "Repository",
        tags: new[] { "security", "branch-protection" },
        helpMarkdown: """
            ## Why
            Admin accounts are the most valuable to phish. When protection exempts them, one compromised admin
            pushes straight to main with no review and no checks.

            ## How to fix
            Set `enforce_admins: true`, or remove the admin bypass from the ruleset (use a pull-request-only bypass
            for break-glass).

            ## Example
            ```json
            "enforce_admins": { "enabled": true }
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
            if (view.Any(s => s.AdminsEnforced, true)) continue;
            var (file, span) = view.Where(s => s.AdminsEnforced, false);
            context.Report(file, span, $"Branch '{view.Branch}' protection does not apply to administrators: set enforce_admins (or remove the ruleset's admin bypass).");
        }
    }
}
