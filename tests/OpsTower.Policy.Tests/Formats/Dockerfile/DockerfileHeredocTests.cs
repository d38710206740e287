using System.Linq;
using OpsTower.Policy.Text;
using static OpsTower.Policy.Tests.Formats.Dockerfile.DockerfileTestText;

namespace OpsTower.Policy.Tests.Formats.Dockerfile;

public sealed class DockerfileHeredocTests
{
    [Fact]
    public void A_heredoc_body_belongs_to_its_instruction()
    {
        var document = Parse("FROM x\nRUN <<EOF\napt-get update\n# not a comment\nEOF\nRUN echo after\n");

        var run = document.Instructions[1];
        run.Arguments.Select(a => a.Value).Should().Equal("<<EOF");
        var heredoc = run.Heredocs.Should().ContainSingle().Subject;
        heredoc.Name.Should().Be("EOF");
        (heredoc.Expand, heredoc.Chomp).Should().Be((true, false));
        heredoc.Content.Should().Be("apt-get update\n# not a comment\n");
        document.At(heredoc.MarkerSpan).Should().Be("2:5-2:10");
        document.At(heredoc.ContentSpan).Should().Be("3:1-4:16");
        document.At(run.Span).Should().Be("2:1-5:4");
        (run.StartLine, run.EndLine).Should().Be((2, 5));

        document.Comments.Should().BeEmpty();
        document.Instructions[2].ArgumentText.Should().Be("echo after");
        document.Diagnostics.Should().BeEmpty();
    }

    [Fact]
    public void Several_heredocs_on_one_line_are_read_in_order()
    {
        var document = Parse("FROM x\nCOPY <<A <<B /dest/\nfirst\nA\nsecond\nB\n");

        var copy = document.Instructions[1];
        copy.Arguments.Select(a => a.Value).Should().Equal("<<A", "<<B", "/dest/");
        copy.Heredocs.Select(h => (h.Name, h.Content, document.At(h.MarkerSpan), document.At(h.ContentSpan))).Should().Equal(
            ("A", "first\n", "2:6-2:9", "3:1-3:6"),
            ("B", "second\n", "2:10-2:13", "5:1-5:7"));
        copy.EndLine.Should().Be(6);
    }

    [Fact]
    public void A_dash_heredoc_strips_leading_tabs_from_body_and_delimiter()
    {
        var document = Parse("FROM x\nRUN <<-EOF sh\n\techo a\n\t\techo b\n\tEOF\n");

        var heredoc = document.Instructions[1].Heredocs.Should().ContainSingle().Subject;
        heredoc.Chomp.Should().BeTrue();
        heredoc.Content.Should().Be("echo a\necho b\n");
        document.At(heredoc.ContentSpan).Should().Be("3:1-4:9");
    }

    [Theory]
    [InlineData("<<\"EOF\"")]
    [InlineData("<<'EOF'")]
    [InlineData("<<E\"O\"F")]
    public void A_quoted_delimiter_turns_expansion_off(string marker)
    {
        var document = Parse($"FROM x\nRUN {marker}\necho $HOME\nEOF\n");

        var heredoc = document.Instructions[1].Heredocs.Should().ContainSingle().Subject;
        heredoc.Name.Should().Be("EOF");
        heredoc.Expand.Should().BeFalse();
        heredoc.Content.Should().Be("echo $HOME\n");
    }

    [Fact]
    public void An_unterminated_heredoc_is_an_error_at_its_marker()
    {
        var document = Parse("FROM x\nRUN cat <<EOF >/out\necho a\n");

        document.Diagnostics.Should().ContainSingle().Which.Should().Match<ParseDiagnostic>(d =>
            d.Severity == DiagnosticSeverity.Error && d.Message == "unterminated heredoc EOF");
        document.At(document.Diagnostics[0].Span).Should().Be("2:9-2:14");
        document.Instructions[1].Heredocs.Should().ContainSingle().Which.Content.Should().Be("echo a\n");
    }

    [Fact]
    public void Heredoc_content_keeps_crlf_line_breaks()
    {
        var document = Parse("FROM x\r\nRUN <<EOF\r\necho a\r\nEOF\r\nCMD b\r\n");

        document.Instructions[1].Heredocs.Should().ContainSingle().Which.Content.Should().Be("echo a\r\n");
        document.At(document.Instructions[1].Span).Should().Be("2:1-4:4");
        document.Instructions[2].Keyword.Should().Be("CMD");
    }

    [Fact]
    public void An_empty_heredoc_has_an_empty_body_at_its_delimiter()
    {
        var document = Parse("FROM x\nCOPY <<EOF /empty\nEOF\n");

        var heredoc = document.Instructions[1].Heredocs.Should().ContainSingle().Subject;
        heredoc.Content.Should().BeEmpty();
        document.At(heredoc.ContentSpan).Should().Be("3:1-3:1");
    }

    [Theory]
    [InlineData("CMD cat <<EOF")]
    [InlineData("RUN [\"cat\", \"<<EOF\"]")]
    [InlineData("RUN echo a<<EOF")]
    public void Heredocs_only_exist_for_shell_form_run_copy_and_add(string line)
    {
        var document = Parse($"FROM x\n{line}\nEOF\n");

        document.Instructions[1].Heredocs.Should().BeEmpty();
        document.Instructions.Select(i => i.Keyword).Should().Equal("FROM", line.Substring(0, 3), "EOF");
    }

    [Fact]
    public void An_onbuild_heredoc_belongs_to_the_trigger()
    {
        var document = Parse("FROM x\nONBUILD RUN <<EOF\necho hi\nEOF\n");

        var onbuild = document.Instructions[1];
        onbuild.Heredocs.Should().BeEmpty();
        onbuild.Trigger!.Heredocs.Should().ContainSingle().Which.Content.Should().Be("echo hi\n");
        onbuild.EndLine.Should().Be(4);
        document.At(onbuild.Span).Should().Be("2:1-4:4");
    }

    [Fact]
    public void A_heredoc_marker_may_carry_a_file_descriptor_and_follow_a_command()
    {
        var document = Parse("FROM x\nRUN python3 3<<PY > /out\nprint(1)\nPY\n");

        var heredoc = document.Instructions[1].Heredocs.Should().ContainSingle().Subject;
        heredoc.Name.Should().Be("PY");
        document.TextOf(heredoc.MarkerSpan).Should().Be("3<<PY");
    }
}
