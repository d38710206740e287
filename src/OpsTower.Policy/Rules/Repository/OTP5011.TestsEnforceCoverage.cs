using System.Linq;
using OpsTower.Policy.Engine;
using OpsTower.Policy.Formats.Coverage;
using OpsTower.Policy.Rules.GitHubActions;

namespace OpsTower.Policy.Rules.Repository;

/// <summary>Every test step in CI has a coverage threshold that can fail it.</summary>
public sealed class TestsEnforceCoverageRule : RepositoryRule
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP5011",
        name: "TestsEnforceCoverage",
        title: "Test jobs enforce a coverage threshold.",
        description: "Each workflow step running a command from test_commands must be gated: by its own command line (--cov-fail-under, --coverageThreshold, /p:Threshold=), by a config of its runner that governs its working directory (jest.config.* or package.json's jest section for npm/yarn/pnpm/jest, pytest.ini/pyproject.toml/setup.cfg/tox.ini for pytest, coverlet in MSBuild files for dotnet test; matrix values in working-directory are expanded), or by a Codecov status that is not informational. Reported at the test command.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 3.0,
        category: "Repository",
        tags: new[] { "quality-gate", "testing" },
        helpMarkdown: """
            ## Why
            Coverage that is only measured is not a gate: the build stays green as it falls. The specification
            requires unit-test coverage above 80 % as an automated check (section 1.2).

            ## How to fix
            Set the threshold in the runner's config (jest `coverageThreshold`, pytest `--cov-fail-under`, coverlet
            `Threshold`) or a failing Codecov status.

            ## Example
            ```js
            // services/user-service/jest.config.js
            module.exports = {
              coverageThreshold: { global: { branches: 80, functions: 80, lines: 80, statements: 80 } },
            };
            ```
            """,
        precision: "medium");

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(RepositoryModel repository, RuleContext context)
    {
        var tests = StepPattern.ParseAll(context.Parameters.GetStringList("test_commands"));
        foreach (var test in CoverageFacts.TestSteps(repository, tests))
        {
            if (CoverageFacts.CommandSetsThreshold(test.Command) || CoverageFacts.CodecovGates(repository, CoverageFacts.RootOf(test.Workflow))) continue;
            if (test.Tool is null)
            {
                context.Report(test.Workflow.File, test.Span, $"'{test.Command}' runs tests that no coverage threshold gates (its runner has none of its own): add a failing Codecov status or a coverage check step.");
                continue;
            }
            var gated = test.Directories.Where(d => CoverageFacts.ConfigsFor(repository, test).Any(c =>
                CoverageFacts.RelativeDirectory(c, CoverageFacts.RootOf(test.Workflow)) is { } directory && CoverageFacts.Governs(directory, d))).ToList();
            var ungated = test.Directories.Except(gated).ToList();
            if (ungated.Count == 0) continue;
            string where = ungated.Count == 1 && ungated[0].Length == 0 ? "" : $" in {string.Join(", ", ungated.Select(d => d.Length == 0 ? "the root" : d))}";
            context.Report(test.Workflow.File, test.Span, $"'{test.Command}'{where} enforces no coverage threshold: set {Remedy(test.Tool.Value)}.");
        }
    }

    private static string Remedy(CoverageTool tool) => tool switch
    {
        CoverageTool.Jest => "coverageThreshold in the jest config",
        CoverageTool.Pytest => "--cov-fail-under (pytest-cov)",
        _ => "coverlet's Threshold (with coverlet.msbuild)",
    };
}
