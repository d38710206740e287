using System;
using System.Linq;
using System.Text;
using CsCheck;
using OpsTower.Policy.Formats.Dockerfile;
using OpsTower.Policy.Text;
using static OpsTower.Policy.Tests.Formats.Dockerfile.DockerfileTestText;

namespace OpsTower.Policy.Tests.Formats.Dockerfile;

/// <summary>The parser must never throw nor overflow the stack, and every span it reports must lie inside the file.</summary>
public sealed class DockerfileParserRobustnessTests
{
    // Characters that matter to the parser, so random text reaches its corners quickly.
    private const string DockerfileAlphabet = "FROMRUNCOPYADDENVARGLABELONBUILDHEALTHCHECKSHELL fromrun\\`\t\r\n\n\n #=-\"'[]{}$:,<<EOF-0123 az\u00e9\uFEFF\u00a0";

    private const string SeedDockerfile =
        "# syntax=docker/dockerfile:1\n" +
        "# escape=\\\n" +
        "ARG BASE=alpine\n" +
        "FROM --platform=$BUILDPLATFORM ${BASE:-alpine}:3.19 AS build\n" +
        "ENV A=\"x y\" B='z' \\\n    C=3\n" +
        "LABEL legacy value here\n" +
        "RUN --mount=type=cache,target=/root/.cache <<EOF\napk add curl\nEOF\n" +
        "COPY <<A <<-B /dest/\nfirst\nA\n\tsecond\n\tB\n" +
        "CMD [\"node\", \"index.js\"]\n" +
        "HEALTHCHECK --interval=5s CMD curl -f http://localhost/\n" +
        "ONBUILD RUN echo hi\n" +
        "FROM build\n";

    [Fact]
    public void Random_text_never_throws_and_every_span_lies_in_the_file()
    {
        Gen.Char[DockerfileAlphabet].Array[0, 400].Select(chars => new string(chars))
            .Sample(text => CheckDocument(Parse(text)), iter: 2000);
    }

    [Fact]
    public void Random_unicode_never_throws_and_every_span_lies_in_the_file()
    {
        Gen.String.Sample(text => CheckDocument(Parse(text)), iter: 1000);
    }

    [Fact]
    public void Mutated_dockerfiles_never_throw_and_every_span_lies_in_the_file()
    {
        var edit = Gen.Select(Gen.Int[0, 2], Gen.Int[0, SeedDockerfile.Length], Gen.Char[DockerfileAlphabet]);
        edit.Array[1, 12].Sample(edits => CheckDocument(Parse(Mutate(SeedDockerfile, edits))), iter: 2000);
    }

    [Fact]
    public void The_seed_dockerfile_parses_cleanly()
    {
        var document = Parse(SeedDockerfile);

        document.Diagnostics.Should().BeEmpty();
        document.Stages.Should().HaveCount(2);
        CheckDocument(document);
    }

    [Fact]
    public void Deeply_nested_brackets_do_not_overflow_the_stack()
    {
        const int Depth = 100_000;
        string balanced = new string('[', Depth) + new string(']', Depth);
        var document = Parse("FROM x\nCMD " + balanced + "\nRUN " + new string('[', Depth) + "\nCOPY " + balanced + " /x\n");

        // Go's encoding/json gives up beyond 10000 levels, so BuildKit takes these as shell form.
        document.Instructions.Skip(1).Should().OnlyContain(i => !i.IsExecForm);
        document.Instructions[1].Arguments.Should().ContainSingle().Which.Value.Should().Be(balanced);
        CheckDocument(document);
    }

    [Fact]
    public void Json_nesting_is_accepted_up_to_the_go_limit()
    {
        string nested = "[\"a\", " + new string('[', 9_999) + new string(']', 9_999) + "]";
        var document = Parse("FROM x\nCMD " + nested + "\n");

        document.Diagnostics.Should().ContainSingle().Which.Message.Should().Contain("strings only");
    }

    [Fact]
    public void Huge_lines_and_deep_nesting_elsewhere_do_not_crash()
    {
        const int Size = 1 << 20;
        var text = new StringBuilder("FROM x\n")
            .Append("RUN ").Append('a', Size).Append('\n')
            .Append("ENV ").Append(string.Concat(Enumerable.Repeat("k=v ", Size / 4))).Append('\n')
            .Append("RUN <<").Append(string.Concat(Enumerable.Repeat("${a:-", 100_000))).Append('\n')
            .Append("FROM ").Append(string.Concat(Enumerable.Repeat("${a:-", 100_000))).Append('\n')
            .Append(string.Concat(Enumerable.Repeat("ONBUILD ", 100_000))).Append("RUN x\n")
            .Append(string.Concat(Enumerable.Repeat("RUN a \\\n", 100_000))).Append("b\n")
            .ToString();

        var document = Parse(text);

        document.Instructions[1].ArgumentText.Should().HaveLength(Size);
        document.Instructions[2].KeyValues.Should().HaveCount(Size / 4);
        document.Instructions.Last().StartLine.Should().Be(7);
        CheckDocument(document);
    }

    private static string Mutate(string text, (int Kind, int Position, char Char)[] edits)
    {
        var builder = new StringBuilder(text);
        foreach (var (kind, position, c) in edits)
        {
            int at = Math.Min(position, builder.Length);
            if (kind == 0) builder.Insert(at, c);
            else if (at < builder.Length && kind == 1) builder.Remove(at, 1);
            else if (at < builder.Length) builder[at] = c;
        }
        return builder.ToString();
    }

    private static void CheckDocument(DockerfileDocument document)
    {
        int length = document.File.Text.Length;
        void Within(TextSpan? span, string what)
        {
            if (span is { } s && s.End > length) throw new InvalidOperationException($"{what} {s} lies outside a file of {length} characters");
        }

        foreach (var diagnostic in document.Diagnostics) Within(diagnostic.Span, "diagnostic");
        foreach (var comment in document.Comments) Within(comment.Span, "comment");
        foreach (var directive in document.Directives)
        {
            Within(directive.Span, "directive");
            Within(directive.ValueSpan, "directive value");
        }
        foreach (var instruction in document.Instructions) CheckInstruction(instruction, document.File, Within);
        foreach (var stage in document.Stages)
        {
            Within(stage.BaseImage.Span, "base image");
            Within(stage.Name?.Span, "stage name");
        }
    }

    private static void CheckInstruction(DockerInstruction instruction, SourceFile file, Action<TextSpan?, string> within)
    {
        within(instruction.Span, "instruction");
        if (!instruction.Span.Contains(instruction.KeywordSpan)) throw new InvalidOperationException("keyword outside its instruction");
        foreach (var flag in instruction.Flags)
        {
            within(flag.Span, "flag");
            within(flag.ValueSpan, "flag value");
        }
        foreach (var argument in instruction.Arguments) within(argument.Span, "argument");
        foreach (var pair in instruction.KeyValues)
        {
            within(pair.Span, "key-value");
            within(pair.KeySpan, "key");
            within(pair.ValueSpan, "value");
        }
        foreach (var heredoc in instruction.Heredocs)
        {
            within(heredoc.MarkerSpan, "heredoc marker");
            within(heredoc.ContentSpan, "heredoc content");
        }
        within(instruction.ArgumentSpan, "arguments");
        if (instruction.StartLine < 1 || instruction.EndLine < instruction.StartLine || instruction.EndLine > file.LineCount)
            throw new InvalidOperationException($"bad line range {instruction.StartLine}-{instruction.EndLine}");

        // Each argument character maps to the same character in the file, in file order.
        for (int i = 0; i < instruction.ArgumentText.Length; i++)
        {
            int offset = instruction.MapArgumentOffset(i);
            if (file.Text[offset] != instruction.ArgumentText[i]) throw new InvalidOperationException($"argument character {i} maps to a different character");
            if (instruction.MapArgumentOffset(i + 1) <= offset) throw new InvalidOperationException("argument offsets out of order");
        }
        within(new TextSpan(instruction.MapArgumentOffset(instruction.ArgumentText.Length), 0), "argument end");

        if (instruction.Trigger is not null) CheckInstruction(instruction.Trigger, file, within);
    }
}
