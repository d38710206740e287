using System.Linq;
using OpsTower.Policy.Formats.GitHubActions;

namespace OpsTower.Policy.Rules.GitHubActions;

/// <summary>Secrets are handed only to actions pinned to a commit.</summary>
public sealed class SecretsOnlyToPinnedActionsRule : FileRule<WorkflowFile>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP4007",
        name: "SecretsOnlyToPinnedActions",
        title: "Secrets are passed only to actions pinned to a commit SHA.",
        description: "Reports each 'secrets.*' or 'github.token' expression in the 'with:' or 'env:' of a step whose action is not pinned to a full commit SHA (or, for 'docker://', a digest): whoever can move that tag or branch receives the secret.",
        defaultLevel: FindingLevel.Error,
        securitySeverity: 8.0,
        category: "GitHubActions",
        tags: new[] { "security", "secrets", "supply-chain", "github-actions" },
        helpMarkdown: """
            ## Why
            An unpinned action runs whatever its tag or branch points to today. Handing it a secret means the
            secret goes to whoever controls that ref, now or after a compromise of the action's repository.

            ## How to fix
            Pin the action to a full commit SHA (see OTP4001) before giving it credentials, or use a short-lived
            credential (OIDC) instead of a long-lived secret.

            ## Example
            Bad:
            ```yaml
            - uses: snyk/actions/docker@master
              env:
                SNYK_TOKEN: ${{ secrets.SNYK_TOKEN }}
            ```
            Good:
            ```yaml
            - uses: snyk/actions/docker@b98d498629f1c368650224d6d212bf7dfa89e4bf # 0.4.0
              env:
                SNYK_TOKEN: ${{ secrets.SNYK_TOKEN }}
            ```
            """,
        precision: "very-high",
        peers: new[] { new PeerRule("zizmor", "unpinned-uses") });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(WorkflowFile workflow, RuleContext context)
    {
        foreach (var step in workflow.Jobs.SelectMany(j => j.Steps))
        {
            if (step.Action is not { } action || action.IsPinned || step.Uses is null) continue;
            var related = new[] { new RelatedLocation(context.File, step.Uses.Span, $"'{step.Uses.Value}' is not pinned") };
            foreach (var expression in WorkflowExpressions.FindAll(context.File, step.With).Concat(WorkflowExpressions.FindAll(context.File, step.Env)))
            {
                string? secret = expression.ContextPaths.FirstOrDefault(p => p.StartsWith("secrets.", System.StringComparison.Ordinal) || p == "github.token");
                if (secret is null) continue;
                context.Report(expression.Span, $"'${{{{ {expression.Text} }}}}' is handed to '{step.Uses.Value}', which is not pinned to a commit: pin the action before giving it secrets.", related);
            }
        }
    }
}
