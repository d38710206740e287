using System;
using System.Collections.Generic;

namespace OpsTower.Policy.Reporting.Sarif;

/// <summary>What a SARIF log says about the tool and the run besides the scan result itself.</summary>
public sealed class SarifOptions
{
    public SarifOptions(string toolVersion)
    {
        if (string.IsNullOrWhiteSpace(toolVersion)) throw new ArgumentException("The tool version is required.", nameof(toolVersion));
        ToolVersion = toolVersion;
    }

    /// <summary>The tool's SemVer 2.0 version (SARIF <c>version</c> and <c>semanticVersion</c>).</summary>
    public string ToolVersion { get; }

    /// <summary>
    /// GitHub's analysis category (SARIF <c>automationDetails.id</c>, written with GitHub's trailing <c>/</c>): uploads with
    /// different categories for the same commit are kept side by side instead of replacing each other.
    /// </summary>
    public string? Category { get; init; }

    public string InformationUri { get; init; } = "https://github.com/opstower/opstower-policy";

    /// <summary>The command line the scan ran with (SARIF <c>invocation.arguments</c>); left out when null.</summary>
    public IReadOnlyList<string>? CommandLineArguments { get; init; }
}
