using System;
using System.Collections.Generic;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Formats.Coverage;

public enum CoverageTool
{
    Jest,
    Codecov,
    Coverlet,
    Pytest,
}

/// <summary>
/// One minimum coverage a tool enforces, in percent, with the span of its number. <see cref="Metric"/> is the tool's
/// word: jest's branches/functions/lines/statements, codecov's status name (<c>project/default</c>), coverlet's
/// line/branch/method or total, pytest's total.
/// </summary>
public sealed record CoverageThreshold(CoverageTool Tool, string Metric, double Percent, TextSpan Span)
{
    /// <summary>A Codecov status marked <c>informational: true</c>: reported, never failing.</summary>
    public bool Informational { get; init; }

    /// <summary>The <c>informational</c> value's span, when set.</summary>
    public TextSpan? InformationalSpan { get; init; }
}

/// <summary>A file that configures coverage thresholds: jest config, package.json, codecov.yml, an MSBuild file, a Python test config.</summary>
public sealed class CoverageConfig
{
    public CoverageConfig(SourceFile file, CoverageTool tool, IReadOnlyList<CoverageThreshold> thresholds, IReadOnlyList<ParseDiagnostic> diagnostics)
    {
        File = file;
        Tool = tool;
        Thresholds = thresholds;
        Diagnostics = diagnostics;
    }

    public SourceFile File { get; }
    public CoverageTool Tool { get; }
    public IReadOnlyList<CoverageThreshold> Thresholds { get; }
    public IReadOnlyList<ParseDiagnostic> Diagnostics { get; }

    /// <summary>For package.json: the file has a <c>jest</c> section (so jest reads its config from here).</summary>
    public bool HasJestSection { get; init; }

    /// <summary>For an MSBuild file: it references <c>coverlet.collector</c> (the VSTest collector) and not <c>coverlet.msbuild</c>.</summary>
    public TextSpan? CoverletCollectorOnly { get; init; }

    /// <summary>The folder the file is in ('/' separated, "" at the root).</summary>
    public string Directory
    {
        get
        {
            int slash = File.Path.LastIndexOf('/');
            return slash < 0 ? "" : File.Path.Substring(0, slash);
        }
    }

    public static CoverageConfig Empty(SourceFile file, CoverageTool tool) => new(file, tool, Array.Empty<CoverageThreshold>(), Array.Empty<ParseDiagnostic>());
}
