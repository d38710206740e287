using System;
using System.Linq;
using OpsTower.Policy.Formats.PreCommit;

namespace OpsTower.Policy.Rules.Governance;

/// <summary>Every remote pre-commit repository is pinned to a tag or commit.</summary>
public sealed class PreCommitRevPinnedRule : FileRule<PreCommitConfig>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP5020",
        name: "PreCommitRevPinned",
        title: "Pre-commit hook repositories are pinned with rev.",
        description: "Each remote 'repo' of .pre-commit-config.yaml (not local or meta) has a 'rev' naming a tag or commit; a missing rev is reported at the repo URL, a branch name from moving_refs at the rev.",
        defaultLevel: FindingLevel.Error,
        securitySeverity: 5.0,
        category: "Repository",
        tags: new[] { "security", "supply-chain", "pre-commit" },
        helpMarkdown: """
            ## Why
            Hooks run on every developer's machine with their credentials. pre-commit refuses a repository without
            `rev`, so the specification's config (section 1.2) does not even run; a branch as `rev` runs whatever
            was pushed to it last.

            ## How to fix
            Set `rev` to a release tag or a commit SHA (`pre-commit autoupdate --freeze` writes SHAs).

            ## Example
            Bad:
            ```yaml
            - repo: https://github.com/psf/black
              hooks:
                - id: black
            ```
            Good:
            ```yaml
            - repo: https://github.com/psf/black
              rev: 24.10.0
              hooks:
                - id: black
            ```
            """,
        precision: "very-high");

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(PreCommitConfig config, RuleContext context)
    {
        var movingRefs = context.Parameters.GetStringList("moving_refs");
        foreach (var repo in config.Repos.Where(r => r.IsRemote))
        {
            if (repo.Rev is null)
                context.Report(repo.Repo.Span, $"'{repo.Repo.Value}' has no 'rev': pre-commit will not install it; pin a release tag or commit.");
            else if (movingRefs.Any(r => string.Equals(r, repo.Rev.Value, StringComparison.OrdinalIgnoreCase)))
                context.Report(repo.Rev.Span, $"rev '{repo.Rev.Value}' of '{repo.Repo.Value}' is a branch, so the hooks change whenever it moves: pin a release tag or commit.");
        }
    }
}
