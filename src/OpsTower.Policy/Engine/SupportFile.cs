using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Engine;

/// <summary>
/// A file of no format that rules may read as text (a template beside a Terraform module, a policy JSON): known by
/// path up front, read only when a rule asks for it, at most once.
/// </summary>
public sealed class SupportFile
{
    private readonly Lazy<SourceFile?> _text;

    /// <param name="read">Reads the file; null when it cannot be read or is not text.</param>
    public SupportFile(string path, Func<SourceFile?> read)
    {
        Path = path;
        _text = new Lazy<SourceFile?>(read, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Relative to the scan root, '/'-separated.</summary>
    public string Path { get; }

    /// <summary>A support file larger than this (in characters) is not read.</summary>
    public const int MaxChars = 1024 * 1024;

    /// <summary>
    /// Which paths are support files for Terraform: those under a folder that holds a <c>.tf</c> file of
    /// <paramref name="scannedPaths"/> (a module's templates and data files), in the CLI and the analyzer alike.
    /// </summary>
    public static Func<string, bool> BesideTerraformModules(IEnumerable<string> scannedPaths)
    {
        var moduleFolders = scannedPaths
            .Where(p => p.EndsWith(".tf", StringComparison.Ordinal))
            .Select(p => p.Substring(0, p.LastIndexOf('/') + 1))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return path => moduleFolders.Any(folder => path.StartsWith(folder, StringComparison.Ordinal));
    }

    /// <summary>The file when it is text a file function may read: not over <see cref="MaxChars"/>, no NUL character.</summary>
    public static SourceFile? AsText(SourceFile? file) =>
        file is not null && file.Text.Length <= MaxChars && file.Text.IndexOf('\0') < 0 ? file : null;

    /// <summary>A file already in memory.</summary>
    public static SupportFile FromText(SourceFile file) => new(file.Path, () => file);

    /// <summary>The file's text, read on first use; null when it could not be read or is not text.</summary>
    public SourceFile? Read() => _text.Value;
}
