using System;
using System.Linq;
using OpsTower.Policy.Formats.GitHubActions;

namespace OpsTower.Policy.Rules.GitHubActions;

/// <summary>A step receives the secrets it names, never the whole secrets context.</summary>
public sealed class AllSecretsExposedRule : FileRule<WorkflowFile>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP4014",
        name: "AllSecretsExposed",
        title: "Steps receive the secrets they name, never the whole secrets context.",
        description: "An expression that serialises the secrets context (toJSON(secrets)) or indexes it with a computed name (secrets[format('{0}_TOKEN', matrix.env)]) hands every repository and organisation secret, or an unpredictable one, to the job. Reported at the expression.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 6.5,
        category: "GitHub Actions",
        tags: new[] { "security", "github-actions", "ci", "secrets", "least-privilege" },
        helpMarkdown: """
            ## Why
            The runner only receives the secrets a workflow references by name, so a compromised step or action
            can leak only those. `toJSON(secrets)` references all of them at once, and a computed index
            (`secrets[format(...)]`) makes the runner send every secret because it cannot know which one is used.
            One leaked log or malicious dependency then exposes credentials unrelated to the job.

            ## How to fix
            Pass each secret by name, where it is needed (`env: { NPM_TOKEN: ${{ secrets.NPM_TOKEN }} }`). For a
            secret per environment, use GitHub environments, whose secrets have the same name in each.

            ## Example
            Bad:
            ```yaml
            env:
              ALL_SECRETS: ${{ toJSON(secrets) }}
            ```
            Good:
            ```yaml
            env:
              NPM_TOKEN: ${{ secrets.NPM_TOKEN }}
            ```
            """,
        precision: "high",
        peers: new[] { new PeerRule("zizmor", "overprovisioned-secrets") });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(WorkflowFile workflow, RuleContext context)
    {
        foreach (var expression in WorkflowExpressions.FindAll(workflow.File, workflow.Root))
        {
            string? how = Exposure(expression.Text);
            if (how is null) continue;
            context.Report(expression.Span,
                $"'{expression.Text}' {how}, so the runner gives this job every secret of the repository and organisation: reference each secret by name.");
        }
    }

    /// <summary>Why the expression exposes every secret, or null. Spaces and case in function names do not matter.</summary>
    internal static string? Exposure(string expression)
    {
        string compact = new string(expression.Where(c => !char.IsWhiteSpace(c)).ToArray());
        if (compact.IndexOf("tojson(secrets)", StringComparison.OrdinalIgnoreCase) >= 0) return "serialises the whole secrets context";
        int index = compact.IndexOf("secrets[", StringComparison.OrdinalIgnoreCase);
        while (index >= 0)
        {
            bool isContext = index == 0 || !(char.IsLetterOrDigit(compact[index - 1]) || compact[index - 1] is '_' or '.' or '-');
            // secrets['NPM_TOKEN'] names one secret; anything else is computed.
            int nameStart = index + "secrets[".Length;
            if (isContext && nameStart < compact.Length && compact[nameStart] != '\'') return "reads a secret whose name is computed";
            index = compact.IndexOf("secrets[", index + 1, StringComparison.OrdinalIgnoreCase);
        }
        return null;
    }
}
