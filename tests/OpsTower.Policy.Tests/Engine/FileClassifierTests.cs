using OpsTower.Policy.Engine;

namespace OpsTower.Policy.Tests.Engine;

public class FileClassifierTests
{
    [Theory]
    [InlineData("Dockerfile")]
    [InlineData("services/api/Dockerfile")]
    [InlineData("dockerfile")]
    [InlineData("Containerfile")]
    [InlineData("api.Dockerfile")]
    [InlineData("Dockerfile.prod")]
    [InlineData("Dockerfile-dev")]
    [InlineData("build/web.dockerfile")]
    public void Dockerfile_names_are_recognised(string path) =>
        FileClassifier.Classify(path).Should().Be(FileKind.Dockerfile);

    [Theory]
    [InlineData("Dockerfile.dockerignore")]
    [InlineData(".dockerignore")]
    [InlineData("README.md")]
    [InlineData("Dockerfiles")]
    [InlineData("docs/Dockerfile.md.dockerignore")]
    public void Other_names_are_not_dockerfiles(string path) =>
        FileClassifier.Classify(path).Should().Be(FileKind.Unknown);

    [Fact]
    public void Extensionless_files_are_sniffed_by_their_first_instruction()
    {
        FileClassifier.Classify("images/base", () => "# syntax=docker/dockerfile:1\nARG V=1\nFROM alpine:3.19\n").Should().Be(FileKind.Dockerfile);
        FileClassifier.Classify("scripts/run", () => "#!/bin/sh\necho FROM here\n").Should().Be(FileKind.Unknown);
        FileClassifier.Classify("notes.txt", () => "FROM alpine\n").Should().Be(FileKind.Unknown);
    }
}
