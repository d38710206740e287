using System.Linq;
using OpsTower.Policy.Engine;

namespace OpsTower.Policy.Rules.GitHubActions;

/// <summary>Some workflow runs a security scanner.</summary>
public sealed class PipelineHasSecurityScanRule : RepositoryRule
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP4010",
        name: "PipelineHasSecurityScan",
        title: "The pipeline runs a security scan.",
        description: "When the repository has workflows, at least one job of one of them runs a step from security_scanners (CodeQL, Semgrep, Trivy, Snyk, npm audit, …). Reported at the 'jobs:' key of the first workflow that runs on pull requests (else the first workflow).",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 5.0,
        category: "GitHubActions",
        tags: new[] { "security", "quality-gate", "github-actions" },
        helpMarkdown: """
            ## Why
            The specification's CI runs Semgrep, `npm audit` and Trivy on every pull request (section 2.1) and scans
            images daily (section 7.1). A pipeline without any scanner ships known-vulnerable dependencies and code
            patterns without anyone being told.

            ## How to fix
            Add a security-scan job (CodeQL or Semgrep for code, `npm audit`/osv-scanner for dependencies, Trivy or
            Grype for images) to the workflow that runs on pull requests.

            ## Example
            ```yaml
            security-scan:
              runs-on: ubuntu-latest
              steps:
                - uses: actions/checkout@<sha>
                - run: npm audit --audit-level=moderate
            ```
            """,
        precision: "medium",
        peers: new[] { new PeerRule("OpenSSF Scorecard", "SAST") });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(RepositoryModel repository, RuleContext context)
    {
        var scanners = StepPattern.ParseAll(context.Parameters.GetStringList("security_scanners"));
        var workflows = WorkflowFacts.Workflows(repository);
        if (workflows.Count == 0) return;
        if (workflows.Any(w => WorkflowFacts.AllSteps(w).Any(s => StepPattern.AnyMatches(scanners, s)))) return;
        var target = workflows.FirstOrDefault(w => w.RunsOnPullRequests) ?? workflows[0];
        context.Report(target.File, target.ReportSpan,
            $"No job of the {workflows.Count} workflow(s) runs a security scanner (CodeQL, Semgrep, Trivy, npm audit…): add a security-scan job to this workflow.");
    }
}
