using System;
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

    /// <summary>A file already in memory.</summary>
    public static SupportFile FromText(SourceFile file) => new(file.Path, () => file);

    /// <summary>The file's text, read on first use; null when it could not be read or is not text.</summary>
    public SourceFile? Read() => _text.Value;
}
