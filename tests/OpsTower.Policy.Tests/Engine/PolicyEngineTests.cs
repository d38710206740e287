using OpsTower.Policy.Engine;
using OpsTower.Policy.Formats.Dockerfile;
using OpsTower.Policy.Policies;
using OpsTower.Policy.Rules;
using OpsTower.Policy.Tests.Testing;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Tests.Engine;

public class PolicyEngineTests
{
    private static readonly RuleDescriptor ThrowingDescriptor = new(
        "OTP9901", "AlwaysThrows", "Throws.", "A rule with a bug.", FindingLevel.Error, 1.0, "Test", new[] { "test" }, "## Why\n-\n## How to fix\n-");

    private static readonly RuleDescriptor FirstLineDescriptor = new(
        "OTP9902", "FlagsFirstLine", "Flags line one.", "Reports the first line of every Dockerfile.", FindingLevel.Warning, 1.0, "Test", new[] { "test" }, "## Why\n-\n## How to fix\n-");

    private sealed class ThrowingRule : FileRule<DockerfileDocument>
    {
        public override RuleDescriptor Descriptor => ThrowingDescriptor;
        public override void Analyze(DockerfileDocument model, RuleContext context) => throw new InvalidOperationException("boom");
    }

    private sealed class FirstLineRule : FileRule<DockerfileDocument>
    {
        public override RuleDescriptor Descriptor => FirstLineDescriptor;
        public override void Analyze(DockerfileDocument model, RuleContext context) =>
            context.Report(new TextSpan(0, Math.Min(4, model.File.Text.Length)), $"first line of {model.File.Path}");
    }

    [Fact]
    public void A_rule_that_throws_becomes_a_notification_and_other_rules_still_report()
    {
        var engine = new PolicyEngine(PolicyPack.Baseline, new RuleCatalog(new Rule[] { new ThrowingRule(), new FirstLineRule() }));

        var result = engine.Analyze(new[] { new SourceFile("Dockerfile", "FROM alpine:3.19\n") });

        result.Findings.Should().ContainSingle().Which.RuleId.Should().Be("OTP9902");
        result.Notifications.Should().ContainSingle(n => n.RuleId == "OTP9901" && n.Message.Contains("boom"));
        result.ExecutionSuccessful.Should().BeFalse();
    }

    [Fact]
    public void Policy_levels_and_switches_apply_to_custom_rules()
    {
        var policy = PolicyPack.Baseline.Overlay(PolicyPack.Parse("rules:\n  OTP9902: error\n  OTP9901: off\n", "p.yaml"));
        var engine = new PolicyEngine(policy, new RuleCatalog(new Rule[] { new ThrowingRule(), new FirstLineRule() }));

        var result = engine.Analyze(new[] { new SourceFile("Dockerfile", "FROM alpine:3.19\n") });

        engine.ActiveRules.Select(r => r.Id).Should().Equal("OTP9902");
        result.Findings.Should().ContainSingle().Which.Level.Should().Be(FindingLevel.Error);
        result.Notifications.Should().BeEmpty();
    }

    [Fact]
    public void Results_are_identical_for_any_degree_of_parallelism()
    {
        using var dir = new TempDirectory();
        for (int i = 0; i < 40; i++) dir.Write($"svc{i:D2}/Dockerfile", $"FROM alpine:3.{i}\nUSER root\nRUN curl -fsSL https://x/{i} | sh\n");
        var engine = new PolicyEngine(PolicyPack.Baseline, RuleCatalog.BuiltIn.With(new Rule[] { new FirstLineRule() }));

        string Describe(int workers) => string.Join("\n",
            engine.Scan(new ScanOptions { RootDirectory = dir.Path, MaxDegreeOfParallelism = workers }).Findings
                .Select(f => $"{f.File.Path}:{f.Position}:{f.RuleId}:{f.Message}"));

        string sequential = Describe(1);
        sequential.Should().Contain("svc39/Dockerfile");
        Describe(4).Should().Be(sequential);
        Describe(16).Should().Be(sequential);
    }

    [Fact]
    public void Oversized_files_are_skipped_with_a_notification_and_the_scan_goes_on()
    {
        using var dir = new TempDirectory();
        dir.Write("big/Dockerfile", "FROM alpine:3.19\n" + new string('#', 2048) + "\n");
        dir.Write("small/Dockerfile", "FROM alpine:3.19\n");
        var engine = new PolicyEngine(PolicyPack.Baseline, new RuleCatalog(new Rule[] { new FirstLineRule() }));

        var result = engine.Scan(new ScanOptions { RootDirectory = dir.Path, MaxFileBytes = 1024 });

        result.Findings.Select(f => f.File.Path).Should().Equal("small/Dockerfile");
        result.Notifications.Should().ContainSingle(n => n.Path == "big/Dockerfile" && n.Message.Contains("limit"));
    }

    [Fact]
    public void Unrecognised_files_are_not_parsed_or_reported()
    {
        using var dir = new TempDirectory();
        dir.Write("README.md", "FROM alpine\n");
        dir.Write("notes", "hello\n");
        var engine = new PolicyEngine(PolicyPack.Baseline, new RuleCatalog(new Rule[] { new FirstLineRule() }));

        var result = engine.Scan(new ScanOptions { RootDirectory = dir.Path });

        result.Files.Should().BeEmpty();
        result.Findings.Should().BeEmpty();
    }
}
