using System;
using System.Collections.Generic;
using OpsTower.Policy.Engine.Discovery;

namespace OpsTower.Policy.Engine;

public sealed class ScanOptions
{
    /// <summary>The folder reported paths are relative to; the current folder when null.</summary>
    public string? RootDirectory { get; init; }

    /// <summary>Files and folders to scan, absolute or relative to the current folder; the root itself when empty.</summary>
    public IReadOnlyList<string> Paths { get; init; } = Array.Empty<string>();

    public DiscoveryOptions Discovery { get; init; } = new();

    /// <summary>Parallel file workers; results are the same for any value.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Files larger than this are skipped with a notification.</summary>
    public long MaxFileBytes { get; init; } = 8 * 1024 * 1024;
}
