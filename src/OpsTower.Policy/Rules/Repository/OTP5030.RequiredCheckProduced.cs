using System;
using System.Linq;
using OpsTower.Policy.Engine;
using OpsTower.Policy.Formats.BranchProtection;
using OpsTower.Policy.Rules.GitHubActions;

namespace OpsTower.Policy.Rules.Repository;

/// <summary>Every required status check is reported by some workflow job.</summary>
public sealed class RequiredCheckProducedRule : RepositoryRule
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP5030",
        name: "RequiredCheckProduced",
        title: "Every required status check is produced by a workflow job.",
        description: "When the repository has workflows, each check that branch protection requires must be the check-run name of some job (its name, or id without one; a matrix job adds ' (values)'; a reusable-workflow call adds ' / job'), or match external_checks (checks apps report, such as codecov/*). Reported at the check's name; the message names the workflows searched.",
        defaultLevel: FindingLevel.Error,
        securitySeverity: 5.0,
        category: "Repository",
        tags: new[] { "quality-gate", "branch-protection", "cross-file" },
        helpMarkdown: """
            ## Why
            GitHub waits for a required check until a job reports it. A check no job produces ("Expected — Waiting
            for status to be reported") blocks every pull request until someone with admin rights bypasses it, and
            bypassing becomes routine. A typo in the name (`unit-test` for `unit-tests (user-service)`) does the same.

            ## How to fix
            Require the names the jobs report (the job's `name:`, or its id) including the matrix suffix, or rename the job.

            ## Example
            Bad:
            ```json
            "contexts": ["unit-test"]
            ```
            Good:
            ```json
            "contexts": ["unit-tests (user-service)", "security-scan"]
            ```
            """,
        precision: "high");

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(RepositoryModel repository, RuleContext context)
    {
        var external = context.Parameters.GetStringList("external_checks");
        var workflows = WorkflowFacts.Workflows(repository);
        if (workflows.Count == 0) return;
        var jobs = workflows.SelectMany(w => w.Jobs).ToList();
        string searched = string.Join(", ", workflows.Select(w => w.File.Path));
        foreach (var document in repository.ModelsOf<BranchProtectionDocument>())
        foreach (var rule in document.Rules)
        foreach (var check in rule.RequiredChecks)
        {
            if (jobs.Any(j => CheckNames.Produces(j, check.Name)) || external.Any(e => Matches(e, check.Name))) continue;
            // A job id required where the job has a name, or a name cut short, is the usual mistake.
            var similar = jobs.FirstOrDefault(j => string.Equals(j.Id, check.Name, StringComparison.OrdinalIgnoreCase))
                ?? jobs.FirstOrDefault(j => j.CheckName.StartsWith(check.Name, StringComparison.OrdinalIgnoreCase)
                    || check.Name.StartsWith(j.CheckName, StringComparison.OrdinalIgnoreCase));
            string hint = similar is null ? "" : $" (job '{similar.Id}' in {similar.Workflow.File.Path} reports '{similar.CheckName}{(similar.Matrix is null ? "" : " (…)")}')";
            var related = similar is null
                ? new[] { new RelatedLocation(workflows[0].File, workflows[0].ReportSpan, "the workflows' jobs") }
                : new[] { new RelatedLocation(similar.Workflow.File, similar.IdNode.Span, "the job with a similar name") };
            context.Report(document.File, check.Span,
                $"Branch '{rule.Branch}' requires the check '{check.Name}', but no job of {searched} produces it{hint}: every merge waits for it forever.", related);
        }
    }

    /// <summary>'*' at the end matches any rest; otherwise the names are equal.</summary>
    private static bool Matches(string pattern, string name) =>
        pattern.EndsWith("*", StringComparison.Ordinal)
            ? name.StartsWith(pattern.Substring(0, pattern.Length - 1), StringComparison.Ordinal)
            : pattern == name;
}
