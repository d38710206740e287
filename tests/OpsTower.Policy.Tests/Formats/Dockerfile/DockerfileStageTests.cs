using System.Linq;
using OpsTower.Policy.Text;
using static OpsTower.Policy.Tests.Formats.Dockerfile.DockerfileTestText;

namespace OpsTower.Policy.Tests.Formats.Dockerfile;

public sealed class DockerfileStageTests
{
    private const string GlobalArgs =
        "ARG BASE=alpine\n" +
        "ARG VERSION=3.19\n" +
        "ARG TAG\n" +
        "ARG EMPTY=\n" +
        "ARG REGISTRY=docker.io\n" +
        "ARG IMAGE=${REGISTRY}/library/\"node\"\n" +
        "ARG DERIVED=${TAG}\n";

    [Theory]
    [InlineData("${BASE}:${VERSION}", "alpine:3.19")]
    [InlineData("$BASE", "alpine")]
    [InlineData("\"$BASE\":latest", "alpine:latest")]
    [InlineData("$IMAGE", "docker.io/library/node")]
    [InlineData("node:${TAG:-20}-slim", "node:20-slim")]
    [InlineData("node:${EMPTY:-20}", "node:20")]
    [InlineData("node:${EMPTY-20}", "node:")]
    [InlineData("node:${MISSING-18}", "node:18")]
    [InlineData("x${VERSION:+-v$VERSION}", "x-v3.19")]
    [InlineData("x${TAG:+-tag}", "x")]
    [InlineData("x${MISSING+-set}", "x")]
    [InlineData("x${VERSION+-set}", "x-set")]
    [InlineData("img:\\$VERSION", "img:$VERSION")]
    [InlineData("${BASE%ine}:${VERSION#3.}", "alp:19")]
    [InlineData("scratch", "scratch")]
    [InlineData("node:${TAG}", null)]
    [InlineData("node:$TAG", null)]
    [InlineData("node:${TAG-20}", null)]
    [InlineData("node:$UNKNOWN", null)]
    [InlineData("node:${DERIVED:-x}", "node:x")]
    [InlineData("node:$DERIVED", null)]
    [InlineData("node:${}", null)]
    [InlineData("node:${TAG:?required}", null)]
    public void Base_images_resolve_against_global_arg_defaults(string image, string? expected)
    {
        var document = Parse(GlobalArgs + $"FROM {image}\n");

        var stage = document.Stages.Should().ContainSingle().Subject;
        stage.BaseImage.Value.Should().Be(image);
        stage.ResolvedBaseImage.Should().Be(expected);
    }

    [Fact]
    public void Stage_arguments_after_the_first_from_do_not_feed_later_from_lines()
    {
        var document = Parse("FROM alpine\nARG V=1\nFROM node:$V\n");

        document.Stages[1].ResolvedBaseImage.Should().BeNull();
        document.GlobalArgs.Should().BeEmpty();
    }

    [Fact]
    public void Escaped_dollar_uses_the_escape_directive()
    {
        var document = Parse("# escape=`\nARG V=1\nFROM img:`$V-$V\n");

        document.Stages[0].ResolvedBaseImage.Should().Be("img:$V-1");
    }

    [Fact]
    public void Stages_have_names_base_stages_and_their_instructions()
    {
        var document = Parse(
            "FROM --platform=$BUILDPLATFORM golang:1.22 AS Build\n" +
            "RUN go build ./...\n" +
            "from build as test\n" +
            "RUN go test ./...\n" +
            "FROM gcr.io/distroless/static\n" +
            "COPY --from=build /out /app\n");

        document.Stages.Select(s => (s.Index, s.Name?.Value, s.BaseImage.Value)).Should().Equal(
            (0, "Build", "golang:1.22"), (1, "test", "build"), (2, null, "gcr.io/distroless/static"));
        document.At(document.Stages[0].Name!.Span).Should().Be("1:47-1:52");
        document.Stages[0].Platform.Should().Be("$BUILDPLATFORM");
        document.Stages[1].BaseStage.Should().BeSameAs(document.Stages[0]);
        document.Stages[2].BaseStage.Should().BeNull();
        document.Stages[0].Instructions.Select(i => i.Keyword).Should().Equal("FROM", "RUN");
        document.Stages[2].Instructions.Select(i => i.Keyword).Should().Equal("FROM", "COPY");
        document.FinalStage.Should().BeSameAs(document.Stages[2]);
        document.Diagnostics.Should().BeEmpty();
    }

    [Fact]
    public void A_stage_can_only_build_on_an_earlier_stage()
    {
        var document = Parse("FROM later AS first\nFROM alpine AS later\n");

        document.Stages[0].BaseStage.Should().BeNull();
    }

    [Fact]
    public void Base_stage_lookup_uses_the_resolved_reference()
    {
        var document = Parse("ARG FROM_STAGE=builder\nFROM alpine AS builder\nFROM ${FROM_STAGE}\n");

        document.Stages[1].BaseStage.Should().BeSameAs(document.Stages[0]);
    }

    [Fact]
    public void Malformed_from_lines_are_errors_but_still_form_stages()
    {
        var document = Parse("FROM\nFROM a b\nFROM c AS 1bad\nFROM d AS ok\nFROM e AS OK\nRUN still\n");

        document.Diagnostics.Select(d => (d.Severity, d.Message, document.At(d.Span))).Should().Equal(
            (DiagnosticSeverity.Error, "FROM requires either one or three arguments", "1:1-1:5"),
            (DiagnosticSeverity.Error, "FROM requires either one or three arguments", "2:6-2:9"),
            (DiagnosticSeverity.Error, "invalid name for build stage: \"1bad\", name can't start with a number or contain symbols", "3:11-3:15"),
            (DiagnosticSeverity.Error, "duplicate stage name \"OK\"", "5:11-5:13"));
        document.Stages.Should().HaveCount(5);
        document.Stages[0].BaseImage.Value.Should().BeEmpty();
        document.Stages[0].ResolvedBaseImage.Should().BeNull();
        document.Stages[4].Instructions.Select(i => i.Keyword).Should().Equal("FROM", "RUN");
    }
}
