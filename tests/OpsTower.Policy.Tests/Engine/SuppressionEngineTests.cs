using OpsTower.Policy.Engine;
using OpsTower.Policy.Policies;
using OpsTower.Policy.Rules;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Tests.Engine;

/// <summary>What suppression comments do to a scan's findings and notifications.</summary>
public class SuppressionEngineTests
{
    internal const string SuppressedRootDockerfile =
        "FROM alpine:3.19\n" +
        "# opstower-policy:ignore OTP1001 -- the build image needs root\n" +
        "USER root\n" +
        "CMD [\"sh\"]\n";

    private static ScanResult Analyze(params (string Path, string Text)[] files) =>
        new PolicyEngine(PolicyPack.Baseline).Analyze(files.Select(f => new SourceFile(f.Path, f.Text)));

    [Fact]
    public void A_suppressed_finding_stays_in_the_result_with_its_suppression_and_fails_nothing()
    {
        var result = Analyze(("Dockerfile", SuppressedRootDockerfile));

        var finding = result.Findings.Single(f => f.RuleId == "OTP1001");
        var suppression = finding.Suppressions.Should().ContainSingle().Subject;
        suppression.Kind.Should().Be(SuppressionKind.InSource);
        suppression.Justification.Should().Be("the build image needs root");
        suppression.File.Path.Should().Be("Dockerfile");
        suppression.Position.Should().Be(new LinePositionSpan(new LinePosition(2, 1), new LinePosition(2, 63)));
        result.Findings.Where(f => f.RuleId != "OTP1001").Should().OnlyContain(f => !f.IsSuppressed);
        result.SuppressedCount.Should().Be(1);
        result.HasFindingsAtOrAbove(FindingLevel.Error).Should().BeFalse();
        result.Notifications.Should().BeEmpty();
    }

    [Fact]
    public void A_file_suppression_silences_the_rule_everywhere_in_the_file_only()
    {
        const string text = "# opstower-policy:ignore-file OTP1003\nFROM alpine:3.19 AS build\nFROM alpine:3.19\nUSER app\n";

        var result = Analyze(("a/Dockerfile", text), ("b/Dockerfile", "FROM alpine:3.19\nUSER app\n"));

        var digests = result.Findings.Where(f => f.RuleId == "OTP1003").ToList();
        digests.Where(f => f.File.Path == "a/Dockerfile").Should().HaveCount(2).And.OnlyContain(f => f.IsSuppressed);
        digests.Where(f => f.File.Path == "b/Dockerfile").Should().ContainSingle().Which.IsSuppressed.Should().BeFalse();
    }

    [Fact]
    public void A_suppression_silences_only_the_rules_it_names_on_its_line()
    {
        const string text = "FROM alpine:3.19\nUSER root\n# opstower-policy:ignore OTP1001\nRUN sudo apk add curl\n";

        var result = Analyze(("Dockerfile", text));

        result.Findings.Single(f => f.RuleId == "OTP1001").IsSuppressed.Should().BeFalse();
        result.Notifications.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Level = NotificationLevel.Note,
            Path = "Dockerfile",
            RuleId = "OTP1001",
            Message = "This suppression of OTP1001 matches no finding on line 4; remove it.",
        });
        result.Notifications[0].Position!.Value.Start.Should().Be(new LinePosition(3, 1));
        result.ExecutionSuccessful.Should().BeTrue("a stale suppression is a note, not a scan error");
    }

    [Fact]
    public void Unknown_ids_empty_directives_and_unused_file_suppressions_are_notes()
    {
        const string text = "# opstower-policy:ignore-file OTP9999, OTP1016\n# opstower-policy:ignore\nFROM alpine:3.19\nUSER app\n";

        var result = Analyze(("Dockerfile", text));

        result.Notifications.Select(n => (n.Level, n.Position!.Value.Start.Line, n.RuleId, n.Message)).Should().BeEquivalentTo(new[]
        {
            (NotificationLevel.Note, 1, (string?)null, "This suppression names 'OTP9999', which is not a rule ('opstower-policy rules' lists them)."),
            (NotificationLevel.Note, 1, "OTP1016", "This suppression of OTP1016 matches no finding in this file; remove it."),
            (NotificationLevel.Note, 2, null, "This suppression names no rule; write the ids after it (for example 'opstower-policy:ignore OTP1001')."),
        });
    }

    [Fact]
    public void A_suppression_of_a_rule_the_policy_turns_off_is_not_stale()
    {
        var policy = PolicyPack.Baseline.Overlay(PolicyPack.Parse("rules:\n  OTP1001: off\n", "p.yaml"));

        var result = new PolicyEngine(policy).Analyze(new[] { new SourceFile("Dockerfile", SuppressedRootDockerfile) });

        result.Notifications.Should().BeEmpty();
        result.Findings.Should().NotContain(f => f.RuleId == "OTP1001");
    }

    [Fact]
    public void Kubernetes_suppressions_apply_per_container_line_in_any_document()
    {
        string text = string.Join("\n",
            "apiVersion: v1",
            "kind: Pod",
            "metadata: {name: a}",
            "spec:",
            "  containers:",
            "    - name: a",
            "      image: nginx:1.25",
            "      securityContext:",
            "        privileged: true",
            "---",
            "apiVersion: v1",
            "kind: Pod",
            "metadata: {name: b}",
            "spec:",
            "  containers:",
            "    - name: b",
            "      image: nginx:1.25",
            "      securityContext:",
            "        privileged: true # opstower-policy:ignore OTP2005 -- node agent",
            "");

        var result = Analyze(("k8s/pods.yaml", text));

        var privileged = result.Findings.Where(f => f.RuleId == "OTP2005").ToList();
        privileged.Select(f => (f.Position.Start.Line, f.IsSuppressed)).Should().Equal((9, false), (19, true));
        privileged[1].Suppressions.Single().Justification.Should().Be("node agent");
    }

    [Fact]
    public void Terraform_suppressions_apply_to_module_findings_in_their_file()
    {
        string text = string.Join("\n",
            "resource \"aws_db_instance\" \"main\" {",
            "  engine              = \"postgres\"",
            "  // opstower-policy:ignore OTP3002 -- a public demo",
            "  publicly_accessible = true",
            "}",
            "");

        var result = Analyze(("infra/main.tf", text));

        result.Findings.Single(f => f.RuleId == "OTP3002").IsSuppressed.Should().BeTrue();
        result.Notifications.Should().BeEmpty();
    }

    [Fact]
    public void AnalyzeFile_marks_suppressed_findings_too()
    {
        var analysis = new PolicyEngine(PolicyPack.Baseline).AnalyzeFile(new SourceFile("Dockerfile", SuppressedRootDockerfile));

        analysis.Findings.Single(f => f.RuleId == "OTP1001").IsSuppressed.Should().BeTrue();
        analysis.Suppressions.Should().ContainSingle();
    }

    [Fact]
    public void A_comment_inside_an_embedded_document_suppresses_its_findings_at_the_outer_lines()
    {
        string text = string.Join("\n",
            "apiVersion: v1",
            "kind: ConfigMap",
            "metadata:",
            "  name: vault-config",
            "  namespace: vault",
            "data:",
            "  vault.hcl: |",
            "    listener \"tcp\" {",
            "      # opstower-policy:ignore OTP7001 -- the sidecar terminates TLS",
            "      tls_disable = true",
            "    }",
            "    listener \"tcp\" {",
            "      tls_disable = true",
            "    }",
            "");

        var result = Analyze(("k8s/vault.yaml", text));

        var tls = result.Findings.Where(f => f.RuleId == "OTP7001").ToList();
        tls.Select(f => (f.Position.Start.Line, f.IsSuppressed)).Should().Equal((10, true), (13, false));
        var suppression = tls[0].Suppressions.Single();
        suppression.File.Path.Should().Be("k8s/vault.yaml");
        suppression.Position.Start.Should().Be(new LinePosition(9, 7));
        suppression.Justification.Should().Be("the sidecar terminates TLS");
        result.Notifications.Where(n => n.Level == NotificationLevel.Note).Should().BeEmpty();
    }

    [Fact]
    public void Workflow_suppressions_work_with_crlf_line_ends()
    {
        string text = string.Join("\r\n",
            "name: ci",
            "on: push",
            "permissions: {contents: read}",
            "jobs:",
            "  build:",
            "    runs-on: ubuntu-latest",
            "    steps:",
            "      # opstower-policy:ignore OTP4001 -- first-party action",
            "      - uses: actions/checkout@v4",
            "      - uses: actions/setup-node@v4",
            "");

        var result = Analyze((".github/workflows/ci.yml", text));

        result.Findings.Where(f => f.RuleId == "OTP4001").Select(f => (f.Position.Start.Line, f.IsSuppressed))
            .Should().Equal((9, true), (10, false));
        result.Notifications.Should().BeEmpty();
    }

    [Theory]
    [InlineData("Dockerfile", "# opstower-policy:ignore")]
    [InlineData("Dockerfile", "# opstower-policy:ignore-file ,,, -- ")]
    [InlineData("main.tf", "/* opstower-policy:ignore OTP3001")]
    [InlineData("k8s/a.yaml", "# opstower-policy:ignore OTP2001\n---\n: [")]
    public void Odd_or_broken_input_around_a_suppression_never_breaks_the_scan(string path, string text)
    {
        var result = Analyze((path, text));

        result.Notifications.Should().NotContain(n => n.Message.Contains("failed"));
        result.Findings.Should().NotContain(f => f.IsSuppressed);
    }

    [Fact]
    public void A_file_suppression_in_an_embedded_document_covers_that_document_only()
    {
        string text = string.Join("\n",
            "apiVersion: v1",
            "kind: ConfigMap",
            "metadata:",
            "  name: vault-config",
            "  namespace: vault",
            "data:",
            "  a.hcl: |",
            "    # opstower-policy:ignore-file OTP7001",
            "    listener \"tcp\" {",
            "      tls_disable = true",
            "    }",
            "  b.hcl: |",
            "    listener \"tcp\" {",
            "      tls_disable = true",
            "    }",
            "");

        var result = Analyze(("k8s/vault.yaml", text));

        result.Findings.Where(f => f.RuleId == "OTP7001").Select(f => (f.Position.Start.Line, f.IsSuppressed))
            .Should().Equal((10, true), (14, false));
    }
}
