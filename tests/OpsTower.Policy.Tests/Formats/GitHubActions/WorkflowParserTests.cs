using OpsTower.Policy.Formats.GitHubActions;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Tests.Formats.GitHubActions;

public class WorkflowParserTests
{
    private const string Workflow = """
        name: CI
        on:
          push:
            branches: [main]
          pull_request:
        permissions:
          contents: read
        jobs:
          test:
            name: Unit tests
            runs-on: ubuntu-latest
            strategy:
              matrix:
                service: [a, b]
            steps:
              - uses: actions/checkout@v4
              - run: |
                  echo "${{ github.event.pull_request.title }}"
                  npm test
                working-directory: services/${{ matrix.service }}
          push:
            needs: [test]
            permissions: write-all
            uses: org/repo/.github/workflows/x.yml@main
            secrets: inherit
        """;

    [Fact]
    public void Reads_triggers_permissions_jobs_needs_and_steps()
    {
        var workflow = WorkflowParser.Parse(new SourceFile(".github/workflows/ci.yml", Workflow), isAction: false);

        workflow.Triggers.Select(t => t.Name).Should().Equal("push", "pull_request");
        workflow.RunsOnPullRequests.Should().BeTrue();
        workflow.Permissions!.Scopes.Should().ContainSingle(s => s.Name == "contents" && s.Level == PermissionLevel.Read);
        workflow.Jobs.Select(j => j.Id).Should().Equal("test", "push");
        var test = workflow.Jobs[0];
        test.CheckName.Should().Be("Unit tests");
        test.Steps.Should().HaveCount(2);
        test.Steps[0].Action!.Name.Should().Be("actions/checkout");
        test.Steps[0].Action!.Ref.Should().Be("v4");
        test.Steps[1].WorkingDirectory.Should().Be("services/${{ matrix.service }}");
        var push = workflow.Jobs[1];
        push.Needs.Select(n => n.Value).Should().Equal("test");
        push.Permissions!.IsWriteAll.Should().BeTrue();
        push.UsesReference!.Ref.Should().Be("main");
        workflow.JobWithDependencies(push).Select(j => j.Id).Should().BeEquivalentTo("push", "test");
    }

    [Fact]
    public void Expressions_in_block_scripts_map_to_their_exact_place()
    {
        var file = new SourceFile(".github/workflows/ci.yml", Workflow);
        var workflow = WorkflowParser.Parse(file, isAction: false);
        var expression = WorkflowExpressions.Find(file, workflow.Jobs[0].Steps[1].Run!).Single();

        file.GetText(expression.Span).Should().Be("${{ github.event.pull_request.title }}");
        expression.ContextPaths.Should().Equal("github.event.pull_request.title");
    }

    [Theory]
    [InlineData("github.event['issue'].title", "github.event.issue.title")]
    [InlineData("github.event.commits[0].message", "github.event.commits.*.message")]
    [InlineData("toJSON(github.event.issue)", "github.event.issue")]
    [InlineData("format('{0}', github.head_ref) == 'x'", "github.head_ref")]
    [InlineData("'github.event.issue.title'", "")]
    public void Context_paths_are_normalised(string expression, string expected) =>
        string.Join(" ", WorkflowExpressions.ContextPaths(expression)).Should().Be(expected);

    [Theory]
    [InlineData("actions/checkout@v4", ActionReferenceKind.Repository, false)]
    [InlineData("actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683", ActionReferenceKind.Repository, true)]
    [InlineData("./.github/actions/x", ActionReferenceKind.Local, true)]
    [InlineData("docker://alpine:3.20", ActionReferenceKind.Docker, false)]
    [InlineData("docker://alpine@sha256:1e42bbe2508154c9126d48c2b8a75420c3544343bf86fd041fb7527e017a4b4a", ActionReferenceKind.Docker, true)]
    public void Action_references_are_split(string uses, ActionReferenceKind kind, bool pinned)
    {
        var reference = ActionReference.Parse(uses);
        reference.Kind.Should().Be(kind);
        reference.IsPinned.Should().Be(pinned);
    }

    [Fact]
    public void A_composite_action_is_one_job_of_steps()
    {
        var action = WorkflowParser.Parse(new SourceFile("action.yml", "name: x\nruns:\n  using: composite\n  steps:\n    - run: echo hi\n      shell: bash\n"), isAction: true);
        action.Jobs.Should().ContainSingle().Which.Steps.Should().ContainSingle();
    }
}
