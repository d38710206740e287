using OpsTower.Policy.Engine;
using OpsTower.Policy.Formats.BranchProtection;
using OpsTower.Policy.Formats.CodeOwners;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Tests.Formats.Repository;

public class RepositoryFormatsTests
{
    [Theory]
    [InlineData(".github/workflows/ci.yml", FileKind.GitHubWorkflow)]
    [InlineData("samples/x/.github/workflows/scan.yaml", FileKind.GitHubWorkflow)]
    [InlineData(".github/actions/setup/action.yml", FileKind.GitHubAction)]
    [InlineData(".github/branch-protection/main.json", FileKind.BranchProtection)]
    [InlineData(".github/rulesets/main.json", FileKind.BranchProtection)]
    [InlineData(".github/settings.yml", FileKind.RepositorySettings)]
    [InlineData(".github/branching-strategy.yml", FileKind.BranchingStrategy)]
    [InlineData(".github/CODEOWNERS", FileKind.CodeOwners)]
    [InlineData(".pre-commit-config.yaml", FileKind.PreCommitConfig)]
    [InlineData("codecov.yml", FileKind.CodecovConfig)]
    [InlineData("services/a/jest.config.ts", FileKind.JestConfig)]
    [InlineData("services/a/package.json", FileKind.PackageJson)]
    [InlineData("tests/A.Tests/A.Tests.csproj", FileKind.MSBuildProject)]
    [InlineData("pyproject.toml", FileKind.PythonTestConfig)]
    public void Pipeline_and_governance_files_are_recognised_by_path(string path, FileKind kind) =>
        FileClassifier.Classify(path).Should().Be(kind);

    [Fact]
    public void The_specifications_branching_strategy_is_recognised_anywhere_by_its_key()
    {
        FileClassifier.Classify("docs/strategy.yaml", () => "# how we branch\nbranching_strategy:\n  main_branch: main\n").Should().Be(FileKind.BranchingStrategy);
        FileClassifier.Classify(".github/workflows/nested/ci.yml", () => "on: push\n").Should().NotBe(FileKind.GitHubWorkflow);
    }

    [Fact]
    public void Rest_exports_in_get_and_put_shapes_read_the_same()
    {
        const string get = """{ "url": "https://api.github.com/repos/o/r/branches/release%2F1/protection", "enforce_admins": { "enabled": true }, "allow_force_pushes": { "enabled": false } }""";
        const string put = """{ "enforce_admins": true, "allow_force_pushes": false }""";
        var fromGet = BranchProtectionParser.ParseJson(new SourceFile(".github/branch-protection/x.json", get)).Rules.Single();
        var fromPut = BranchProtectionParser.ParseJson(new SourceFile(".github/branch-protection/develop.json", put)).Rules.Single();

        fromGet.Branch.Should().Be("release/1");
        fromPut.Branch.Should().Be("develop");
        foreach (var rule in new[] { fromGet, fromPut })
        {
            rule.AdminsEnforced!.Value.Should().BeTrue();
            rule.AllowForcePushes!.Value.Should().BeFalse();
            rule.PullRequestsRequired!.Value.Should().BeFalse();
        }
    }

    [Fact]
    public void The_specifications_protection_rules_are_read()
    {
        var document = BranchProtectionParser.ParseBranchingStrategy(new SourceFile("s.yml",
            "branching_strategy:\n  protection_rules:\n    main:\n      - require_pull_request_reviews: 2\n      - require_up_to_date_branches: true\n    develop:\n      - allow_force_pushes: false\n"));
        document.Rules.Select(r => r.Branch).Should().Equal("main", "develop");
        document.Rules[0].RequiredApprovals!.Value.Should().Be(2);
        document.Rules[0].StrictStatusChecks!.Value.Should().BeTrue();
        document.Rules[1].AllowForcePushes!.Value.Should().BeFalse();
    }

    [Fact]
    public void Codeowners_last_match_wins_and_folders_cover_their_files()
    {
        var owners = CodeOwnersFile.Parse(new SourceFile("docs/CODEOWNERS", "* @all\n/infrastructure/ @devops # comment\n/infrastructure/legacy/\n*.md @docs\n"));
        owners.RepositoryRoot.Should().Be("");
        owners.OwnerOf("infrastructure/")!.Owners.Should().Equal("@devops");
        owners.OwnerOf("infrastructure/terraform/main.tf")!.Owners.Should().Equal("@devops");
        owners.OwnerOf("infrastructure/legacy/x.tf")!.Owners.Should().BeEmpty();
        owners.OwnerOf("services/a/README.md")!.Owners.Should().Equal("@docs");
    }
}
