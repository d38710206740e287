using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using OpsTower.Policy.Formats.Dockerfile;
using OpsTower.Policy.Text;
using Xunit.Abstractions;

using OpsTower.Policy.Tests.Testing;

namespace OpsTower.Policy.Tests.Formats.Dockerfile;

/// <summary>
/// Conformance with BuildKit's own parser corpus (frontend/dockerfile/parser/testfiles*). The corpus is not part of
/// this repository: it is looked for in a <c>shared/corpus/buildkit-parser</c> folder beside the repository root.
/// xunit 2 has no dynamic skip, so when the corpus is absent each theory gets one sentinel case that writes why
/// and passes; our own DockerfileParserTests cover the same behaviour without the corpus.
/// </summary>
public sealed class BuildKitCorpusTests
{
    private const string CorpusMissing = "(corpus not found)";
    private readonly ITestOutputHelper _output;

    public BuildKitCorpusTests(ITestOutputHelper output) => _output = output;

    public static IEnumerable<object[]> PositiveCases() => CaseNames("testfiles");

    public static IEnumerable<object[]> NegativeCases() => CaseNames("testfiles-negative");

    public static IEnumerable<object[]> LineCases() =>
        CorpusDirectory() is null ? new[] { new object[] { CorpusMissing } } : new[] { new object[] { "testfile-line" } };

    [Theory]
    [MemberData(nameof(PositiveCases))]
    public void Parses_like_BuildKit(string caseName)
    {
        if (ReportMissing(caseName)) return;
        string folder = Path.Combine(CorpusDirectory()!, "testfiles", caseName);
        var document = Parse(Path.Combine(folder, "Dockerfile"));

        BuildKitDump.Dump(document).Should().Be(File.ReadAllText(Path.Combine(folder, "result")));
        // BuildKit's parser accepts instructions before FROM; only its instruction layer rejects them, as we do.
        document.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && d.Message != DockerfileParser.NoBuildStageMessage)
            .Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(NegativeCases))]
    public void Rejects_like_BuildKit(string caseName)
    {
        if (ReportMissing(caseName)) return;
        var document = Parse(Path.Combine(CorpusDirectory()!, "testfiles-negative", caseName, "Dockerfile"));

        var errors = document.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        errors.Should().Contain(d => d.Message != DockerfileParser.NoBuildStageMessage, "BuildKit's parser itself rejects the file");
        errors.Should().OnlyContain(d => d.Span.End <= document.File.Text.Length);
        _output.WriteLine(string.Join(Environment.NewLine, errors.Select(e => $"{document.File.GetPositionSpan(e.Span)} {e.Message}")));
    }

    [Theory]
    [MemberData(nameof(LineCases))]
    public void Reports_line_ranges_like_BuildKit(string caseName)
    {
        if (ReportMissing(caseName)) return;
        var document = Parse(Path.Combine(CorpusDirectory()!, caseName, "Dockerfile"));

        document.Instructions.Select(i => (i.StartLine, i.EndLine)).Should().Equal((5, 5), (11, 12), (17, 31));
        document.Diagnostics.Should().BeEmpty();
    }

    private bool ReportMissing(string caseName)
    {
        if (caseName != CorpusMissing) return false;
        _output.WriteLine("BuildKit parser corpus not found (expected shared/corpus/buildkit-parser beside the repository root); nothing to check.");
        return true;
    }

    private static DockerfileDocument Parse(string path) =>
        DockerfileParser.Parse(new SourceFile("Dockerfile", File.ReadAllText(path)));

    private static IEnumerable<object[]> CaseNames(string folder)
    {
        string? corpus = CorpusDirectory();
        if (corpus is null) return new[] { new object[] { CorpusMissing } };
        return Directory.GetDirectories(Path.Combine(corpus, folder))
            .Select(Path.GetFileName)
            .OrderBy(name => name, StringComparer.Ordinal)
            .Select(name => new object[] { name! })
            .ToList();
    }

    private static string? CorpusDirectory() => RepositoryPaths.Shared("corpus/buildkit-parser/testfiles") is null
        ? null
        : RepositoryPaths.Shared("corpus/buildkit-parser");
}
