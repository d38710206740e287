using System.Linq;
using OpsTower.Policy.Engine;

namespace OpsTower.Policy.Rules.GitHubActions;

/// <summary>Security scans also run on a schedule, so new advisories against unchanged code are found.</summary>
public sealed class ScheduledSecurityScanRule : RepositoryRule
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP4012",
        name: "ScheduledSecurityScan",
        title: "A security scan runs on a schedule.",
        description: "When some workflow runs a step from security_scanners, at least one such workflow also has a 'schedule' trigger. Reported at the 'on:' key of the first scanning workflow.",
        defaultLevel: FindingLevel.Note,
        securitySeverity: 2.0,
        category: "GitHubActions",
        tags: new[] { "security", "github-actions" },
        helpMarkdown: """
            ## Why
            Vulnerabilities are published against code that has not changed. A scan that runs only on pushes and pull
            requests says nothing about the images already deployed until someone touches the repository. The
            specification scans images daily at 02:00 (section 7.1).

            ## How to fix
            Add a `schedule:` trigger to the scanning workflow.

            ## Example
            ```yaml
            on:
              pull_request:
              schedule:
                - cron: '0 2 * * *'
            ```
            """,
        precision: "high");

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(RepositoryModel repository, RuleContext context)
    {
        var scanners = StepPattern.ParseAll(context.Parameters.GetStringList("security_scanners"));
        var scanning = WorkflowFacts.Workflows(repository).Where(w => WorkflowFacts.AllSteps(w).Any(s => StepPattern.AnyMatches(scanners, s))).ToList();
        if (scanning.Count == 0 || scanning.Any(w => w.HasTrigger("schedule"))) return;
        var target = scanning[0];
        context.Report(target.File, target.OnEntry?.Key.Span ?? target.ReportSpan,
            "No security-scanning workflow runs on a schedule, so advisories published against unchanged code go unnoticed: add 'schedule: - cron: ...'.");
    }
}
