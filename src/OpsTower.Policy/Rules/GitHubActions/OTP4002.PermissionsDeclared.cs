using System.Linq;
using OpsTower.Policy.Formats.GitHubActions;

namespace OpsTower.Policy.Rules.GitHubActions;

/// <summary>Workflows say which token permissions they need, and never grant write-all.</summary>
public sealed class PermissionsDeclaredRule : FileRule<WorkflowFile>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP4002",
        name: "PermissionsDeclared",
        title: "Workflows declare least-privilege token permissions.",
        description: "A workflow with no 'permissions' at the top, and jobs without their own, gets the repository's default GITHUB_TOKEN permissions, which are read-write on older repositories and organisations. 'permissions: write-all' grants every scope. Reported once per workflow at 'jobs:' (naming the jobs left on the default; not for a reusable workflow, whose caller sets them), and at each 'write-all'.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 6.0,
        category: "GitHubActions",
        tags: new[] { "security", "least-privilege", "github-actions" },
        helpMarkdown: """
            ## Why
            Every job gets a `GITHUB_TOKEN`. Without a `permissions:` block its scopes are the repository default,
            which for many repositories still includes `contents: write`, `packages: write` and more: a compromised
            step (a hijacked action, an injected script) can push code, publish packages or approve pull requests.

            ## How to fix
            Set `permissions: contents: read` (or `{}`) at the top of the workflow and grant write scopes only in the
            jobs that need them.

            ## Example
            Bad:
            ```yaml
            on: push
            jobs:
              build:
                runs-on: ubuntu-latest
            ```
            Good:
            ```yaml
            on: push
            permissions:
              contents: read
            jobs:
              build:
                runs-on: ubuntu-latest
            ```
            """,
        precision: "very-high",
        peers: new[]
        {
            new PeerRule("zizmor", "excessive-permissions"),
            new PeerRule("OpenSSF Scorecard", "Token-Permissions"),
            new PeerRule("Checkov", "CKV2_GHA_1"),
        });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(WorkflowFile workflow, RuleContext context)
    {
        if (workflow.IsAction || workflow.Root is null) return;
        foreach (var block in new[] { workflow.Permissions }.Concat(workflow.Jobs.Select(j => j.Permissions)))
            if (block is { IsWriteAll: true }) context.Report(block.Shorthand!.Span, "'permissions: write-all' gives the token every write scope: list the scopes the jobs need.");

        // A reusable workflow runs with its caller's token, whose permissions the calling job sets.
        bool onlyCalled = workflow.Triggers.Count > 0 && workflow.Triggers.All(t => t.Name == "workflow_call");
        if (workflow.Permissions is not null || workflow.JobsEntry is null || onlyCalled) return;
        var defaulted = workflow.Jobs.Where(j => j.Permissions is null).Select(j => $"'{j.Id}'").ToList();
        if (defaulted.Count == 0) return;
        context.Report(workflow.JobsEntry.Key.Span,
            $"No 'permissions' at the top of the workflow, so job{(defaulted.Count == 1 ? "" : "s")} {string.Join(", ", defaulted)} get{(defaulted.Count == 1 ? "s" : "")} the repository's default token permissions: add 'permissions: contents: read' and grant more per job.");
    }
}
