using System.Globalization;
using System.Linq;
using OpsTower.Policy.Engine;
using OpsTower.Policy.Formats.Coverage;
using OpsTower.Policy.Formats.GitHubActions;
using OpsTower.Policy.Formats.Yaml;
using OpsTower.Policy.Rules.GitHubActions;

namespace OpsTower.Policy.Rules.Repository;

/// <summary>Coverage thresholds are at least the baseline's unit-test coverage.</summary>
public sealed class CoverageThresholdMeetsBaselineRule : RepositoryRule
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP5010",
        name: "CoverageThresholdMeetsBaseline",
        title: "Coverage thresholds are at least the policy's minimum.",
        description: "Reports, at the number, every coverage threshold below minimum_percent: jest's coverageThreshold.global (jest.config.* read without running it, or package.json's jest section), Codecov status targets, coverlet Threshold in MSBuild files, pytest-cov --cov-fail-under and coverage.py fail_under in Python configs and in workflow commands.",
        defaultLevel: FindingLevel.Error,
        securitySeverity: 3.0,
        category: "Repository",
        tags: new[] { "quality-gate", "testing" },
        helpMarkdown: """
            ## Why
            The specification sets 80 % unit-test coverage for every service (sections 1.2 and 2.2). A threshold
            below it lets coverage slide while the build stays green.

            ## How to fix
            Raise the threshold to the policy's minimum (add tests first if the suite is below it).

            ## Example
            Bad:
            ```js
            coverageThreshold: { global: { branches: 70, functions: 80, lines: 80, statements: 80 } }
            ```
            Good:
            ```js
            coverageThreshold: { global: { branches: 80, functions: 80, lines: 80, statements: 80 } }
            ```
            """,
        precision: "very-high");

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(RepositoryModel repository, RuleContext context)
    {
        double minimum = context.Parameters.GetDouble("minimum_percent");
        string minimumText = minimum.ToString("0.##", CultureInfo.InvariantCulture);
        foreach (var config in repository.ModelsOf<CoverageConfig>())
        foreach (var threshold in config.Thresholds.Where(t => t.Percent < minimum))
            context.Report(config.File, threshold.Span,
                $"{CoverageFacts.Describe(threshold)} is {Percent(threshold.Percent)} %, below the policy's {minimumText} %.");

        foreach (var workflow in WorkflowFacts.Workflows(repository))
        foreach (var step in WorkflowFacts.AllSteps(workflow))
        {
            if (step.Run is not { } run) continue;
            int[]? offsets = null;
            foreach (var (value, start) in CoverageCommands.FailUnderValues(run.Value))
            {
                if (value >= minimum) continue;
                offsets ??= ScalarContent.MapOffsets(workflow.File, run);
                int length = CoverageParsers.NumberLength(run.Value, start);
                var span = WorkflowExpressions.MapValueSpan(offsets, run, start, length);
                context.Report(workflow.File, span, $"--cov-fail-under is {Percent(value)} %, below the policy's {minimumText} %.");
            }
        }
    }

    private static string Percent(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
