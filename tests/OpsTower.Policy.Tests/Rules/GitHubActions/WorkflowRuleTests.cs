using CsCheck;
using OpsTower.Policy.Engine;
using OpsTower.Policy.Formats.GitHubActions;
using OpsTower.Policy.Rules;
using OpsTower.Policy.Rules.GitHubActions;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Tests.Rules.GitHubActions;

public class WorkflowRuleTests
{
    private static WorkflowStep Step(string yaml) =>
        WorkflowParser.Parse(new SourceFile(".github/workflows/x.yml", "on: push\njobs:\n  j:\n    steps:\n" + yaml), isAction: false).Jobs[0].Steps[0];

    [Theory]
    [InlineData("run: npm audit", "      - run: npm audit --audit-level=moderate\n", true)]
    [InlineData("run: npm run test*", "      - run: |\n          cd x\n          npm run test:unit -- --coverage\n", true)]
    [InlineData("run: docker buildx --push", "      - run: docker buildx build --push -t a .\n", true)]
    [InlineData("run: npm test", "      - run: echo npm test\n", false)]
    [InlineData("run: pytest", "      - run: FOO=1 sudo pytest -q && echo done\n", true)]
    [InlineData("uses: github/codeql-action/", "      - uses: github/codeql-action/analyze@v3\n", true)]
    [InlineData("uses: github/codeql-action/analyze", "      - uses: github/codeql-action/upload-sarif@v3\n", false)]
    public void Step_patterns_match_actions_and_commands(string pattern, string step, bool matches) =>
        StepPattern.Parse(pattern).Matches(Step(step)).Should().Be(matches);

    [Fact]
    public void A_step_pattern_without_a_kind_is_a_policy_error() =>
        FluentActions.Invoking(() => StepPattern.Parse("npm test")).Should().Throw<PolicyException>();

    [Fact]
    public void Workflow_rules_never_crash_on_arbitrary_workflows()
    {
        var words = Gen.OneOf<string>("on", "jobs", "steps", "uses", "run", "with", "env", "needs", "permissions", "secrets", "inherit", "write-all",
            "pull_request_target", "actions/checkout@v4", "docker://x", "${{ github.event.issue.title }}", "${{", "}}", "- ", "  ", ":", "\n", "[", "]", "{", "}", "'", "\"");
        var engine = new PolicyEngine();
        words.Array[0, 40].Select(parts => string.Concat(parts)).Sample(text =>
        {
            var result = engine.Analyze(new[] { new SourceFile(".github/workflows/ci.yml", text) });
            result.Notifications.Where(n => n.RuleId is not null).Should().BeEmpty();
        });
    }
}
