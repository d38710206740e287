using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using OpsTower.Policy.Engine;

namespace OpsTower.Policy.Analyzers.Tests.Testing;

/// <summary>Analyzer tests with Microsoft.CodeAnalysis.CSharp.Analyzer.Testing: files go in <c>TestState.AdditionalFiles</c>.</summary>
public static class Verify
{
    public const string Root = "/repo";

    /// <param name="onlyRules">The engine rules whose diagnostics the test checks; the others are disabled. Null checks all.</param>
    /// <param name="properties">More build properties (without the build_property. prefix).</param>
    public static CSharpAnalyzerTest<PolicyAnalyzer, DefaultVerifier> Test(IEnumerable<string>? onlyRules = null, IReadOnlyDictionary<string, string>? properties = null)
    {
        var test = new CSharpAnalyzerTest<PolicyAnalyzer, DefaultVerifier>
        {
            TestCode = "class C { }",
            // No reference package to download: the running runtime's core library is enough for `class C { }`.
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
        };
        test.TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(object).Assembly.Location));

        var config = new System.Text.StringBuilder("is_global = true\n");
        config.Append("build_property.OpsTowerPolicyRoot = ").Append(Root).Append('\n');
        foreach (var pair in properties ?? new Dictionary<string, string>())
            config.Append("build_property.").Append(pair.Key).Append(" = ").Append(pair.Value).Append('\n');
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", config.ToString()));

        if (onlyRules is not null)
        {
            var keep = new HashSet<string>(onlyRules, StringComparer.Ordinal);
            test.DisabledDiagnostics.AddRange(RuleCatalog.BuiltIn.Rules.Select(r => r.Descriptor.Id).Where(id => !keep.Contains(id)));
        }
        return test;
    }

    public static string InRoot(string relativePath) => Root + "/" + relativePath;

    public static DiagnosticResult Diagnostic(string id, DiagnosticSeverity severity) => new(id, severity);
}
