using OpsTower.Policy.Cli;
using OpsTower.Policy.Tests.Testing;

namespace OpsTower.Policy.Tests.Cli;

/// <summary>The README is a contract: its rule table and commands must match the tool.</summary>
public class ReadmeTests
{
    private const string Start = "<!-- rules:start";
    private const string End = "<!-- rules:end -->";

    [Fact]
    public void Rule_table_matches_the_rules_command()
    {
        string readmePath = RepositoryPaths.InRepository("README.md");
        string readme = File.ReadAllText(readmePath).Replace("\r\n", "\n");
        int start = readme.IndexOf(Start, StringComparison.Ordinal);
        int startLineEnd = readme.IndexOf('\n', start) + 1;
        int end = readme.IndexOf(End, StringComparison.Ordinal);
        start.Should().BeGreaterThan(0);
        end.Should().BeGreaterThanOrEqualTo(startLineEnd);

        var stdout = new StringWriter { NewLine = "\n" };
        Program.Run(new[] { "rules", "--format", "markdown" }, stdout, new StringWriter()).Should().Be(0);
        string expected = stdout.ToString();

        if (Environment.GetEnvironmentVariable("OPSTOWER_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(readmePath, readme.Substring(0, startLineEnd) + expected + readme.Substring(end));
            return;
        }
        readme.Substring(startLineEnd, end - startLineEnd).Should().Be(expected,
            "the README's rule table is generated; run the tests with OPSTOWER_UPDATE_DOCS=1 to refresh it");
    }

    [Fact]
    public void Readme_starts_with_the_two_set_up_commands()
    {
        string readme = File.ReadAllText(RepositoryPaths.InRepository("README.md"));

        readme.Should().Contain("dotnet run --project src/OpsTower.Policy.Cli -- scan samples/ops-tower\ndotnet test\n");
    }
}
