using System.Linq;
using OpsTower.Policy.Engine;
using OpsTower.Policy.Formats.BranchProtection;
using OpsTower.Policy.Formats.CodeOwners;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Rules.Governance;

/// <summary>CODEOWNERS exists and gives the sensitive paths owners.</summary>
public sealed class CodeOwnersCoverSensitivePathsRule : RepositoryRule
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP5007",
        name: "CodeOwnersCoverSensitivePaths",
        title: "CODEOWNERS assigns owners to the sensitive paths.",
        description: "Each path in sensitive_paths (a folder when it ends in '/') has an owner in CODEOWNERS: the last matching line, as GitHub reads it, names at least one owner. A repository that keeps branch protection as code but has no CODEOWNERS is reported at its protection document.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 4.5,
        category: "Repository",
        tags: new[] { "security", "code-review" },
        helpMarkdown: """
            ## Why
            The specification requires DevOps review for infrastructure changes and security review for security
            changes (section 1.2). CODEOWNERS is how GitHub routes (and, with code owner review required, enforces)
            that: a path no line covers can be approved by anyone.

            ## How to fix
            Add a line for each sensitive path. Later lines win, so put specific paths after broad ones.

            ## Example
            ```
            *                          @ops-tower/engineers
            /infrastructure/           @ops-tower/devops
            /services/payment-service/ @ops-tower/payments @ops-tower/security
            /.github/workflows/        @ops-tower/devops @ops-tower/security
            ```
            """,
        precision: "high");

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(RepositoryModel repository, RuleContext context)
    {
        var sensitivePaths = context.Parameters.GetStringList("sensitive_paths");
        var codeOwnersFiles = repository.ModelsOf<CodeOwnersFile>().ToList();
        if (codeOwnersFiles.Count == 0)
        {
            var protection = repository.ModelsOf<BranchProtectionDocument>().FirstOrDefault(d => d.Rules.Count > 0);
            if (protection is not null)
                context.Report(protection.File, protection.Rules[0].ReportSpan,
                    "The repository keeps branch protection but has no CODEOWNERS file (.github/CODEOWNERS), so no path has required reviewers: add one.");
            return;
        }
        foreach (var codeOwners in codeOwnersFiles)
        foreach (string path in sensitivePaths)
        {
            string relative = path.TrimStart('/');
            var owner = codeOwners.OwnerOf(relative);
            if (owner is { Owners.Count: > 0 }) continue;
            if (owner is not null)
                context.Report(codeOwners.File, owner.PatternSpan, $"'{owner.Pattern}' is the last line matching '{relative}' and names no owner, so anyone can approve changes there: add an owner.");
            else
                context.Report(codeOwners.File, new TextSpan(0, codeOwners.File.GetLineEnd(1)), $"No line of CODEOWNERS covers '{relative}': add one naming its owners.");
        }
    }
}
