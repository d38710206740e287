using System.Text.Json;
using Microsoft.CodeAnalysis;
using OpsTower.Policy.Engine;
using OpsTower.Policy.Reporting.Sarif;
using SourceFile = OpsTower.Policy.Text.SourceFile;
using DiagnosticSeverity = Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace OpsTower.Policy.Analyzers.Tests;

/// <summary>Each engine rule's DiagnosticDescriptor says what the SARIF reportingDescriptor says.</summary>
public class DescriptorTests
{
    [Fact]
    public void Supported_diagnostics_are_every_engine_rule_and_the_analyzers_two()
    {
        new PolicyAnalyzer().SupportedDiagnostics.Select(d => d.Id).Should().Equal(
            new[] { "OTP0001", "OTP0002" }.Concat(RuleCatalog.BuiltIn.Rules.Select(r => r.Descriptor.Id)));
    }

    [Fact]
    public void Descriptors_match_the_sarif_rules()
    {
        var rules = RuleCatalog.BuiltIn.Rules.Select(r => r.Descriptor).ToList();
        string json = SarifWriter.ToJson(new ScanResult("", Array.Empty<SourceFile>(), rules, Array.Empty<OpsTower.Policy.Rules.Finding>(), Array.Empty<ScanNotification>()), new SarifOptions("0.1.0"));
        using var sarif = JsonDocument.Parse(json);
        var sarifRules = sarif.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules")
            .EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!);
        var descriptors = new PolicyAnalyzer().SupportedDiagnostics.Where(d => !d.Id.StartsWith("OTP000", StringComparison.Ordinal)).ToList();

        descriptors.Should().HaveCount(sarifRules.Count);
        foreach (var descriptor in descriptors)
        {
            var rule = sarifRules[descriptor.Id];
            descriptor.Title.ToString().Should().Be(rule.GetProperty("shortDescription").GetProperty("text").GetString());
            descriptor.Description.ToString().Should().Be(rule.GetProperty("fullDescription").GetProperty("text").GetString());
            descriptor.HelpLinkUri.Should().Be(rule.GetProperty("helpUri").GetString());
            string level = rule.GetProperty("defaultConfiguration").GetProperty("level").GetString()!;
            descriptor.DefaultSeverity.Should().Be(level switch
            {
                "error" => DiagnosticSeverity.Error,
                "warning" => DiagnosticSeverity.Warning,
                "note" => DiagnosticSeverity.Info,
                _ => DiagnosticSeverity.Hidden,
            }, descriptor.Id);
            descriptor.CustomTags.Where(t => t != "CompilationEnd").Should().Equal(rule.GetProperty("properties").GetProperty("tags").EnumerateArray().Select(t => t.GetString()), descriptor.Id);
            descriptor.Category.Should().Be(RuleCatalog.BuiltIn.Find(descriptor.Id)!.Descriptor.Category);
            descriptor.IsEnabledByDefault.Should().BeTrue("the policy, not the compiler, decides which rules run");
        }
    }

    [Fact]
    public void The_packages_default_globalconfig_ranks_lowest_and_leaves_rule_levels_to_the_policy()
    {
        string path = Testing.RepositoryPaths.InRepository("analyzers/OpsTower.Policy.Analyzers.Package/build/OpsTower.Policy.Analyzers.globalconfig");
        var lines = File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        lines.Should().Contain("is_global = true").And.Contain("global_level = -1");
        lines.Where(l => l.StartsWith("dotnet_diagnostic.", StringComparison.Ordinal))
            .Should().OnlyContain(l => l.StartsWith("dotnet_diagnostic.OTP000", StringComparison.Ordinal),
                "a severity line for an engine rule would override the level the policy gives it");
    }
}
