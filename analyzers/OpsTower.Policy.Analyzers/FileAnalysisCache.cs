using System;
using System.Collections.Concurrent;
using System.Threading;
using OpsTower.Policy.Engine;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Analyzers;

/// <summary>
/// The engine's analysis of each file, keyed by policy, path and text checksum. Editing one file changes only its
/// key, so the other files are not parsed again; the same holds across builds in the compiler server
/// (VBCSCompiler), which keeps the analyzer loaded.
/// </summary>
internal static class FileAnalysisCache
{
    /// <summary>Enough for a large repository; past it the cache starts again (the texts it holds are the memory cost).</summary>
    internal const int MaxEntries = 4096;

    private static readonly ConcurrentDictionary<string, FileAnalysis> Entries = new(StringComparer.Ordinal);
    private static long _hits;
    private static long _misses;

    public static long Hits => Interlocked.Read(ref _hits);
    public static long Misses => Interlocked.Read(ref _misses);

    public static FileAnalysis GetOrAnalyze(LoadedPolicy policy, string relativePath, string checksum, Func<string> text, FileKind kind, bool isKustomizePatch)
    {
        string key = policy.Key + "\n" + relativePath + "\n" + checksum + (isKustomizePatch ? "\npatch" : "");
        if (Entries.TryGetValue(key, out var cached))
        {
            Interlocked.Increment(ref _hits);
            return cached;
        }
        Interlocked.Increment(ref _misses);
        var analysis = policy.Engine!.AnalyzeFile(new SourceFile(relativePath, text()), kind, isKustomizePatch);
        if (Entries.Count >= MaxEntries) Entries.Clear();
        Entries[key] = analysis;
        return analysis;
    }

    internal static void Clear()
    {
        Entries.Clear();
        Interlocked.Exchange(ref _hits, 0);
        Interlocked.Exchange(ref _misses, 0);
    }
}
