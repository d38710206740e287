using OpsTower.Policy.Engine;
using OpsTower.Policy.Reporting.GitHub;
using OpsTower.Policy.Rules;
using OpsTower.Policy.Text;
using static OpsTower.Policy.Tests.Reporting.ReportingTestData;

namespace OpsTower.Policy.Tests.Reporting;

public class GitHubAnnotationWriterTests
{
    [Fact]
    public void Scan_problems_then_findings_become_one_command_each_with_exact_positions()
    {
        string text = GitHubAnnotationWriter.ToText(RealisticShuffled());

        text.Should().Be(
            "::warning file=assets/big.json,title=opstower-policy scan warning::Skipped: the file is larger than 1 MB.\n" +
            "::error file=deploy/k8s/broken.yaml,line=4,col=9,endLine=4,endColumn=10,title=opstower-policy scan error::Could not parse the file: mapping values are not allowed here.\n" +
            "::error file=deploy/k8s/web app.yaml,title=opstower-policy scan error::The rule failed: Object reference not set to an instance of an object.\n" +
            "::warning file=Dockerfile,line=1,col=6,endLine=1,endColumn=13,title=OTP1002 PinBaseImageDigest::node:20 is not pinned by digest.\n" +
            "::error file=Dockerfile,line=5,col=1,endLine=5,endColumn=10,title=OTP1001 RunAsNonRoot::The last USER is root.\n" +
            "::error file=deploy/k8s/web app.yaml,line=10,col=9,endLine=10,endColumn=25,title=OTP2001 NoPrivilegedContainers::Container 'web' is privileged.\n" +
            // A span over two lines carries lines only: the runner drops col/endColumn with line != endLine.
            "::error file=infra/naïve#1.tf,line=2,endLine=3,title=OTP7001 NoHardcodedSecrets::A Vault token is written in the provider block.\n");
    }

    [Fact]
    public void Data_and_properties_are_escaped_as_the_actions_toolkit_does()
    {
        var file = new SourceFile("odd,name:v2/100%.Dockerfile", "USER root\n");
        var finding = new Finding(RunAsNonRoot, FindingLevel.Note, "100% sure: a, b\r\nsecond line\nthird", file, SpanOf(file, "root"));
        var result = new ScanResult("/r", new[] { file }, new[] { RunAsNonRoot }, new[] { finding }, Array.Empty<ScanNotification>());

        GitHubAnnotationWriter.ToText(result).Should().Be(
            "::notice file=odd%2Cname%3Av2/100%25.Dockerfile,line=1,col=6,endLine=1,endColumn=10,title=OTP1001 RunAsNonRoot::" +
            "100%25 sure: a, b%0D%0Asecond line%0Athird\n");
        GitHubAnnotationWriter.EscapeProperty("a:b,c%d\re\nf").Should().Be("a%3Ab%2Cc%25d%0De%0Af");
        GitHubAnnotationWriter.EscapeData("a:b,c%d\re\nf").Should().Be("a:b,c%25d%0De%0Af");
    }

    [Fact]
    public void Suppressed_findings_and_scan_notes_are_left_out()
    {
        Finding[] findings = Findings().ToArray();
        findings[0] = findings[0].WithSuppressions(new[] { new Suppression(SuppressionKind.InSource, "build stage", Dockerfile, SpanOf(Dockerfile, "USER root")) });
        var result = new ScanResult("/r", new[] { Dockerfile }, ReportingTestData.Rules(), findings.Take(2).ToArray(),
            new[] { new ScanNotification(NotificationLevel.Note, "OTP1003 matches no finding on line 2.", "Dockerfile") });

        GitHubAnnotationWriter.ToText(result).Should().Be(
            "::warning file=Dockerfile,line=1,col=6,endLine=1,endColumn=13,title=OTP1002 PinBaseImageDigest::node:20 is not pinned by digest.\n");
    }
}
