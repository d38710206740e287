using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using OpsTower.Policy.Engine;
using OpsTower.Policy.Reporting.Json;
using OpsTower.Policy.Rules;
using OpsTower.Policy.Text;
using static OpsTower.Policy.Tests.Reporting.ReportingTestData;

namespace OpsTower.Policy.Tests.Reporting;

public class JsonReportWriterTests
{
    private static JsonElement Report(ScanResult result)
    {
        using JsonDocument document = JsonDocument.Parse(JsonReportWriter.ToJson(result, "1.2.3"));
        return document.RootElement.Clone();
    }

    [Fact]
    public void The_report_has_the_documented_keys_in_order()
    {
        JsonElement report = Report(Realistic());

        report.EnumerateObject().Select(p => p.Name).Should().Equal("tool", "version", "root", "executionSuccessful", "summary", "findings", "notifications");
        report.GetProperty("tool").GetString().Should().Be("opstower-policy");
        report.GetProperty("version").GetString().Should().Be("1.2.3");
        report.GetProperty("root").GetString().Should().Be("/work/repo");
        report.GetProperty("executionSuccessful").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public void The_summary_counts_files_findings_and_every_level()
    {
        JsonElement summary = Report(Realistic()).GetProperty("summary");

        summary.GetProperty("files").GetInt32().Should().Be(3);
        summary.GetProperty("findings").GetInt32().Should().Be(4);
        JsonElement byLevel = summary.GetProperty("byLevel");
        byLevel.EnumerateObject().Select(p => p.Name).Should().Equal("error", "warning", "note", "none");
        byLevel.EnumerateObject().Select(p => p.Value.GetInt32()).Should().Equal(3, 1, 0, 0);
    }

    [Fact]
    public void Findings_are_sorted_with_exact_positions_and_related_locations()
    {
        JsonElement[] findings = Report(RealisticShuffled()).GetProperty("findings").EnumerateArray().ToArray();

        findings.Select(f => f.GetProperty("ruleId").GetString()).Should().Equal("OTP1002", "OTP1001", "OTP2001", "OTP7001");
        JsonElement privileged = findings[2];
        privileged.EnumerateObject().Select(p => p.Name).Should().Equal(
            "ruleId", "ruleName", "level", "message", "path", "startLine", "startColumn", "endLine", "endColumn", "related", "suppressions", "baselineState");
        privileged.GetProperty("ruleName").GetString().Should().Be("NoPrivilegedContainers");
        privileged.GetProperty("level").GetString().Should().Be("error");
        privileged.GetProperty("path").GetString().Should().Be("deploy/k8s/web app.yaml");
        new[] { "startLine", "startColumn", "endLine", "endColumn" }.Select(k => privileged.GetProperty(k).GetInt32()).Should().Equal(10, 9, 10, 25);
        JsonElement related = privileged.GetProperty("related")[1];
        related.GetProperty("message").GetString().Should().Be("Its image runs as root too.");
        related.GetProperty("path").GetString().Should().Be("Dockerfile");
        new[] { "startLine", "startColumn", "endLine", "endColumn" }.Select(k => related.GetProperty(k).GetInt32()).Should().Equal(5, 1, 5, 10);
        findings[0].GetProperty("related").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public void Notifications_keep_every_key_with_null_for_what_is_unknown()
    {
        JsonElement[] notifications = Report(Realistic()).GetProperty("notifications").EnumerateArray().ToArray();

        notifications.Select(n => n.GetProperty("level").GetString()).Should().Equal("note", "warning", "error", "error");
        JsonElement general = notifications[0];
        general.EnumerateObject().Select(p => p.Name).Should().Equal("level", "message", "path", "startLine", "startColumn", "endLine", "endColumn", "ruleId");
        general.EnumerateObject().Skip(2).Should().OnlyContain(p => p.Value.ValueKind == JsonValueKind.Null);
        notifications[2].GetProperty("path").GetString().Should().Be("deploy/k8s/broken.yaml");
        notifications[2].GetProperty("startLine").GetInt32().Should().Be(4);
        notifications[3].GetProperty("ruleId").GetString().Should().Be("OTP2001");
    }

    [Fact]
    public void A_clean_scan_has_zero_counts_and_empty_lists()
    {
        JsonElement report = Report(new ScanResult("/work/repo", Array.Empty<SourceFile>(), Array.Empty<RuleDescriptor>(), Array.Empty<Finding>(), Array.Empty<ScanNotification>()));

        report.GetProperty("executionSuccessful").GetBoolean().Should().BeTrue();
        report.GetProperty("summary").GetProperty("findings").GetInt32().Should().Be(0);
        report.GetProperty("findings").GetArrayLength().Should().Be(0);
        report.GetProperty("notifications").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public void The_same_scan_gives_the_same_bytes_whatever_the_order_of_its_lists()
    {
        using var stream = new MemoryStream();
        JsonReportWriter.Write(Realistic(), stream, "1.2.3");
        string written = Encoding.UTF8.GetString(stream.ToArray());

        written.Should().Be(JsonReportWriter.ToJson(Realistic(), "1.2.3"));
        JsonReportWriter.ToJson(RealisticShuffled(), "1.2.3").Should().Be(written);
        written.Should().NotContain("\r").And.StartWith("{\n  \"tool\": ").And.EndWith("}\n");
    }
}
