using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using OpsTower.Policy.Engine;
using OpsTower.Policy.Reporting.Sarif;
using OpsTower.Policy.Rules;
using OpsTower.Policy.Text;
using Xunit.Abstractions;
using static OpsTower.Policy.Tests.Reporting.ReportingTestData;

namespace OpsTower.Policy.Tests.Reporting;

public class SarifWriterTests
{
    private static readonly SarifOptions Options = new("1.2.3");

    private readonly ITestOutputHelper _output;

    public SarifWriterTests(ITestOutputHelper output) => _output = output;

    /// <summary>Writes the SARIF, checks it against the official schema, and returns its only run.</summary>
    private JsonElement WriteRun(ScanResult result, SarifOptions? options = null)
    {
        string sarif = SarifWriter.ToJson(result, options ?? Options);
        SarifSchema.AssertValid(sarif, _output);
        using JsonDocument document = JsonDocument.Parse(sarif);
        document.RootElement.GetProperty("runs").GetArrayLength().Should().Be(1);
        return document.RootElement.GetProperty("runs")[0].Clone();
    }

    private static JsonElement ResultFor(JsonElement run, string ruleId) =>
        run.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == ruleId);

    private static JsonElement Region(JsonElement location) => location.GetProperty("physicalLocation").GetProperty("region");

    private static int[] RegionNumbers(JsonElement region) => new[]
    {
        region.GetProperty("startLine").GetInt32(), region.GetProperty("startColumn").GetInt32(),
        region.GetProperty("endLine").GetInt32(), region.GetProperty("endColumn").GetInt32(),
    };

    [Fact]
    public void The_log_names_the_schema_version_and_tool()
    {
        string sarif = SarifWriter.ToJson(Realistic(), new SarifOptions("1.2.3") { InformationUri = "https://example.com/opstower" });
        SarifSchema.AssertValid(sarif, _output);
        using JsonDocument document = JsonDocument.Parse(sarif);
        JsonElement root = document.RootElement;

        root.EnumerateObject().Select(p => p.Name).Should().Equal("$schema", "version", "runs");
        root.GetProperty("$schema").GetString().Should().Be("https://json.schemastore.org/sarif-2.1.0.json");
        root.GetProperty("version").GetString().Should().Be("2.1.0");
        JsonElement driver = root.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver");
        driver.GetProperty("name").GetString().Should().Be("opstower-policy");
        driver.GetProperty("organization").GetString().Should().Be("OpsTower");
        driver.GetProperty("version").GetString().Should().Be("1.2.3");
        driver.GetProperty("semanticVersion").GetString().Should().Be("1.2.3");
        driver.GetProperty("informationUri").GetString().Should().Be("https://example.com/opstower");
        root.GetProperty("runs")[0].GetProperty("columnKind").GetString().Should().Be("utf16CodeUnits");
    }

    [Fact]
    public void Every_rule_is_described_in_id_order_with_what_GitHub_reads()
    {
        JsonElement run = WriteRun(RealisticShuffled());
        JsonElement[] rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToArray();

        rules.Select(r => r.GetProperty("id").GetString()).Should().Equal("OTP1001", "OTP1002", "OTP2001", "OTP7001");
        JsonElement rule = rules[0];
        rule.GetProperty("name").GetString().Should().Be("RunAsNonRoot");
        rule.GetProperty("shortDescription").GetProperty("text").GetString().Should().Be(RunAsNonRoot.Title);
        rule.GetProperty("fullDescription").GetProperty("text").GetString().Should().Be(RunAsNonRoot.Description);
        rule.GetProperty("help").GetProperty("text").GetString().Should().Be(RunAsNonRoot.Description);
        rule.GetProperty("help").GetProperty("markdown").GetString().Should().Be(RunAsNonRoot.HelpMarkdown);
        rule.GetProperty("helpUri").GetString().Should().Be("https://github.com/opstower/opstower-policy/blob/main/docs/rules/OTP1001.md");
        rule.GetProperty("defaultConfiguration").GetProperty("level").GetString().Should().Be("error");
        JsonElement properties = rule.GetProperty("properties");
        properties.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).Should().Equal("security", "Dockerfile", "containers", "cis-docker-4.1");
        properties.GetProperty("precision").GetString().Should().Be("very-high");
        properties.GetProperty("security-severity").ValueKind.Should().Be(JsonValueKind.String);
        properties.GetProperty("security-severity").GetString().Should().Be("7.5");
        properties.GetProperty("problem.severity").GetString().Should().Be("error");

        rules[1].GetProperty("properties").GetProperty("security-severity").GetString().Should().Be("5.0");
        rules[1].GetProperty("properties").GetProperty("problem.severity").GetString().Should().Be("warning");
        rules[3].GetProperty("properties").GetProperty("precision").GetString().Should().Be("medium");
    }

    [Fact]
    public void Each_results_rule_index_points_at_its_rule()
    {
        JsonElement run = WriteRun(RealisticShuffled());
        JsonElement rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules");

        JsonElement[] results = run.GetProperty("results").EnumerateArray().ToArray();
        results.Should().HaveCount(4);
        foreach (JsonElement result in results)
        {
            rules[result.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString().Should().Be(result.GetProperty("ruleId").GetString());
        }
    }

    [Fact]
    public void A_rule_missing_from_the_rule_list_is_still_described()
    {
        var result = new ScanResult("/work/repo", new[] { Dockerfile }, new[] { PinBaseImage }, Findings().Where(f => f.File == Dockerfile).ToArray(), Array.Empty<ScanNotification>());

        JsonElement run = WriteRun(result);

        run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString())
            .Should().Equal("OTP1001", "OTP1002");
        ResultFor(run, "OTP1001").GetProperty("ruleIndex").GetInt32().Should().Be(0);
    }

    [Fact]
    public void Results_are_sorted_by_path_and_position_with_level_and_message()
    {
        JsonElement run = WriteRun(RealisticShuffled());
        JsonElement[] results = run.GetProperty("results").EnumerateArray().ToArray();

        results.Select(r => r.GetProperty("ruleId").GetString()).Should().Equal("OTP1002", "OTP1001", "OTP2001", "OTP7001");
        JsonElement result = results[1];
        result.EnumerateObject().Select(p => p.Name).Should().Equal("ruleId", "ruleIndex", "level", "message", "locations", "partialFingerprints");
        result.GetProperty("level").GetString().Should().Be("error");
        result.GetProperty("message").GetProperty("text").GetString().Should().Be("The last USER is root.");
        results[0].GetProperty("level").GetString().Should().Be("warning");
    }

    [Fact]
    public void Regions_are_the_findings_exact_positions()
    {
        JsonElement run = WriteRun(Realistic());

        // "USER root" is line 5, columns 1 to 10 (end exclusive); "node:20" is line 1, columns 6 to 13.
        RegionNumbers(Region(ResultFor(run, "OTP1001").GetProperty("locations")[0])).Should().Equal(5, 1, 5, 10);
        RegionNumbers(Region(ResultFor(run, "OTP1002").GetProperty("locations")[0])).Should().Equal(1, 6, 1, 13);
        // From "token" on line 2 to the "}" that closes line 3.
        RegionNumbers(Region(ResultFor(run, "OTP7001").GetProperty("locations")[0])).Should().Equal(2, 3, 3, 2);
        Region(ResultFor(run, "OTP1001").GetProperty("locations")[0]).EnumerateObject().Select(p => p.Name)
            .Should().Equal("startLine", "startColumn", "endLine", "endColumn");
    }

    [Fact]
    public void Locations_are_escaped_relative_uris_under_srcroot_that_index_the_artifacts()
    {
        JsonElement run = WriteRun(Realistic());
        JsonElement[] artifacts = run.GetProperty("artifacts").EnumerateArray().ToArray();

        // Every file a result points at, primary or related, once, by path.
        artifacts.Select(a => a.GetProperty("location").GetProperty("uri").GetString())
            .Should().Equal("Dockerfile", "deploy/k8s/web%20app.yaml", "infra/na%C3%AFve%231.tf");
        artifacts.Should().OnlyContain(a => a.GetProperty("location").GetProperty("uriBaseId").GetString() == "%SRCROOT%");

        foreach (JsonElement result in run.GetProperty("results").EnumerateArray())
        {
            foreach (JsonElement location in result.GetProperty("locations").EnumerateArray().Concat(
                result.TryGetProperty("relatedLocations", out JsonElement related) ? related.EnumerateArray() : Enumerable.Empty<JsonElement>()))
            {
                JsonElement artifactLocation = location.GetProperty("physicalLocation").GetProperty("artifactLocation");
                artifactLocation.GetProperty("uriBaseId").GetString().Should().Be("%SRCROOT%");
                string uri = artifactLocation.GetProperty("uri").GetString()!;
                artifacts[artifactLocation.GetProperty("index").GetInt32()].GetProperty("location").GetProperty("uri").GetString().Should().Be(uri);
            }
        }
        ResultFor(run, "OTP2001").GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()
            .Should().Be("deploy/k8s/web%20app.yaml");
    }

    [Theory]
    [InlineData("a b/c d.yaml", "a%20b/c%20d.yaml")]
    [InlineData("x/100%.tf", "x/100%25.tf")]
    [InlineData("q?/h#.yml", "q%3F/h%23.yml")]
    [InlineData("c:odd/file", "c%3Aodd/file")]
    [InlineData("ü/日本.yaml", "%C3%BC/%E6%97%A5%E6%9C%AC.yaml")]
    [InlineData("keep-these_.~/A9", "keep-these_.~/A9")]
    public void Relative_paths_are_percent_encoded_except_unreserved_characters_and_slashes(string path, string expected)
    {
        var file = new SourceFile(path, "x\n");
        var finding = new Finding(PinBaseImage, FindingLevel.Warning, "m.", file, new TextSpan(0, 1));

        JsonElement run = WriteRun(new ScanResult("/work/repo", new[] { file }, new[] { PinBaseImage }, new[] { finding }, Array.Empty<ScanNotification>()));

        run.GetProperty("results")[0].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()
            .Should().Be(expected);
        Uri.UnescapeDataString(expected).Should().Be(path);
    }

    [Fact]
    public void Related_locations_have_ids_messages_and_regions()
    {
        JsonElement run = WriteRun(Realistic());
        JsonElement[] related = ResultFor(run, "OTP2001").GetProperty("relatedLocations").EnumerateArray().ToArray();

        related.Select(r => r.GetProperty("id").GetInt32()).Should().Equal(1, 2);
        related.Select(r => r.GetProperty("message").GetProperty("text").GetString()).Should().Equal("The container.", "Its image runs as root too.");
        related[1].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString().Should().Be("Dockerfile");
        RegionNumbers(Region(related[0])).Should().Equal(7, 5, 7, 16);
        RegionNumbers(Region(related[1])).Should().Equal(5, 1, 5, 10);
        ResultFor(run, "OTP1001").TryGetProperty("relatedLocations", out _).Should().BeFalse();
    }

    [Fact]
    public void Related_locations_stop_at_what_GitHub_keeps()
    {
        RelatedLocation[] many = Enumerable.Range(0, 150).Select(i => new RelatedLocation(Dockerfile, new TextSpan(0, 4), $"Place {i}.")).ToArray();
        var finding = new Finding(RunAsNonRoot, FindingLevel.Error, "m.", Dockerfile, SpanOf(Dockerfile, "USER root"), many);

        JsonElement run = WriteRun(new ScanResult("/work/repo", new[] { Dockerfile }, new[] { RunAsNonRoot }, new[] { finding }, Array.Empty<ScanNotification>()));

        run.GetProperty("results")[0].GetProperty("relatedLocations").GetArrayLength().Should().Be(SarifWriter.MaxRelatedLocations);
    }

    [Fact]
    public void Results_carry_the_primary_location_line_hash_of_their_start_line()
    {
        JsonElement run = WriteRun(Realistic());

        ResultFor(run, "OTP1001").GetProperty("partialFingerprints").GetProperty("primaryLocationLineHash").GetString()
            .Should().Be(PrimaryLocationLineHash.Compute(Dockerfile.Text, 5));
        ResultFor(run, "OTP7001").GetProperty("partialFingerprints").GetProperty("primaryLocationLineHash").GetString()
            .Should().Be(PrimaryLocationLineHash.Compute(Terraform.Text, 2));
        ResultFor(run, "OTP1001").GetProperty("partialFingerprints").GetProperty("primaryLocationLineHash").GetString()
            .Should().MatchRegex("^[0-9a-f]{1,16}:[1-9][0-9]*$");
    }

    [Fact]
    public void Srcroot_is_the_root_directorys_file_uri_with_a_trailing_slash()
    {
        (string root, string expected) = OperatingSystem.IsWindows()
            ? (@"C:\work\my repo", "file:///C:/work/my%20repo/")
            : ("/work/my repo", "file:///work/my%20repo/");

        JsonElement run = WriteRun(Realistic(root));

        run.GetProperty("originalUriBaseIds").GetProperty("%SRCROOT%").GetProperty("uri").GetString().Should().Be(expected);
    }

    [Fact]
    public void Without_a_root_directory_srcroot_has_a_description_and_no_uri()
    {
        JsonElement run = WriteRun(Realistic(""));

        JsonElement srcRoot = run.GetProperty("originalUriBaseIds").GetProperty("%SRCROOT%");
        srcRoot.TryGetProperty("uri", out _).Should().BeFalse();
        srcRoot.GetProperty("description").GetProperty("text").GetString().Should().NotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("opstower-policy", "opstower-policy/")]
    [InlineData("iac/dockerfiles/", "iac/dockerfiles/")]
    public void A_category_becomes_the_automation_id_with_githubs_trailing_slash(string category, string expected)
    {
        JsonElement run = WriteRun(Realistic(), new SarifOptions("1.2.3") { Category = category });

        run.GetProperty("automationDetails").GetProperty("id").GetString().Should().Be(expected);
    }

    [Fact]
    public void Without_a_category_there_are_no_automation_details()
    {
        WriteRun(Realistic()).TryGetProperty("automationDetails", out _).Should().BeFalse();
    }

    [Fact]
    public void Notifications_become_tool_execution_notifications_with_locations_and_failed_rules()
    {
        JsonElement run = WriteRun(RealisticShuffled());
        JsonElement invocation = run.GetProperty("invocations").EnumerateArray().Single();
        JsonElement[] notifications = invocation.GetProperty("toolExecutionNotifications").EnumerateArray().ToArray();

        invocation.GetProperty("executionSuccessful").GetBoolean().Should().BeFalse();
        invocation.TryGetProperty("arguments", out _).Should().BeFalse();
        // Sorted by path: none first, then assets/, then deploy/k8s/broken.yaml, then deploy/k8s/web app.yaml.
        notifications.Select(n => n.GetProperty("level").GetString()).Should().Equal("note", "warning", "error", "error");
        notifications[0].TryGetProperty("locations", out _).Should().BeFalse();

        JsonElement skipped = notifications[1].GetProperty("locations")[0].GetProperty("physicalLocation");
        skipped.GetProperty("artifactLocation").GetProperty("uri").GetString().Should().Be("assets/big.json");
        skipped.TryGetProperty("region", out _).Should().BeFalse();

        JsonElement parseFailure = notifications[2];
        parseFailure.GetProperty("message").GetProperty("text").GetString().Should().StartWith("Could not parse the file");
        JsonElement parseLocation = parseFailure.GetProperty("locations")[0].GetProperty("physicalLocation");
        parseLocation.GetProperty("artifactLocation").GetProperty("uri").GetString().Should().Be("deploy/k8s/broken.yaml");
        parseLocation.GetProperty("artifactLocation").GetProperty("uriBaseId").GetString().Should().Be("%SRCROOT%");
        // A file without results is not an artifact, so its location has no index.
        parseLocation.GetProperty("artifactLocation").TryGetProperty("index", out _).Should().BeFalse();
        RegionNumbers(parseLocation.GetProperty("region")).Should().Equal(4, 9, 4, 10);
        parseFailure.TryGetProperty("associatedRule", out _).Should().BeFalse();

        JsonElement ruleFailure = notifications[3];
        ruleFailure.GetProperty("associatedRule").GetProperty("id").GetString().Should().Be("OTP2001");
        ruleFailure.GetProperty("associatedRule").GetProperty("index").GetInt32().Should().Be(2);
        ruleFailure.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("index").GetInt32().Should().Be(1);
    }

    [Fact]
    public void A_clean_scan_is_successful_with_empty_lists()
    {
        var result = new ScanResult("/work/repo", new[] { Dockerfile }, ReportingTestData.Rules(), Array.Empty<Finding>(), Array.Empty<ScanNotification>());

        JsonElement run = WriteRun(result, new SarifOptions("1.2.3") { CommandLineArguments = new[] { "scan", "--format", "sarif", "." } });

        JsonElement invocation = run.GetProperty("invocations")[0];
        invocation.GetProperty("executionSuccessful").GetBoolean().Should().BeTrue();
        invocation.GetProperty("toolExecutionNotifications").GetArrayLength().Should().Be(0);
        invocation.GetProperty("arguments").EnumerateArray().Select(a => a.GetString()).Should().Equal("scan", "--format", "sarif", ".");
        run.GetProperty("results").GetArrayLength().Should().Be(0);
        run.GetProperty("artifacts").GetArrayLength().Should().Be(0);
        run.GetProperty("tool").GetProperty("driver").GetProperty("rules").GetArrayLength().Should().Be(4);
    }

    [Fact]
    public void Tags_are_distinct_and_at_most_ten()
    {
        var rule = new RuleDescriptor("OTP1099", "Many", "t.", "d.", FindingLevel.Note, 2.0, "Dockerfile",
            new[] { "dockerfile", "security", "a" }.Concat(Enumerable.Range(0, 20).Select(i => $"tag{i}")).ToArray(), "");

        JsonElement run = WriteRun(new ScanResult("/work/repo", Array.Empty<SourceFile>(), new[] { rule }, Array.Empty<Finding>(), Array.Empty<ScanNotification>()));

        JsonElement written = run.GetProperty("tool").GetProperty("driver").GetProperty("rules")[0];
        written.GetProperty("properties").GetProperty("tags").EnumerateArray().Select(t => t.GetString())
            .Should().Equal("security", "Dockerfile", "a", "tag0", "tag1", "tag2", "tag3", "tag4", "tag5", "tag6");
        written.GetProperty("properties").GetProperty("problem.severity").GetString().Should().Be("recommendation");
        written.GetProperty("help").TryGetProperty("markdown", out _).Should().BeFalse("a rule without Markdown help has text help only");
    }

    [Fact]
    public void A_finding_without_message_text_gets_the_rules_title()
    {
        var finding = new Finding(PinBaseImage, FindingLevel.Warning, " ", Dockerfile, SpanOf(Dockerfile, "node:20"));

        JsonElement run = WriteRun(new ScanResult("/work/repo", new[] { Dockerfile }, new[] { PinBaseImage }, new[] { finding }, Array.Empty<ScanNotification>()));

        run.GetProperty("results")[0].GetProperty("message").GetProperty("text").GetString().Should().Be(PinBaseImage.Title);
    }

    [Fact]
    public void The_same_scan_gives_the_same_bytes_whatever_the_order_of_its_lists()
    {
        var options = new SarifOptions("1.2.3") { Category = "opstower", CommandLineArguments = new[] { "scan" } };

        string first = SarifWriter.ToJson(Realistic(), options);
        string second = SarifWriter.ToJson(Realistic(), options);
        string shuffled = SarifWriter.ToJson(RealisticShuffled(), options);

        second.Should().Be(first);
        shuffled.Should().Be(first);
        SarifSchema.AssertValid(first, _output);
    }

    [Fact]
    public void The_stream_gets_utf8_without_bom_indented_by_two_spaces_with_lf_line_ends()
    {
        using var stream = new MemoryStream();
        SarifWriter.Write(Realistic(), stream, Options);
        byte[] bytes = stream.ToArray();
        string text = Encoding.UTF8.GetString(bytes);

        bytes.Take(3).Should().NotEqual(new byte[] { 0xEF, 0xBB, 0xBF });
        text.Should().Be(SarifWriter.ToJson(Realistic(), Options));
        text.Should().NotContain("\r");
        text.Should().StartWith("{\n  \"$schema\": ").And.EndWith("}\n");
        // Markdown and messages keep their characters instead of \u003C-style escapes.
        text.Should().Contain("sha256:<digest>").And.Contain("Container 'web' is privileged.");
        SarifSchema.AssertValid(text, _output);
    }
}
