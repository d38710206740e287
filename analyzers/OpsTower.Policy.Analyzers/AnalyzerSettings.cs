using System;
using Microsoft.CodeAnalysis.Diagnostics;

namespace OpsTower.Policy.Analyzers;

/// <summary>
/// What the build tells the analyzer, through <c>CompilerVisibleProperty</c> items that the package's targets declare
/// (they reach the analyzer as <c>build_property.NAME</c> global options).
/// </summary>
internal sealed class AnalyzerSettings
{
    /// <summary>The folder paths are reported relative to (rules that look at paths, such as <c>.github/workflows/</c>, see these paths).</summary>
    public const string RootProperty = "build_property.OpsTowerPolicyRoot";

    /// <summary>The full path of the policy file laid over the baseline (the targets also add it to AdditionalFiles).</summary>
    public const string PolicyFileProperty = "build_property.OpsTowerPolicyFile";

    /// <summary><c>OpsTowerPolicyParameters</c> with its ';' separators turned into '|' (an .editorconfig value ends at ';').</summary>
    public const string ParametersProperty = "build_property.OpsTowerPolicyAnalyzerParameters";

    /// <summary>Files larger than this are not analysed (the CLI's default limit).</summary>
    public const int MaxFileChars = 8 * 1024 * 1024;

    public AnalyzerSettings(string? root, string? policyFile, string? parameters)
    {
        Root = string.IsNullOrWhiteSpace(root) ? null : NormalizePath(root!.Trim()).TrimEnd('/');
        PolicyFile = string.IsNullOrWhiteSpace(policyFile) ? null : NormalizePath(policyFile!.Trim());
        Parameters = parameters?.Trim() ?? "";
    }

    public string? Root { get; }
    public string? PolicyFile { get; }
    public string Parameters { get; }

    public static AnalyzerSettings From(AnalyzerConfigOptions globalOptions) => new(
        globalOptions.TryGetValue(RootProperty, out var root) ? root : null,
        globalOptions.TryGetValue(PolicyFileProperty, out var policy) ? policy : null,
        globalOptions.TryGetValue(ParametersProperty, out var parameters) ? parameters : null);

    /// <summary>The path the engine sees: relative to <see cref="Root"/> with '/' separators, or the whole path when the file is elsewhere.</summary>
    public string RelativePath(string path)
    {
        string normalized = NormalizePath(path);
        if (Root is null || Root.Length == 0) return normalized.TrimStart('/');
        var comparison = IsWindowsPath(normalized) ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        if (normalized.Length > Root.Length + 1 && normalized.StartsWith(Root, comparison) && normalized[Root.Length] == '/')
            return normalized.Substring(Root.Length + 1);
        return normalized;
    }

    public bool IsPolicyFile(string path)
    {
        if (PolicyFile is null) return false;
        string normalized = NormalizePath(path);
        return string.Equals(normalized, PolicyFile, IsWindowsPath(normalized) ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }

    internal static string NormalizePath(string path)
    {
        string p = path.Replace('\\', '/');
        // Collapse "/./" and duplicate separators, which MSBuild sometimes leaves in item paths.
        while (p.Contains("/./")) p = p.Replace("/./", "/");
        while (p.Length > 1 && p.IndexOf("//", 1, StringComparison.Ordinal) > 0) p = p.Substring(0, 1) + p.Substring(1).Replace("//", "/");
        return p;
    }

    private static bool IsWindowsPath(string path) => path.Length > 1 && path[1] == ':';
}
