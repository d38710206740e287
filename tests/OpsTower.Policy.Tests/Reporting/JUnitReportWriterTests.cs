using System.Text;
using System.Xml;
using System.Xml.Linq;
using OpsTower.Policy.Engine;
using OpsTower.Policy.Reporting.JUnit;
using OpsTower.Policy.Rules;
using OpsTower.Policy.Text;
using static OpsTower.Policy.Tests.Reporting.ReportingTestData;

namespace OpsTower.Policy.Tests.Reporting;

public class JUnitReportWriterTests
{
    private static ScanResult Small()
    {
        var suppressed = new Finding(RunAsNonRoot, FindingLevel.Error, "The last USER is root.", Dockerfile, SpanOf(Dockerfile, "USER root"))
            .WithSuppressions(new[] { new Suppression(SuppressionKind.InSource, "build stage <root> & \"friends\"", Dockerfile, SpanOf(Dockerfile, "USER root")) });
        var failing = new Finding(PinBaseImage, FindingLevel.Warning, "node:20 is \"not\" <pinned> & \u0001odd.", Dockerfile, SpanOf(Dockerfile, "node:20"),
            new[] { new RelatedLocation(Dockerfile, SpanOf(Dockerfile, "USER root"), "The user.") });
        var parseError = new ScanNotification(NotificationLevel.Error, "Could not parse the file.", "k8s/bad.yaml",
            new LinePositionSpan(new LinePosition(4, 9), new LinePosition(4, 10)));
        var skipped = new ScanNotification(NotificationLevel.Warning, "Skipped: too large.", "big.json");
        return new ScanResult("/r", new[] { Dockerfile }, new[] { NoPrivileged, PinBaseImage, RunAsNonRoot }, new[] { failing, suppressed }, new[] { skipped, parseError });
    }

    [Fact]
    public void A_small_scan_gives_exactly_this_document()
    {
        JUnitReportWriter.ToXml(Small()).Should().Be(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" +
            "<testsuites name=\"opstower-policy\" tests=\"4\" failures=\"1\" errors=\"1\" skipped=\"1\">\n" +
            "  <testsuite name=\"OTP1001 RunAsNonRoot\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"1\">\n" +
            "    <testcase name=\"Dockerfile:5:1\" classname=\"OTP1001 RunAsNonRoot\" file=\"Dockerfile\" line=\"5\">\n" +
            "      <skipped message=\"suppressed: build stage &lt;root&gt; &amp; &quot;friends&quot;\" />\n" +
            "    </testcase>\n" +
            "  </testsuite>\n" +
            "  <testsuite name=\"OTP1002 PinBaseImageDigest\" tests=\"1\" failures=\"1\" errors=\"0\" skipped=\"0\">\n" +
            "    <testcase name=\"Dockerfile:1:6\" classname=\"OTP1002 PinBaseImageDigest\" file=\"Dockerfile\" line=\"1\">\n" +
            "      <failure message=\"node:20 is &quot;not&quot; &lt;pinned&gt; &amp; \uFFFDodd.\" type=\"warning\">" +
            "Dockerfile:1:6-1:13: warning OTP1002 node:20 is \"not\" &lt;pinned&gt; &amp; \uFFFDodd.\n  related: Dockerfile:5:1: The user.</failure>\n" +
            "    </testcase>\n" +
            "  </testsuite>\n" +
            "  <testsuite name=\"OTP2001 NoPrivilegedContainers\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\">\n" +
            "    <testcase name=\"no findings\" classname=\"OTP2001 NoPrivilegedContainers\" />\n" +
            "  </testsuite>\n" +
            "  <testsuite name=\"opstower-policy scan errors\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">\n" +
            "    <testcase name=\"k8s/bad.yaml:4:9\" classname=\"opstower-policy\" file=\"k8s/bad.yaml\" line=\"4\">\n" +
            "      <error message=\"Could not parse the file.\" type=\"scan error\">Could not parse the file.</error>\n" +
            "    </testcase>\n" +
            "  </testsuite>\n" +
            "</testsuites>\n");
    }

    [Fact]
    public void The_document_is_well_formed_and_its_counts_match_its_testcases()
    {
        using var stream = new MemoryStream();
        JUnitReportWriter.Write(Realistic(), stream);
        byte[] bytes = stream.ToArray();
        bytes.Take(3).Should().NotEqual(new byte[] { 0xEF, 0xBB, 0xBF }, "no byte order mark");
        XDocument document;
        using (var reader = XmlReader.Create(new MemoryStream(bytes))) document = XDocument.Load(reader);

        XElement root = document.Root!;
        root.Name.LocalName.Should().Be("testsuites");
        foreach (XElement scope in root.DescendantsAndSelf().Where(e => e.Name.LocalName is "testsuites" or "testsuite"))
        {
            var cases = scope.Descendants("testcase").ToList();
            ((int)scope.Attribute("tests")!).Should().Be(cases.Count);
            ((int)scope.Attribute("failures")!).Should().Be(cases.Count(c => c.Element("failure") is not null));
            ((int)scope.Attribute("errors")!).Should().Be(cases.Count(c => c.Element("error") is not null));
            ((int)scope.Attribute("skipped")!).Should().Be(cases.Count(c => c.Element("skipped") is not null));
        }
        root.Elements("testsuite").Select(s => (string)s.Attribute("name")!).Should().Equal(
            "OTP1001 RunAsNonRoot", "OTP1002 PinBaseImageDigest", "OTP2001 NoPrivilegedContainers", "OTP7001 NoHardcodedSecrets", "opstower-policy scan errors");
        ((int)root.Attribute("failures")!).Should().Be(4);
        ((int)root.Attribute("errors")!).Should().Be(2);
        XElement secret = root.Descendants("testcase").Single(c => (string)c.Attribute("classname")! == "OTP7001 NoHardcodedSecrets");
        ((string)secret.Attribute("file")!).Should().Be("infra/naïve#1.tf");
        secret.Element("failure")!.Value.Should().StartWith("infra/naïve#1.tf:2:3-3:2: error OTP7001 ");
        Encoding.UTF8.GetString(bytes).Should().NotContain("\r").And.EndWith("</testsuites>\n");
        JUnitReportWriter.ToXml(RealisticShuffled()).Should().Be(Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void Baseline_states_are_named_and_a_clean_scan_still_lists_its_rules()
    {
        var unchanged = Findings()[0].WithBaselineState(BaselineState.Unchanged);
        var result = new ScanResult("/r", new[] { Dockerfile }, new[] { RunAsNonRoot }, new[] { unchanged }, Array.Empty<ScanNotification>(), comparedWithBaseline: true);
        XDocument.Parse(JUnitReportWriter.ToXml(result)).Descendants("failure").Single().Value.Should().EndWith("The last USER is root. (baseline: unchanged)");

        var clean = new ScanResult("/r", Array.Empty<SourceFile>(), ReportingTestData.Rules(), Array.Empty<Finding>(), Array.Empty<ScanNotification>());
        XDocument document = XDocument.Parse(JUnitReportWriter.ToXml(clean));
        document.Descendants("testcase").Should().HaveCount(4).And.OnlyContain(c => (string)c.Attribute("name")! == "no findings" && !c.HasElements);
        ((int)document.Root!.Attribute("failures")!).Should().Be(0);
    }
}
