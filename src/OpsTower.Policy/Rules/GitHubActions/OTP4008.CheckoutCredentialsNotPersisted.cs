using System;
using System.Linq;
using OpsTower.Policy.Formats.GitHubActions;

namespace OpsTower.Policy.Rules.GitHubActions;

/// <summary>Checkout does not leave the token in .git/config where artifacts or untrusted code can read it.</summary>
public sealed class CheckoutCredentialsNotPersistedRule : FileRule<WorkflowFile>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP4008",
        name: "CheckoutCredentialsNotPersisted",
        title: "Checkout sets persist-credentials: false in jobs that upload artifacts or run untrusted code.",
        description: "actions/checkout writes the job's token into .git/config unless 'persist-credentials: false'. Reported in jobs with a step from artifact_uploaders, and in every job of a workflow triggered by one of privileged_triggers.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 6.5,
        category: "GitHubActions",
        tags: new[] { "security", "secrets", "github-actions" },
        helpMarkdown: """
            ## Why
            The persisted token stays on disk for the rest of the job. An artifact that uploads the workspace
            (`path: .`) publishes `.git/config` with it to anyone who can download artifacts ("ArtiPACKED"), and any
            code the job runs afterwards (a build script, a test) can read it.

            ## How to fix
            Add `persist-credentials: false` to the checkout, and give the token explicitly to the one step that
            pushes, if any.

            ## Example
            Bad:
            ```yaml
            - uses: actions/checkout@<sha>
            - uses: actions/upload-artifact@<sha>
              with:
                path: .
            ```
            Good:
            ```yaml
            - uses: actions/checkout@<sha>
              with:
                persist-credentials: false
            ```
            """,
        precision: "high",
        peers: new[] { new PeerRule("zizmor", "artipacked") });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(WorkflowFile workflow, RuleContext context)
    {
        var uploaders = context.Parameters.GetStringList("artifact_uploaders");
        var privilegedTriggers = context.Parameters.GetStringList("privileged_triggers");
        var checkoutActions = context.Parameters.GetStringList("checkout_actions");
        string? trigger = workflow.Triggers.Select(t => t.Name).FirstOrDefault(privilegedTriggers.Contains);
        foreach (var job in workflow.Jobs)
        {
            var upload = job.Steps.FirstOrDefault(s => uploaders.Any(s.UsesAction));
            if (upload is null && trigger is null) continue;
            string why = upload is not null ? $"job '{job.Id}' uploads an artifact" : $"the workflow runs on '{trigger}'";
            foreach (var checkout in job.Steps.Where(s => checkoutActions.Any(s.UsesAction)))
            {
                var persist = checkout.Input("persist-credentials");
                if (persist?.AsBool() == false || (persist is not null && string.Equals(persist.Value, "false", StringComparison.OrdinalIgnoreCase))) continue;
                context.Report(checkout.Uses!.Span,
                    $"The checkout keeps the token in .git/config and {why}: set 'persist-credentials: false'.",
                    upload is null ? null : new[] { new RelatedLocation(context.File, upload.Uses!.Span, "the artifact upload") });
            }
        }
    }
}
