using System.Linq;
using OpsTower.Policy.Formats.PreCommit;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Rules.Governance;

/// <summary>The pre-commit config runs the hooks the policy requires.</summary>
public sealed class PreCommitRequiredHooksRule : FileRule<PreCommitConfig>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP5021",
        name: "PreCommitRequiredHooks",
        title: "The pre-commit config includes the required hooks.",
        description: "Every hook id in required_hooks appears in some repository of .pre-commit-config.yaml (the specification's: trailing-whitespace, end-of-file-fixer, check-yaml, check-json, black, isort, eslint). Reported once at 'repos:', naming the missing ones.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 1.0,
        category: "Repository",
        tags: new[] { "quality-gate", "pre-commit" },
        helpMarkdown: """
            ## Why
            The specification's code quality gates start on the developer's machine (section 1.2): formatting,
            import order, linting and YAML/JSON syntax are checked before a commit exists, so reviews and CI are
            not spent on them.

            ## How to fix
            Add the missing hooks (from pre-commit-hooks, black, isort, or a `local` hook for eslint).

            ## Example
            ```yaml
            repos:
              - repo: https://github.com/pre-commit/pre-commit-hooks
                rev: v5.0.0
                hooks:
                  - id: check-yaml
                  - id: check-json
            ```
            """,
        precision: "very-high");

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(PreCommitConfig config, RuleContext context)
    {
        var required = context.Parameters.GetStringList("required_hooks");
        var present = config.Repos.SelectMany(r => r.HookIds).Select(h => h.Value).ToList();
        var missing = required.Where(h => !present.Contains(h)).ToList();
        if (missing.Count == 0) return;
        var span = config.ReposEntry?.Key.Span ?? new TextSpan(0, context.File.GetLineEnd(1));
        context.Report(span, $"The pre-commit config lacks the required hook{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing)}.");
    }
}
