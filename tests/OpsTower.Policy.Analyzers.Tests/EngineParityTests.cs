using Microsoft.CodeAnalysis;
using OpsTower.Policy.Analyzers.Tests.Testing;
using OpsTower.Policy.Engine;
using OpsTower.Policy.Rules;

namespace OpsTower.Policy.Analyzers.Tests;

/// <summary>
/// The CLI's scan (<see cref="PolicyEngine.Scan"/>: discovery, classification, parsing, rules) and the analyzer, given
/// the same folder, report the same rule ids at the same positions with the same messages and levels. Every rule
/// fixture of every format is included, so formats added to the engine are covered as their fixtures land.
/// </summary>
public class EngineParityTests
{
    public static TheoryData<string> Folders => new()
    {
        "samples/ops-tower",
        "samples/ops-tower-hardened",
        "samples/analyzer-consumer",
        "tests/OpsTower.Policy.Tests/Rules",
    };

    [Theory]
    [MemberData(nameof(Folders))]
    public async Task The_cli_scan_and_the_analyzer_report_the_same_findings(string folder)
    {
        string root = RepositoryPaths.Root;
        string folderPath = Path.Combine(root, folder);
        var scan = new PolicyEngine().Scan(new ScanOptions { RootDirectory = root, Paths = new[] { folderPath }, MaxDegreeOfParallelism = 1 });

        // The analyzer sees every file under the folder, as the package's globs would add them (and more).
        var files = Directory.EnumerateFiles(folderPath, "*", SearchOption.AllDirectories)
            .Where(p => !p.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "node_modules" or ".git"))
            .Select(p => (AdditionalText)new InMemoryAdditionalText(p, File.ReadAllText(p)))
            .ToList();
        var diagnostics = await AnalyzerRunner.RunAsync(new PolicyAnalyzer(), files,
            new Dictionary<string, string> { ["build_property.OpsTowerPolicyRoot"] = root });

        var expected = scan.Findings
            .Select(f => $"{f.File.Path}({f.Position.Start.Line},{f.Position.Start.Column},{f.Position.End.Line},{f.Position.End.Column}): {Severity(f.Level)} {f.RuleId}: {f.Message}")
            .Concat(scan.Notifications
                .Where(n => n.Level != NotificationLevel.Note && n.Path is not null)
                .Select(n => n.Position is { } p
                    ? $"{n.Path}({p.Start.Line},{p.Start.Column},{p.End.Line},{p.End.Column}): Warning OTP0001: {n.Message}"
                    : $"{n.Path}(1,1,1,1): Warning OTP0001: {n.Message}"))
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToList();
        var actual = diagnostics
            .Select(d =>
            {
                var span = d.Location.GetLineSpan();
                string path = Path.GetRelativePath(root, span.Path).Replace('\\', '/');
                return $"{path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1},{span.EndLinePosition.Line + 1},{span.EndLinePosition.Character + 1}): {d.Severity} {d.Id}: {d.GetMessage()}";
            })
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToList();

        if (!folder.EndsWith("hardened", StringComparison.Ordinal)) expected.Should().NotBeEmpty("the folder has findings to compare");
        actual.Should().Equal(expected);
    }

    private static DiagnosticSeverity Severity(FindingLevel level) => PolicyDiagnostics.ToSeverity(level);
}
