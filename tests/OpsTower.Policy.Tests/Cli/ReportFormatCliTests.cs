using System.Xml.Linq;
using OpsTower.Policy.Cli;
using OpsTower.Policy.Tests.Testing;

namespace OpsTower.Policy.Tests.Cli;

/// <summary>The github, junit and markdown formats through the command line: stdout holds only the report, exit codes are unchanged.</summary>
public class ReportFormatCliTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => CliRunner.Run(args);

    [Fact]
    public void Github_annotations_go_to_stdout_and_everything_else_to_stderr()
    {
        using var dir = new TempDirectory();
        dir.Write("svc/Dockerfile", CliRunner.RootUserDockerfile);
        dir.Write(".opstower-policy.yaml", "rules:\n  OTP1002: off\n");

        var (code, output, error) = Run("scan", dir.Path, "--root", dir.Path, "--format", "github");

        code.Should().Be(Program.ExitFindings);
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().NotBeEmpty().And.OnlyContain(l => l.StartsWith("::", StringComparison.Ordinal));
        output.Should().Contain("::error file=svc/Dockerfile,line=2,col=6,endLine=2,endColumn=10,title=OTP1001 RunAsNonRoot::");
        error.Should().Contain("Using policy").And.Contain("finding");
    }

    [Fact]
    public void Markdown_goes_to_stdout_clean_and_fail_on_still_decides_the_exit_code()
    {
        using var dir = new TempDirectory();
        dir.Write("Dockerfile", CliRunner.RootUserDockerfile);

        var (code, output, error) = Run("scan", dir.Path, "--root", dir.Path, "--format", "markdown", "--fail-on", "none");

        code.Should().Be(Program.ExitClean);
        output.Should().StartWith("## opstower-policy\n").And.Contain("/OTP1001.md) RunAsNonRoot | Dockerfile:2:6 |");
        error.Should().Contain("finding");
    }

    [Fact]
    public void Junit_goes_to_the_output_file_as_well_formed_xml()
    {
        using var dir = new TempDirectory();
        dir.Write("Dockerfile", CliRunner.RootUserDockerfile);
        string report = dir.In("junit.xml");

        var (code, output, error) = Run("scan", dir.In("Dockerfile"), "--root", dir.Path, "--format", "junit", "--output", report);

        code.Should().Be(Program.ExitFindings);
        output.Should().BeEmpty();
        error.Should().Contain("finding");
        XElement root = XDocument.Load(report).Root!;
        root.Name.LocalName.Should().Be("testsuites");
        root.Elements("testsuite").Should().Contain(s => (string)s.Attribute("name")! == "OTP1001 RunAsNonRoot" && (int)s.Attribute("failures")! == 1);
        ((int)root.Attribute("tests")!).Should().Be(root.Descendants("testcase").Count());
    }
}
