using Microsoft.CodeAnalysis;
using OpsTower.Policy.Analyzers.Tests.Testing;

namespace OpsTower.Policy.Analyzers.Tests;

[CollectionDefinition(nameof(CacheCollection), DisableParallelization = true)]
public sealed class CacheCollection
{
}

/// <summary>Analyses are cached by policy, path and text checksum: editing one file re-analyses that file only.</summary>
[Collection(nameof(CacheCollection))]
public class CacheTests
{
    private static readonly Dictionary<string, string> Options = new() { ["build_property.OpsTowerPolicyRoot"] = "/repo" };

    [Fact]
    public async Task Editing_one_file_reanalyses_only_that_file()
    {
        var a = new InMemoryAdditionalText("/repo/a/Dockerfile", "FROM alpine:3.20\nUSER root\n");
        var b = new InMemoryAdditionalText("/repo/b/Dockerfile", "FROM alpine:3.20\nUSER 10001\n");
        var c = new InMemoryAdditionalText("/repo/c/Dockerfile", "FROM alpine:latest\n");
        FileAnalysisCache.Clear();

        var first = await AnalyzerRunner.RunAsync(new PolicyAnalyzer(), new AdditionalText[] { a, b, c }, Options);
        FileAnalysisCache.Misses.Should().Be(3);
        // The compilation-end pass of the repository rules reads the same analyses from the cache.
        long hitsAfterFirst = FileAnalysisCache.Hits;

        // The same texts again, as new objects (a new compilation, or the next build in the compiler server).
        var again = await AnalyzerRunner.RunAsync(new PolicyAnalyzer(), new AdditionalText[]
        {
            new InMemoryAdditionalText(a.Path, a.GetText().ToString()), b, c,
        }, Options);
        FileAnalysisCache.Misses.Should().Be(3, "unchanged texts are not parsed again");
        FileAnalysisCache.Hits.Should().BeGreaterThanOrEqualTo(hitsAfterFirst + 3);
        again.Select(d => d.ToString()).Should().BeEquivalentTo(first.Select(d => d.ToString()));

        var edited = new InMemoryAdditionalText(a.Path, "FROM alpine:3.20\nUSER app\n");
        var afterEdit = await AnalyzerRunner.RunAsync(new PolicyAnalyzer(), new AdditionalText[] { edited, b, c }, Options);
        FileAnalysisCache.Misses.Should().Be(4, "only the edited file is parsed again");
        FileAnalysisCache.Hits.Should().BeGreaterThan(hitsAfterFirst + 3);
        afterEdit.Should().NotContain(d => d.Id == "OTP1001" && d.Location.GetLineSpan().Path == a.Path);
        first.Should().Contain(d => d.Id == "OTP1001" && d.Location.GetLineSpan().Path == a.Path);
    }

    [Fact]
    public async Task A_different_policy_does_not_reuse_another_policys_analyses()
    {
        var a = new InMemoryAdditionalText("/repo/Dockerfile", "FROM alpine:3.20\nUSER root\n");
        FileAnalysisCache.Clear();
        var baseline = await AnalyzerRunner.RunAsync(new PolicyAnalyzer(), new AdditionalText[] { a }, Options);
        var off = await AnalyzerRunner.RunAsync(new PolicyAnalyzer(), new AdditionalText[] { a }, new Dictionary<string, string>(Options)
        {
            ["build_property.OpsTowerPolicyAnalyzerParameters"] = "OTP1001=off",
        });
        baseline.Should().Contain(d => d.Id == "OTP1001");
        off.Should().NotContain(d => d.Id == "OTP1001");
        FileAnalysisCache.Misses.Should().Be(2);
    }
}
