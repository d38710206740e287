using System;
using System.Linq;
using OpsTower.Policy.Formats.Dockerfile;
using OpsTower.Policy.Text;
using static OpsTower.Policy.Tests.Formats.Dockerfile.DockerfileTestText;

namespace OpsTower.Policy.Tests.Formats.Dockerfile;

public sealed class DockerfileParserTests
{
    [Fact]
    public void Keywords_are_upper_cased_and_arguments_carry_their_positions()
    {
        var document = Parse("FROM alpine:3.19 AS build\nrun  echo hi\n");

        var from = document.Instructions[0];
        from.Keyword.Should().Be("FROM");
        document.At(from.KeywordSpan).Should().Be("1:1-1:5");
        from.Arguments.Select(a => a.Value).Should().Equal("alpine:3.19", "AS", "build");
        from.Arguments.Select(a => document.At(a.Span)).Should().Equal("1:6-1:17", "1:18-1:20", "1:21-1:26");

        var run = document.Instructions[1];
        run.Keyword.Should().Be("RUN");
        document.At(run.KeywordSpan).Should().Be("2:1-2:4");
        run.ArgumentText.Should().Be("echo hi");
        run.Arguments.Should().ContainSingle().Which.Value.Should().Be("echo hi");
        document.At(run.Arguments[0].Span).Should().Be("2:6-2:13");
        document.At(run.Span).Should().Be("2:1-2:13");
        (run.StartLine, run.EndLine).Should().Be((2, 2));
        document.Diagnostics.Should().BeEmpty();
    }

    [Fact]
    public void Flags_are_split_into_name_and_value_with_spans()
    {
        var document = Parse("FROM x\nCOPY --from=build --chown=app:app --link src/ /dst/\n");

        var copy = document.Instructions[1];
        copy.Flags.Select(f => (f.Name, f.Value)).Should().Equal(("from", "build"), ("chown", "app:app"), ("link", (string?)null));
        copy.Flags.Select(f => document.At(f.Span)).Should().Equal("2:6-2:18", "2:19-2:34", "2:35-2:41");
        copy.Flags.Select(f => document.At(f.ValueSpan)).Should().Equal("2:13-2:18", "2:27-2:34", "(none)");
        copy.GetFlag("FROM")!.Value.Should().Be("build");
        copy.ArgumentText.Should().Be("src/ /dst/");
        copy.Arguments.Select(a => document.At(a.Span)).Should().Equal("2:42-2:46", "2:47-2:52");
    }

    [Fact]
    public void A_double_dash_ends_the_flags_and_quoted_flag_values_are_unquoted()
    {
        var document = Parse(
            "FROM x\n" +
            "COPY --chmod=755 -- --odd-name /dst/\n" +
            "RUN --mount=\"type=secret,id=a b\" --network=none cat /run/secrets/a\n");

        var copy = document.Instructions[1];
        copy.Flags.Should().ContainSingle().Which.Name.Should().Be("chmod");
        copy.Arguments.Select(a => a.Value).Should().Equal("--odd-name", "/dst/");

        var run = document.Instructions[2];
        run.Flags.Select(f => (f.Name, f.Value)).Should().Equal(("mount", "type=secret,id=a b"), ("network", "none"));
        document.TextOf(run.Flags[0].Span).Should().Be("--mount=\"type=secret,id=a b\"");
        run.ArgumentText.Should().Be("cat /run/secrets/a");
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Continuations_are_joined_and_argument_offsets_map_back_to_every_line(string newline)
    {
        string text = string.Join(newline, "FROM x", "RUN apt-get update \\", "    && apt-get install -y curl", "");
        var document = Parse(text);

        var run = document.Instructions[1];
        run.ArgumentText.Should().Be("apt-get update     && apt-get install -y curl");
        (run.StartLine, run.EndLine).Should().Be((2, 3));
        document.At(run.Span).Should().Be("2:1-3:31");
        document.At(run.ArgumentSpan).Should().Be("2:5-3:31");
        document.At(run.Arguments[0].Span).Should().Be("2:5-3:31");

        Position(document, run.MapArgumentOffset(0)).Should().Be("2:5");
        Position(document, run.MapArgumentOffset(14)).Should().Be("2:19");
        Position(document, run.MapArgumentOffset(15)).Should().Be("3:1");
        Position(document, run.MapArgumentOffset(run.ArgumentText.IndexOf("&&"))).Should().Be("3:5");
        Position(document, run.MapArgumentOffset(run.ArgumentText.Length)).Should().Be("3:31");
        document.At(run.MapArgumentSpan(run.ArgumentText.IndexOf("curl"), 4)).Should().Be("3:27-3:31");
        document.At(run.MapArgumentSpan(run.ArgumentText.IndexOf("update"), "update     &&".Length)).Should().Be("2:13-3:7");
        for (int i = 0; i < run.ArgumentText.Length; i++) document.File.Text[run.MapArgumentOffset(i)].Should().Be(run.ArgumentText[i]);
    }

    [Fact]
    public void Argument_index_of_a_file_offset_inverts_the_offset_map_across_continuations()
    {
        var document = Parse("FROM x\nRUN a \\\n  # comment\n  bc \\\n\\\n  d\n");

        var run = document.Instructions[1];
        for (int i = 0; i < run.ArgumentText.Length; i++) run.ArgumentIndexOf(run.MapArgumentOffset(i)).Should().Be(i);
        // The continuation escape, the comment line and the keyword are not argument characters.
        run.ArgumentIndexOf(document.File.Text.IndexOf('\\')).Should().Be(-1);
        run.ArgumentIndexOf(document.File.Text.IndexOf("comment", StringComparison.Ordinal)).Should().Be(-1);
        run.ArgumentIndexOf(run.KeywordSpan.Start).Should().Be(-1);
        Action beyondTheEnd = () => run.MapArgumentOffset(run.ArgumentText.Length + 1);
        beyondTheEnd.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Comment_lines_and_blank_lines_inside_a_continuation_are_skipped()
    {
        var document = Parse("FROM x\nRUN a \\\n  # inner comment\n\n  b \\\n\\\n  c\n# after\n");

        var run = document.Instructions[1];
        run.ArgumentText.Should().Be("a   b   c");
        (run.StartLine, run.EndLine).Should().Be((2, 7));
        document.Comments.Select(c => (c.Text, document.At(c.Span))).Should().Equal(("inner comment", "3:3-3:18"), ("after", "8:1-8:8"));
        Position(document, run.MapArgumentOffset(run.ArgumentText.IndexOf('b'))).Should().Be("5:3");
        Position(document, run.MapArgumentOffset(run.ArgumentText.IndexOf('c'))).Should().Be("7:3");
    }

    [Fact]
    public void A_continuation_at_the_end_of_the_file_ends_the_instruction()
    {
        var document = Parse("FROM x\nRUN echo hi \\");

        var run = document.Instructions[1];
        run.ArgumentText.Should().Be("echo hi");
        (run.StartLine, run.EndLine).Should().Be((2, 2));
        document.Diagnostics.Should().BeEmpty();
    }

    [Fact]
    public void An_escaped_escape_at_the_end_of_a_line_does_not_continue_it()
    {
        var document = Parse("FROM x\nENV DIR C:\\\\\nENV NEXT 1\n");

        document.Instructions.Select(i => i.Keyword).Should().Equal("FROM", "ENV", "ENV");
        document.Instructions[1].KeyValues[0].Value.Should().Be("C:\\");
    }

    [Fact]
    public void The_escape_directive_switches_to_backtick_continuations_for_windows_dockerfiles()
    {
        var document = Parse(
            "# escape=`\n" +
            "FROM mcr.microsoft.com/windows/servercore:ltsc2022\n" +
            "RUN Get-ChildItem C:\\ `\n" +
            "    -Recurse\n" +
            "WORKDIR C:\\app\\\n");

        document.EscapeCharacter.Should().Be('`');
        document.Directives.Should().ContainSingle().Which.Should().Be(
            new ParserDirective("escape", "`", TextSpan.FromBounds(0, 10), TextSpan.FromBounds(9, 10)));
        document.Comments.Should().BeEmpty();

        var run = document.Instructions[1];
        run.ArgumentText.Should().Be("Get-ChildItem C:\\     -Recurse");
        (run.StartLine, run.EndLine).Should().Be((3, 4));
        Position(document, run.MapArgumentOffset(run.ArgumentText.IndexOf("-Recurse"))).Should().Be("4:5");

        document.Instructions[2].Arguments.Should().ContainSingle().Which.Value.Should().Be("C:\\app\\");
    }

    [Fact]
    public void Directives_are_read_only_at_the_top_of_the_file()
    {
        var document = Parse(
            "# syntax=docker/dockerfile:1.7\n" +
            "#check = skip=JSONArgsRecommended\n" +
            "  # ESCAPE=\\\n" +
            "\n" +
            "# escape=`\n" +
            "FROM x\n");

        document.Directives.Select(d => (d.Name, d.Value)).Should().Equal(
            ("syntax", "docker/dockerfile:1.7"), ("check", "skip=JSONArgsRecommended"), ("escape", "\\"));
        document.At(document.Directives[0].ValueSpan).Should().Be("1:10-1:31");
        document.At(document.Directives[2].Span).Should().Be("3:3-3:13");
        document.EscapeCharacter.Should().Be('\\');
        document.Comments.Should().ContainSingle().Which.Text.Should().Be("escape=`");
    }

    [Fact]
    public void A_directive_after_a_plain_comment_is_only_a_comment()
    {
        var document = Parse("# build the app\n# escape=`\nFROM x\nRUN echo `\n");

        document.Directives.Should().BeEmpty();
        document.EscapeCharacter.Should().Be('\\');
        document.Comments.Select(c => c.Text).Should().Equal("build the app", "escape=`");
        document.Instructions[1].ArgumentText.Should().Be("echo `");
    }

    [Fact]
    public void Repeated_or_invalid_directives_are_errors()
    {
        var document = Parse("# escape=`\n# escape=\\\n# syntax=a\n# syntax=b\nFROM x\n");
        document.Diagnostics.Select(d => (d.Severity, d.Message, document.At(d.Span))).Should().Equal(
            (DiagnosticSeverity.Error, "only one escape parser directive can be used", "2:1-2:11"),
            (DiagnosticSeverity.Error, "only one syntax parser directive can be used", "4:1-4:11"));
        document.EscapeCharacter.Should().Be('`');

        var invalid = Parse("# escape=x\nFROM x\n");
        invalid.Diagnostics.Should().ContainSingle().Which.Message.Should().Contain("invalid escape token 'x'");
        invalid.EscapeCharacter.Should().Be('\\');
    }

    [Fact]
    public void A_byte_order_mark_does_not_hide_the_first_directive()
    {
        var document = Parse("\uFEFF# escape=`\nFROM x\n");

        document.EscapeCharacter.Should().Be('`');
        document.At(document.Instructions[0].KeywordSpan).Should().Be("2:1-2:5");
    }

    [Fact]
    public void Exec_form_is_a_json_string_array_with_escapes_decoded()
    {
        var document = Parse("FROM x\nCMD [\"node\", \"a\\tb\", \"\\u00e9\\/\"]\nENTRYPOINT [ ]\nSHELL [\"pwsh\", \"-c\"]\n");

        var cmd = document.Instructions[1];
        cmd.IsExecForm.Should().BeTrue();
        cmd.Arguments.Select(a => a.Value).Should().Equal("node", "a\tb", "\u00e9/");
        cmd.Arguments.Select(a => document.At(a.Span)).Should().Equal("2:6-2:12", "2:14-2:20", "2:22-2:32");
        document.Instructions[2].IsExecForm.Should().BeTrue();
        document.Instructions[2].Arguments.Should().BeEmpty();
        document.Instructions[3].Arguments.Select(a => a.Value).Should().Equal("pwsh", "-c");
    }

    [Theory]
    [InlineData("CMD ['echo', 'single quotes']")]
    [InlineData("CMD [\"echo\", \"unterminated bracket\"")]
    [InlineData("CMD [\"echo\", \"unterminated string]")]
    [InlineData("CMD \"[\\\"echo\\\"]\"")]
    [InlineData("RUN [\"echo\"] trailing")]
    public void Invalid_json_falls_back_to_the_shell_form(string line)
    {
        var document = Parse("FROM x\n" + line + "\n");

        var instruction = document.Instructions[1];
        instruction.IsExecForm.Should().BeFalse();
        instruction.Arguments.Should().ContainSingle().Which.Value.Should().Be(line.Substring(4));
        document.Diagnostics.Should().BeEmpty();
    }

    [Fact]
    public void Copy_add_and_volume_split_words_when_not_json()
    {
        var document = Parse("FROM x\nCOPY [\"a b\", \"/c\"]\nADD\t\tsrc  /dst\nVOLUME /a /b\nVOLUME [\"/v\"]\nEXPOSE 80 443/tcp\nUSER app:app\n");

        document.Instructions[1].IsExecForm.Should().BeTrue();
        document.Instructions[1].Arguments.Select(a => a.Value).Should().Equal("a b", "/c");
        document.Instructions[2].Arguments.Select(a => a.Value).Should().Equal("src", "/dst");
        document.Instructions[3].Arguments.Select(a => a.Value).Should().Equal("/a", "/b");
        document.Instructions[4].Arguments.Select(a => a.Value).Should().Equal("/v");
        document.Instructions[5].Arguments.Select(a => a.Value).Should().Equal("80", "443/tcp");
        document.Instructions[6].Arguments.Select(a => a.Value).Should().Equal("app:app");
    }

    [Fact]
    public void Json_arrays_with_other_values_are_rejected_and_parsing_continues()
    {
        var document = Parse("FROM x\nCMD [1, 2]\nRUN [\"echo\", [\"nested\"]]\nRUN echo still here\n");

        document.Diagnostics.Select(d => (d.Severity, document.At(d.Span))).Should().Equal(
            (DiagnosticSeverity.Error, "2:5-2:11"), (DiagnosticSeverity.Error, "3:5-3:25"));
        document.Diagnostics[0].Message.Should().Be("when using JSON array syntax, arrays must be comprised of strings only");
        document.Instructions.Should().HaveCount(4);
        document.Instructions[3].ArgumentText.Should().Be("echo still here");
    }

    [Fact]
    public void Env_pairs_are_unquoted_with_spans_of_key_and_raw_value()
    {
        var document = Parse("FROM x\nENV A=\"x y\" B=plain C='single $q' D=esc\\ aped E=\nENV LEGACY some value here\n");

        var env = document.Instructions[1];
        env.KeyValues.Select(kv => (kv.Key, kv.Value)).Should().Equal(("A", "x y"), ("B", "plain"), ("C", "single $q"), ("D", "esc aped"), ("E", ""));
        env.KeyValues.Select(kv => document.At(kv.KeySpan)).Should().Equal("2:5-2:6", "2:13-2:14", "2:21-2:22", "2:35-2:36", "2:47-2:48");
        env.KeyValues.Select(kv => document.At(kv.ValueSpan)).Should().Equal("2:7-2:12", "2:15-2:20", "2:23-2:34", "2:37-2:46", "2:49-2:49");
        document.At(env.KeyValues[0].Span).Should().Be("2:5-2:12");

        var legacy = document.Instructions[2].KeyValues.Should().ContainSingle().Subject;
        (legacy.Key, legacy.Value).Should().Be(("LEGACY", "some value here"));
        (document.At(legacy.KeySpan), document.At(legacy.ValueSpan)).Should().Be(("3:5-3:11", "3:12-3:27"));
    }

    [Fact]
    public void Label_pairs_span_continuation_lines()
    {
        var document = Parse("FROM x\nLABEL org.opencontainers.image.title=\"My App\" \\\n      version=1.0\n");

        var label = document.Instructions[1];
        label.KeyValues.Select(kv => (kv.Key, kv.Value)).Should().Equal(("org.opencontainers.image.title", "My App"), ("version", "1.0"));
        label.KeyValues.Select(kv => document.At(kv.KeySpan)).Should().Equal("2:7-2:37", "3:7-3:14");
        label.KeyValues.Select(kv => document.At(kv.ValueSpan)).Should().Equal("2:38-2:46", "3:15-3:18");
    }

    [Fact]
    public void Arg_declares_names_with_or_without_defaults()
    {
        var document = Parse("ARG NAME\nARG WITH=\"a default\" OTHER=1\nFROM x\n");

        document.Instructions[0].KeyValues.Should().ContainSingle().Which.Should().Be(
            new DockerKeyValue("NAME", null, new TextSpan(4, 4), null, new TextSpan(4, 4)));
        document.Instructions[1].KeyValues.Select(kv => (kv.Key, kv.Value)).Should().Equal(("WITH", "a default"), ("OTHER", "1"));
        document.GlobalArgs.Should().HaveCount(2);
    }

    [Fact]
    public void Env_errors_are_reported_at_the_instruction_and_the_next_ones_are_kept()
    {
        var document = Parse("FROM busybox\nENV PATH\nENV A=1 B\nLABEL\nRUN ok\n");

        document.Diagnostics.Select(d => (d.Message, document.At(d.Span))).Should().Equal(
            ("ENV must have two arguments", "2:5-2:9"),
            ("Syntax error - can't find = in \"B\". Must be of the form: name=value", "3:9-3:10"),
            ("LABEL requires at least one argument", "4:1-4:6"));
        document.Diagnostics.Should().OnlyContain(d => d.Severity == DiagnosticSeverity.Error);
        document.Instructions.Select(i => i.Keyword).Should().Equal("FROM", "ENV", "ENV", "LABEL", "RUN");
    }

    [Fact]
    public void Healthcheck_keeps_its_type_then_the_command()
    {
        var document = Parse(
            "FROM x\n" +
            "HEALTHCHECK --interval=30s --timeout=3s \\\n  CMD curl -f http://localhost/ || exit 1\n" +
            "HEALTHCHECK CMD [\"curl\", \"-f\", \"http://localhost/\"]\n" +
            "HEALTHCHECK NONE\n");

        var shell = document.Instructions[1];
        shell.Flags.Select(f => f.Name).Should().Equal("interval", "timeout");
        shell.Arguments.Select(a => a.Value).Should().Equal("CMD", "curl -f http://localhost/ || exit 1");
        document.At(shell.Arguments[1].Span).Should().Be("3:7-3:42");
        shell.IsExecForm.Should().BeFalse();

        var exec = document.Instructions[2];
        exec.IsExecForm.Should().BeTrue();
        exec.Arguments.Select(a => a.Value).Should().Equal("CMD", "curl", "-f", "http://localhost/");

        document.Instructions[3].Arguments.Select(a => a.Value).Should().Equal("NONE");
    }

    [Fact]
    public void Onbuild_carries_its_trigger_instruction()
    {
        var document = Parse("FROM x\nONBUILD RUN echo hi\nonbuild copy --from=a [\"/x\", \"/y\"]\n");

        var trigger = document.Instructions[1].Trigger!;
        trigger.Keyword.Should().Be("RUN");
        document.At(trigger.KeywordSpan).Should().Be("2:9-2:12");
        trigger.Arguments.Should().ContainSingle().Which.Value.Should().Be("echo hi");
        document.At(trigger.Arguments[0].Span).Should().Be("2:13-2:20");
        document.At(trigger.Span).Should().Be("2:9-2:20");
        (trigger.StartLine, trigger.EndLine).Should().Be((2, 2));
        document.Instructions[1].ArgumentText.Should().Be("RUN echo hi");

        var copy = document.Instructions[2].Trigger!;
        copy.Keyword.Should().Be("COPY");
        copy.GetFlag("from")!.Value.Should().Be("a");
        copy.IsExecForm.Should().BeTrue();
        copy.Arguments.Select(a => a.Value).Should().Equal("/x", "/y");
    }

    [Fact]
    public void Onbuild_rejects_chaining_and_missing_triggers()
    {
        var document = Parse("FROM x\nONBUILD ONBUILD RUN x\nONBUILD\nONBUILD FROM y\nRUN ok\n");

        document.Diagnostics.Select(d => (d.Message, document.At(d.Span))).Should().Equal(
            ("Chaining ON BUILD via `ONBUILD ONBUILD` isn't allowed", "2:9-2:16"),
            ("ONBUILD requires at least one argument", "3:1-3:8"),
            ("FROM isn't allowed as an ON BUILD trigger", "4:9-4:13"));
        document.Instructions[1].Trigger!.Keyword.Should().Be("ONBUILD");
        document.Instructions[1].Trigger!.Trigger.Should().BeNull();
        document.Instructions.Should().HaveCount(5);
    }

    [Fact]
    public void Unknown_instructions_are_kept_with_a_warning()
    {
        var document = Parse("FROM x\nFOO bar baz\nRUN ok\n");

        var unknown = document.Instructions[1];
        unknown.Keyword.Should().Be("FOO");
        unknown.ArgumentText.Should().Be("bar baz");
        unknown.Arguments.Should().BeEmpty();
        document.Diagnostics.Should().ContainSingle().Which.Should().Match<ParseDiagnostic>(d =>
            d.Severity == DiagnosticSeverity.Warning && d.Message == "unknown instruction: FOO" && d.Span == unknown.KeywordSpan);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n   \n")]
    [InlineData("# only\n# comments\n\n")]
    public void A_file_without_instructions_is_an_error_at_the_start(string text)
    {
        var document = Parse(text);

        document.Instructions.Should().BeEmpty();
        document.Diagnostics.Should().ContainSingle().Which.Should().Match<ParseDiagnostic>(d =>
            d.Severity == DiagnosticSeverity.Error && d.Message == "file with no instructions");
        document.At(document.Diagnostics[0].Span).Should().Be("1:1-1:1");
    }

    [Fact]
    public void Only_arg_may_come_before_the_first_from()
    {
        var document = Parse("ARG V=1\nRUN echo early\nFROM x:$V\n");

        document.Diagnostics.Should().ContainSingle().Which.Should().Match<ParseDiagnostic>(d =>
            d.Severity == DiagnosticSeverity.Error && d.Message == DockerfileParser.NoBuildStageMessage);
        document.At(document.Diagnostics[0].Span).Should().Be("2:1-2:4");
        document.Stages.Should().ContainSingle().Which.ResolvedBaseImage.Should().Be("x:1");
    }

    [Fact]
    public void Argument_offsets_of_an_empty_argument_list_point_past_the_keyword()
    {
        var document = Parse("FROM x\nHEALTHCHECK\nCMD --flag\n");

        var healthcheck = document.Instructions[1];
        healthcheck.ArgumentText.Should().BeEmpty();
        healthcheck.MapArgumentOffset(0).Should().Be(healthcheck.KeywordSpan.End);
        document.Instructions[2].MapArgumentOffset(0).Should().Be(document.Instructions[2].Flags[0].Span.End);
    }

    [Fact]
    public void Line_numbers_follow_buildkit_including_skipped_lines()
    {
        var document = Parse("\n# c\nFROM x\n\nRUN a \\\n\n# c\n  b\n\n\nCMD c\n");

        document.Instructions.Select(i => (i.StartLine, i.EndLine)).Should().Equal((3, 3), (5, 8), (11, 11));
    }

    private static string Position(DockerfileDocument document, int offset) => document.File.GetPosition(offset).ToString();
}
