using OpsTower.Policy.Engine;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Tests.Engine;

/// <summary>Which comments are suppressions, per format, and the line each one applies to.</summary>
public class SuppressionCommentTests
{
    private static IReadOnlyList<SuppressionDirective> Find(FileKind kind, string path, string text)
    {
        var file = new SourceFile(path, text);
        var parsed = DocumentParsers.Parse(kind, file);
        parsed.Should().NotBeNull();
        return SuppressionComments.Find(parsed!, file);
    }

    private static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";

    private static (int Line, int Column, int EndLine, int EndColumn) Where(SuppressionDirective d)
    {
        var p = d.File.GetPositionSpan(d.Span);
        return (p.Start.Line, p.Start.Column, p.End.Line, p.End.Column);
    }

    [Fact]
    public void Dockerfile_comment_above_an_instruction_applies_to_it_skipping_blank_and_comment_lines()
    {
        var directives = Find(FileKind.Dockerfile, "Dockerfile", Lines(
            "FROM alpine:3.19",
            "# opstower-policy:ignore OTP1001,OTP1013 -- the image is a build tool",
            "# a plain comment",
            "",
            "USER root"));

        var d = directives.Should().ContainSingle().Subject;
        d.RuleIds.Should().Equal("OTP1001", "OTP1013");
        d.Justification.Should().Be("the image is a build tool");
        d.WholeFile.Should().BeFalse();
        d.TargetLine.Should().Be(5);
        Where(d).Should().Be((2, 1, 2, 70));
    }

    [Fact]
    public void Dockerfile_text_after_an_instruction_and_heredoc_bodies_are_not_comments()
    {
        var directives = Find(FileKind.Dockerfile, "Dockerfile", Lines(
            "FROM alpine:3.19",
            "USER root # opstower-policy:ignore OTP1001",
            "RUN <<EOF",
            "# opstower-policy:ignore OTP1008",
            "curl -fsSL https://example.com/x | sh",
            "EOF",
            "COPY <<EOT /etc/motd",
            "# opstower-policy:ignore-file OTP1001",
            "EOT"));

        directives.Should().BeEmpty();
    }

    [Fact]
    public void Yaml_comments_in_every_document_apply_trailing_to_their_line_and_above_to_the_next()
    {
        var directives = Find(FileKind.Kubernetes, "k8s/app.yaml", Lines(
            "apiVersion: v1",
            "kind: Pod",
            "metadata: {name: a}",
            "spec:",
            "  containers:",
            "    - name: a",
            "      image: nginx:1.25",
            "---",
            "# opstower-policy:ignore-file OTP2011",
            "apiVersion: v1",
            "kind: Pod",
            "metadata: {name: b}",
            "spec:",
            "  containers:",
            "    - name: b",
            "      image: nginx:1.25",
            "      securityContext:",
            "        # opstower-policy:ignore OTP2005 -- node agent",
            "        privileged: true",
            "        allowPrivilegeEscalation: true  # opstower-policy:ignore otp2002"));

        directives.Select(d => (d.WholeFile, d.TargetLine, string.Join(",", d.RuleIds))).Should().Equal(
            (true, 0, "OTP2011"),
            (false, 19, "OTP2005"),
            (false, 20, "OTP2002"));
        Where(directives[2]).Should().Be((20, 41, 20, 73));
        directives[1].Justification.Should().Be("node agent");
        directives[2].Justification.Should().BeNull();
    }

    [Fact]
    public void A_hash_inside_a_yaml_string_or_block_scalar_is_not_a_suppression()
    {
        var directives = Find(FileKind.Kubernetes, "k8s/cm.yaml", Lines(
            "apiVersion: v1",
            "kind: ConfigMap",
            "metadata:",
            "  name: \"x # opstower-policy:ignore OTP2001\"",
            "  labels: {a: 'b # opstower-policy:ignore OTP2001'}",
            "data:",
            "  script: |",
            "    # opstower-policy:ignore-file OTP2001",
            "    echo hi"));

        directives.Should().BeEmpty();
    }

    [Fact]
    public void Hcl_line_and_block_comments_are_suppressions_but_strings_and_heredocs_are_not()
    {
        var directives = Find(FileKind.Terraform, "infra/main.tf", Lines(
            "resource \"aws_db_instance\" \"main\" {",
            "  // opstower-policy:ignore OTP3002 -- a public demo database",
            "  publicly_accessible = true",
            "  storage_encrypted   = false # opstower-policy:ignore OTP3001",
            "  /* opstower-policy:ignore OTP3003,",
            "     OTP3004 */",
            "  backup_retention_period = 0",
            "  identifier = \"# opstower-policy:ignore OTP3005\"",
            "  tags = { note = <<EOT",
            "# opstower-policy:ignore-file OTP3006",
            "EOT",
            "  }",
            "}"));

        directives.Select(d => (d.TargetLine, string.Join(",", d.RuleIds))).Should().Equal(
            (3, "OTP3002"),
            (4, "OTP3001"),
            (7, "OTP3003,OTP3004"));
        Where(directives[2]).Should().Be((5, 3, 6, 16));
    }

    [Fact]
    public void Code_after_a_block_comment_on_its_line_is_its_target()
    {
        var directives = Find(FileKind.Hcl, "vault/server.hcl", Lines(
            "listener \"tcp\" {",
            "  /* opstower-policy:ignore OTP7001 */ tls_disable = true",
            "}"));

        directives.Should().ContainSingle().Which.TargetLine.Should().Be(2);
    }

    [Fact]
    public void A_suppression_with_nothing_after_it_has_no_target_line()
    {
        var directives = Find(FileKind.Dockerfile, "Dockerfile", Lines("FROM alpine:3.19", "# opstower-policy:ignore OTP1001"));

        directives.Should().ContainSingle().Which.TargetLine.Should().Be(0);
    }

    [Fact]
    public void Codeowners_comments_are_suppressions_but_an_escaped_hash_is_a_pattern()
    {
        var directives = Find(FileKind.CodeOwners, ".github/CODEOWNERS", Lines(
            "\\#opstower-policy:ignore OTP5007 @team",
            "# opstower-policy:ignore-file OTP5007 -- owners live in the org settings",
            "* @org/platform"));

        var d = directives.Should().ContainSingle().Subject;
        d.WholeFile.Should().BeTrue();
        d.Justification.Should().Be("owners live in the org settings");
    }

    [Fact]
    public void Ini_configs_take_whole_line_hash_and_semicolon_comments()
    {
        var directives = Find(FileKind.PythonTestConfig, "setup.cfg", Lines(
            "[coverage:report]",
            "; opstower-policy:ignore OTP5010",
            "fail_under = 50"));

        directives.Should().ContainSingle().Which.TargetLine.Should().Be(3);
    }

    [Theory]
    [InlineData("# opstower-policy:ignore OTP1001", false, "OTP1001", null)]
    [InlineData("#opstower-policy:ignore OTP1001 , otp1002 -- why -- not", false, "OTP1001,OTP1002", "why -- not")]
    [InlineData("// opstower-policy:ignore-file OTP3001 --", true, "OTP3001", null)]
    [InlineData("/* opstower-policy:ignore OTP3001 */", false, "OTP3001", null)]
    [InlineData("# opstower-policy:ignore", false, "", null)]
    [InlineData("# opstower-policy:ignore OTP1001--x", false, "OTP1001--X", null)]
    public void Directives_parse(string comment, bool wholeFile, string ids, string? justification)
    {
        SuppressionComments.TryParse(comment, out bool isFile, out var ruleIds, out string? why).Should().BeTrue();

        isFile.Should().Be(wholeFile);
        string.Join(",", ruleIds).Should().Be(ids);
        why.Should().Be(justification);
    }

    [Theory]
    [InlineData("# see opstower-policy:ignore OTP1001")]
    [InlineData("# opstower-policy:ignored OTP1001")]
    [InlineData("# opstower-policy:ignore-all")]
    [InlineData("# a comment")]
    public void Other_comments_are_not_directives(string comment) =>
        SuppressionComments.TryParse(comment, out _, out _, out _).Should().BeFalse();
}
