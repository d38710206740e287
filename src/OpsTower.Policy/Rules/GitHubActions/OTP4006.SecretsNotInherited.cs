using OpsTower.Policy.Formats.GitHubActions;
using OpsTower.Policy.Formats.Yaml;

namespace OpsTower.Policy.Rules.GitHubActions;

/// <summary>Reusable workflows get the secrets they name, not all of them.</summary>
public sealed class SecretsNotInheritedRule : FileRule<WorkflowFile>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP4006",
        name: "SecretsNotInherited",
        title: "Reusable workflow calls pass named secrets, not 'secrets: inherit'.",
        description: "Reports 'secrets: inherit' on a job that calls a reusable workflow: the called workflow, and every action it runs, receives every secret of the caller's repository and organisation.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 5.5,
        category: "GitHubActions",
        tags: new[] { "security", "secrets", "github-actions" },
        helpMarkdown: """
            ## Why
            With `secrets: inherit` the callee can read every secret the caller can, including ones added later for
            unrelated jobs. A change to the reusable workflow, or a compromised action inside it, can exfiltrate all of
            them.

            ## How to fix
            Pass only the secrets the reusable workflow declares under `on.workflow_call.secrets`.

            ## Example
            Bad:
            ```yaml
            deploy:
              uses: org/pipelines/.github/workflows/deploy.yml@<sha>
              secrets: inherit
            ```
            Good:
            ```yaml
            deploy:
              uses: org/pipelines/.github/workflows/deploy.yml@<sha>
              secrets:
                DEPLOY_KEY: ${{ secrets.DEPLOY_KEY }}
            ```
            """,
        precision: "very-high",
        peers: new[] { new PeerRule("zizmor", "secrets-inherit") });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(WorkflowFile workflow, RuleContext context)
    {
        foreach (var job in workflow.Jobs)
            if (job.Secrets is YamlScalar { Value: "inherit" } inherit)
                context.Report(inherit.Span, $"Job '{job.Id}' passes every secret to '{job.Uses?.Value}': pass only the secrets it declares.");
    }
}
