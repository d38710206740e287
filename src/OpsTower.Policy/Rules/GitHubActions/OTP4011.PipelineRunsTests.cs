using System.Linq;
using OpsTower.Policy.Engine;

namespace OpsTower.Policy.Rules.GitHubActions;

/// <summary>Some workflow that runs on pull requests runs the tests.</summary>
public sealed class PipelineRunsTestsRule : RepositoryRule
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP4011",
        name: "PipelineRunsTests",
        title: "Pull requests run the unit tests.",
        description: "When the repository has workflows, a job of a workflow triggered by pull requests runs a step from test_commands. Reported at the 'jobs:' key of the first workflow that runs on pull requests (else the first workflow). Whether the tests enforce a coverage threshold is OTP5011's concern.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 3.0,
        category: "GitHubActions",
        tags: new[] { "quality-gate", "github-actions" },
        helpMarkdown: """
            ## Why
            Tests that run only after merging (on push to main) report a break once it is on the branch everyone
            builds from. The specification's CI runs unit and integration tests on every pull request (section 2.1).

            ## How to fix
            Trigger the test workflow on `pull_request` and run the test command in one of its jobs.

            ## Example
            ```yaml
            on:
              pull_request:
                branches: [main, develop]
            jobs:
              unit-tests:
                steps:
                  - run: npm run test:unit -- --coverage
            ```
            """,
        precision: "medium",
        peers: new[] { new PeerRule("OpenSSF Scorecard", "CI-Tests") });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(RepositoryModel repository, RuleContext context)
    {
        var tests = StepPattern.ParseAll(context.Parameters.GetStringList("test_commands"));
        var workflows = WorkflowFacts.Workflows(repository);
        if (workflows.Count == 0) return;
        if (workflows.Any(w => w.RunsOnPullRequests && WorkflowFacts.AllSteps(w).Any(s => StepPattern.AnyMatches(tests, s)))) return;
        var target = workflows.FirstOrDefault(w => w.RunsOnPullRequests) ?? workflows[0];
        bool testsElsewhere = workflows.Any(w => WorkflowFacts.AllSteps(w).Any(s => StepPattern.AnyMatches(tests, s)));
        context.Report(target.File, target.ReportSpan, testsElsewhere
            ? "Tests run only in workflows that pull requests do not trigger: run them on 'pull_request' so a change is tested before it merges."
            : "No workflow job runs the tests (npm test, pytest, go test, dotnet test…): add a test job that runs on pull requests.");
    }
}
