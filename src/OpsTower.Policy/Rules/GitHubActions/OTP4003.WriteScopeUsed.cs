using System;
using System.Collections.Generic;
using System.Linq;
using OpsTower.Policy.Formats.GitHubActions;

namespace OpsTower.Policy.Rules.GitHubActions;

/// <summary>A write scope is granted only to jobs with a step that uses it.</summary>
public sealed class WriteScopeUsedRule : FileRule<WorkflowFile>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP4003",
        name: "WriteScopeUsed",
        title: "Write permissions are granted only to jobs that use them.",
        description: "For each 'scope: write' (at the top of the workflow, for the jobs without their own block, or in a job), looks for a step known to need it, from the policy's scope_users ('security-events: uses: github/codeql-action/'). Steps that can use any scope (token_users: github-script, the gh CLI…) and reusable-workflow calls count for every scope; scopes the policy knows no users of are not judged.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 5.0,
        category: "GitHubActions",
        tags: new[] { "security", "least-privilege", "github-actions" },
        helpMarkdown: """
            ## Why
            A write scope that no step needs is only useful to an attacker who gets code running in the job. Granting
            `packages: write` to a test job, or `contents: write` to every job of the workflow, widens what one
            hijacked dependency can do.

            ## How to fix
            Move the write scope from the workflow to the job that needs it, or drop it.

            ## Example
            Bad:
            ```yaml
            permissions:
              contents: read
              security-events: write
            jobs:
              test:            # never uploads SARIF
                steps:
                  - run: npm test
            ```
            Good:
            ```yaml
            permissions:
              contents: read
            jobs:
              scan:
                permissions:
                  contents: read
                  security-events: write
                steps:
                  - uses: github/codeql-action/upload-sarif@<sha>
            ```
            """,
        precision: "medium",
        peers: new[] { new PeerRule("zizmor", "excessive-permissions") });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(WorkflowFile workflow, RuleContext context)
    {
        var scopeUsers = ParseScopeUsers(context.Parameters.GetStringList("scope_users"));
        var tokenUsers = StepPattern.ParseAll(context.Parameters.GetStringList("token_users"));
        if (workflow.IsAction) return;

        if (workflow.Permissions is { } top)
        {
            var inheriting = workflow.Jobs.Where(j => j.Permissions is null).ToList();
            foreach (var scope in top.Scopes.Where(s => s.Level == PermissionLevel.Write))
                Check(context, scope, inheriting, scopeUsers, tokenUsers, "no job without its own 'permissions' has a step that needs it");
        }
        foreach (var job in workflow.Jobs)
        {
            if (job.Permissions is not { } own) continue;
            foreach (var scope in own.Scopes.Where(s => s.Level == PermissionLevel.Write))
                Check(context, scope, new[] { job }, scopeUsers, tokenUsers, $"no step of job '{job.Id}' needs it");
        }
    }

    private static void Check(RuleContext context, PermissionScope scope, IReadOnlyList<WorkflowJob> jobs,
        IReadOnlyDictionary<string, List<StepPattern>> scopeUsers, IReadOnlyList<StepPattern> tokenUsers, string why)
    {
        if (!scopeUsers.TryGetValue(scope.Name, out var users)) return;
        bool used = jobs.Any(j => j.Uses is not null
            || j.Steps.Any(s => StepPattern.AnyMatches(users, s) || StepPattern.AnyMatches(tokenUsers, s)));
        if (!used) context.Report(scope.ValueNode.Span, $"'{scope.Name}: write' is granted but {why}: grant it only where it is used, or drop it.");
    }

    private static IReadOnlyDictionary<string, List<StepPattern>> ParseScopeUsers(IReadOnlyList<string> entries)
    {
        var byScope = new Dictionary<string, List<StepPattern>>(StringComparer.Ordinal);
        foreach (string entry in entries)
        {
            int colon = entry.IndexOf(':');
            if (colon <= 0) throw new PolicyException($"A scope_users entry is 'scope: uses: …' or 'scope: run: …', not '{entry}'.");
            string scope = entry.Substring(0, colon).Trim();
            if (!byScope.TryGetValue(scope, out var list)) byScope[scope] = list = new List<StepPattern>();
            list.Add(StepPattern.Parse(entry.Substring(colon + 1)));
        }
        return byScope;
    }
}
