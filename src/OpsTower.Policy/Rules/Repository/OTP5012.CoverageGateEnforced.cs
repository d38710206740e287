using System;
using System.Linq;
using OpsTower.Policy.Engine;
using OpsTower.Policy.Formats.Coverage;
using OpsTower.Policy.Rules.GitHubActions;
using OpsTower.Policy.Rules.Governance;

namespace OpsTower.Policy.Rules.Repository;

/// <summary>A configured coverage threshold actually blocks merges.</summary>
public sealed class CoverageGateEnforcedRule : RepositoryRule
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP5012",
        name: "CoverageGateEnforced",
        title: "Configured coverage thresholds gate pull requests.",
        description: "A threshold only gates when something fails on it, on pull requests, in a required check. Reports: a Codecov status marked informational; coverlet Threshold with only coverlet.collector referenced or run through the VSTest 'XPlat Code Coverage' collector, which ignore it; a jest/pytest/coverlet threshold that no workflow test step (test_commands) runs, or that only workflows without pull request triggers run; and, where branch protection for protected_branches names required checks, a threshold whose test jobs are not among them (Codecov: no codecov/* check required).",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 3.0,
        category: "Repository",
        tags: new[] { "quality-gate", "testing", "branch-protection" },
        helpMarkdown: """
            ## Why
            A threshold that fails a job nobody waits for is decoration: the merge button works either way. Common
            cases are a Codecov status left `informational`, coverlet's `Threshold` with the VSTest collector (which
            never reads it), a jest threshold run only after merging, and a coverage job missing from the required
            status checks.

            ## How to fix
            Run the gated tests on `pull_request`, make their job a required status check, and use an enforcing
            mechanism (`coverlet.msbuild` with `/p:CollectCoverage=true`, a non-informational Codecov status).

            ## Example
            Bad:
            ```yaml
            coverage:
              status:
                project:
                  default:
                    target: 80%
                    informational: true
            ```
            Good:
            ```yaml
            coverage:
              status:
                project:
                  default:
                    target: 80%
            ```
            """,
        precision: "medium");

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(RepositoryModel repository, RuleContext context)
    {
        var tests = StepPattern.ParseAll(context.Parameters.GetStringList("test_commands"));
        var branches = context.Parameters.GetStringList("protected_branches");
        var requiredChecks = ProtectionFacts.Views(repository, branches).SelectMany(v => v.Sources)
            .SelectMany(s => s.RequiredChecks.Select(c => new RelatedLocation(s.Document.File, c.Span, $"required status check '{c.Name}'"))).ToList();
        var requiredNames = ProtectionFacts.Views(repository, branches).SelectMany(v => v.Sources).SelectMany(s => s.RequiredChecks).Select(c => c.Name).ToList();
        bool hasWorkflows = WorkflowFacts.Workflows(repository).Count > 0;
        var testSteps = CoverageFacts.TestSteps(repository, tests);

        foreach (var config in repository.ModelsOf<CoverageConfig>().Where(c => c.Thresholds.Count > 0))
        {
            var first = config.Thresholds[0];
            if (config.Tool == CoverageTool.Codecov)
            {
                foreach (var threshold in config.Thresholds.Where(t => t.Informational))
                    context.Report(config.File, threshold.InformationalSpan ?? threshold.Span, $"The {CoverageFacts.Describe(threshold)} is informational, so it never fails: remove 'informational: true'.");
                if (requiredChecks.Count > 0 && !requiredNames.Any(c => c.StartsWith("codecov/", StringComparison.Ordinal)))
                    context.Report(config.File, first.Span, "No codecov/* check is required by branch protection, so the Codecov target blocks no merge: require codecov/project.",
                        new[] { requiredChecks[0] });
                continue;
            }
            if (config.CoverletCollectorOnly is { } collector)
            {
                context.Report(config.File, first.Span, "Threshold is read by coverlet.msbuild, but this project references only coverlet.collector, which ignores it: reference coverlet.msbuild and run with /p:CollectCoverage=true.",
                    new[] { new RelatedLocation(config.File, collector, "the coverlet.collector reference") });
                continue;
            }

            var governing = testSteps.Where(t => t.Tool == config.Tool && CoverageFacts.ConfigsFor(repository, t).Contains(config)).ToList();
            if (config.Tool == CoverageTool.Coverlet)
            {
                var vstest = governing.FirstOrDefault(t => t.Command.IndexOf("XPlat Code Coverage", StringComparison.Ordinal) >= 0 && t.Command.IndexOf("CollectCoverage=true", StringComparison.Ordinal) < 0);
                if (vstest is not null)
                {
                    context.Report(config.File, first.Span, $"'{vstest.Command}' collects coverage with the VSTest 'XPlat Code Coverage' collector, which ignores Threshold: run with /p:CollectCoverage=true (coverlet.msbuild).",
                        new[] { new RelatedLocation(vstest.Workflow.File, vstest.Span, "the test command") });
                    continue;
                }
            }
            if (!hasWorkflows) continue;
            if (governing.Count == 0)
            {
                context.Report(config.File, first.Span, $"No workflow step runs the tests this {CoverageFacts.Describe(first)} gates, so it is never enforced in CI.");
                continue;
            }
            if (!governing.Any(t => t.Workflow.RunsOnPullRequests))
            {
                var push = governing[0];
                context.Report(config.File, first.Span, $"The tests this threshold gates run only in {push.Workflow.File.Path}, which pull requests do not trigger: a change below it merges first and fails afterwards.",
                    new[] { new RelatedLocation(push.Workflow.File, push.Span, "the test command") });
                continue;
            }
            if (requiredChecks.Count > 0 && !governing.Any(t => requiredNames.Any(c => CheckNames.Produces(t.Step.Job, c))))
            {
                var job = governing.First(t => t.Workflow.RunsOnPullRequests).Step.Job;
                context.Report(config.File, first.Span, $"Job '{job.CheckName}' enforces this threshold, but branch protection does not require its check, so a failing run blocks no merge.",
                    new[] { new RelatedLocation(job.Workflow.File, job.IdNode.Span, "the job"), requiredChecks[0] });
            }
        }
    }
}
