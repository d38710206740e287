using Microsoft.CodeAnalysis;
using OpsTower.Policy.Analyzers.Tests.Testing;
using OpsTower.Policy.Engine;
using OpsTower.Policy.Formats.Dockerfile;
using OpsTower.Policy.Rules;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Analyzers.Tests;

/// <summary>
/// Repository rules (any <see cref="Rule"/> that is not a <see cref="FileRule{TModel}"/>) run in the compilation-end
/// action, through one <see cref="PolicyEngine.Analyze"/> call over every additional file, and are reported once.
/// </summary>
public class RepositoryRuleTests
{
    /// <summary>A stand-in repository rule until the engine has real ones: reports each Dockerfile it is shown.</summary>
    private sealed class SeesEveryDockerfileRule : Rule
    {
        public static readonly RuleDescriptor Definition = new(
            "OTP5999", "SeesEveryDockerfile", "A test repository rule.", "Reports every Dockerfile of the repository.",
            FindingLevel.Warning, 1.0, "Repository", new[] { "test" }, "Test only.");

        public override RuleDescriptor Descriptor => Definition;
        public override Type ModelType => typeof(DockerfileDocument);

        public override void Analyze(object model, RuleContext context) =>
            context.Report(new OpsTower.Policy.Text.TextSpan(0, 4), "repository rule saw " + context.File.Path);
    }

    [Fact]
    public async Task Repository_findings_are_reported_once_each_at_compilation_end_in_their_file()
    {
        var analyzer = new PolicyAnalyzer(RuleCatalog.BuiltIn.With(new Rule[] { new SeesEveryDockerfileRule() }));
        var descriptor = analyzer.SupportedDiagnostics.Single(d => d.Id == "OTP5999");
        descriptor.CustomTags.Should().Contain(PolicyDiagnostics.CompilationEndTag);
        analyzer.SupportedDiagnostics.Single(d => d.Id == "OTP1001").CustomTags.Should().NotContain(PolicyDiagnostics.CompilationEndTag);

        var files = new AdditionalText[]
        {
            new InMemoryAdditionalText("/repo/a/Dockerfile", "FROM alpine:3.20\nUSER 10001\n"),
            new InMemoryAdditionalText("/repo/b/Dockerfile", "FROM alpine:3.20\nUSER 10001\n"),
            new InMemoryAdditionalText("/repo/README.md", "FROM alpine\n"),
        };
        var diagnostics = await AnalyzerRunner.RunAsync(analyzer, files, new Dictionary<string, string> { ["build_property.OpsTowerPolicyRoot"] = "/repo" });

        diagnostics.Where(d => d.Id == "OTP5999")
            .Select(d => $"{d.Location.GetLineSpan().Path}({d.Location.GetLineSpan().StartLinePosition.Line + 1},{d.Location.GetLineSpan().StartLinePosition.Character + 1}) {d.Severity} {d.GetMessage()}")
            .Should().BeEquivalentTo(
                "/repo/a/Dockerfile(1,1) Warning repository rule saw a/Dockerfile",
                "/repo/b/Dockerfile(1,1) Warning repository rule saw b/Dockerfile");
    }
}
