using System.Linq;
using OpsTower.Policy.Formats.GitHubActions;

namespace OpsTower.Policy.Rules.GitHubActions;

/// <summary>Workflows that run with the base repository's secrets do not check out the pull request's code.</summary>
public sealed class UntrustedCheckoutInPrivilegedWorkflowRule : FileRule<WorkflowFile>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP4005",
        name: "UntrustedCheckoutInPrivilegedWorkflow",
        title: "Privileged workflows do not check out untrusted pull request code.",
        description: "In a workflow triggered by one of privileged_triggers (pull_request_target, workflow_run), reports a checkout action whose 'ref' or 'repository' reads an untrusted head (untrusted_refs: the pull request's head sha or ref, github.head_ref, workflow_run's head…), and a 'gh pr checkout' in a script.",
        defaultLevel: FindingLevel.Error,
        securitySeverity: 9.3,
        category: "GitHubActions",
        tags: new[] { "security", "pwn-request", "github-actions" },
        helpMarkdown: """
            ## Why
            `pull_request_target` and `workflow_run` run in the context of the base repository: with its secrets and a
            write token, even for pull requests from forks. Checking out the fork's head and then building, testing or
            even installing it runs the attacker's code (package scripts, build files, test fixtures) with those
            privileges: a "pwn request".

            ## How to fix
            Use `pull_request` for anything that runs the pull request's code. If a privileged follow-up is needed
            (commenting, labelling), let a `pull_request` workflow upload results as an artifact and have a
            `workflow_run` workflow read them as data, never as code.

            ## Example
            Bad:
            ```yaml
            on: pull_request_target
            jobs:
              test:
                steps:
                  - uses: actions/checkout@<sha>
                    with:
                      ref: ${{ github.event.pull_request.head.sha }}
                  - run: npm ci && npm test
            ```
            Good:
            ```yaml
            on: pull_request
            jobs:
              test:
                steps:
                  - uses: actions/checkout@<sha>
                  - run: npm ci && npm test
            ```
            """,
        precision: "high",
        peers: new[]
        {
            new PeerRule("zizmor", "dangerous-triggers"),
            new PeerRule("Checkov", "CKV_GHA_3"),
        });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(WorkflowFile workflow, RuleContext context)
    {
        var privilegedTriggers = context.Parameters.GetStringList("privileged_triggers");
        var untrustedRefs = context.Parameters.GetStringList("untrusted_refs");
        var checkoutActions = context.Parameters.GetStringList("checkout_actions");
        var trigger = workflow.Triggers.FirstOrDefault(t => privilegedTriggers.Contains(t.Name));
        if (trigger is null) return;
        var related = new[] { new RelatedLocation(context.File, trigger.NameNode.Span, $"the '{trigger.Name}' trigger") };

        foreach (var step in workflow.Jobs.SelectMany(j => j.Steps))
        {
            if (checkoutActions.Any(step.UsesAction))
            {
                foreach (string input in new[] { "ref", "repository" })
                {
                    if (step.Input(input) is not { } value) continue;
                    foreach (var expression in WorkflowExpressions.Find(context.File, value))
                    {
                        string? path = expression.ContextPaths.FirstOrDefault(p => untrustedRefs.Any(u => WorkflowExpressions.PathMatches(p, u)));
                        if (path is null) continue;
                        context.Report(expression.Span,
                            $"This '{trigger.Name}' workflow checks out '{path}', the untrusted pull request's code, with the base repository's secrets and write token: run that code in a 'pull_request' workflow instead.", related);
                    }
                }
            }
            if (step.Run is { } run && run.Value.Contains("gh pr checkout"))
                context.Report(run.Span, $"'gh pr checkout' in a '{trigger.Name}' workflow fetches the untrusted pull request's code into a job with the base repository's secrets: run it in a 'pull_request' workflow instead.", related);
        }
    }
}
