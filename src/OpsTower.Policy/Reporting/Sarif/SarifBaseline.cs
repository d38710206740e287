using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using OpsTower.Policy.Engine;
using OpsTower.Policy.Rules;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Reporting.Sarif;

/// <summary>A SARIF log that cannot serve as a baseline: not JSON, not SARIF, or not written by opstower-policy.</summary>
public sealed class BaselineException : Exception
{
    public BaselineException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}

/// <summary>
/// The results of an earlier opstower-policy SARIF log, by (rule id, artifact URI, <c>primaryLocationLineHash</c>): the
/// identity GitHub code scanning gives an alert, so a finding whose lines moved still matches.
/// </summary>
public sealed class SarifBaseline
{
    private readonly HashSet<(string RuleId, string Uri, string? LineHash)> _results;

    private SarifBaseline(HashSet<(string, string, string?)> results) => _results = results;

    public int Count => _results.Count;

    public static SarifBaseline Load(string path)
    {
        string text = File.ReadAllText(path);
        try
        {
            return Parse(text, path);
        }
        catch (JsonException e)
        {
            throw new BaselineException($"{path}: not a JSON document ({e.Message}).", e);
        }
    }

    /// <summary>Reads the log's results; throws <see cref="BaselineException"/> naming <paramref name="source"/> when it is not one of ours.</summary>
    public static SarifBaseline Parse(string text, string source)
    {
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("runs", out var runs) || runs.ValueKind != JsonValueKind.Array)
            throw new BaselineException($"{source}: not a SARIF log (no 'runs' array).");

        var results = new HashSet<(string, string, string?)>();
        foreach (var run in runs.EnumerateArray())
        {
            string? tool = run.ValueKind == JsonValueKind.Object && run.TryGetProperty("tool", out var t) && t.TryGetProperty("driver", out var d) && d.TryGetProperty("name", out var n)
                ? (n.ValueKind == JsonValueKind.String ? n.GetString() : null)
                : null;
            // Another tool's rule ids and fingerprints would never match ours; saying so beats reporting everything as new.
            if (tool != SarifDriver.ToolName)
                throw new BaselineException($"{source}: a SARIF run by '{tool ?? "an unnamed tool"}', not by {SarifDriver.ToolName}.");
            if (!run.TryGetProperty("results", out var runResults)) continue;
            if (runResults.ValueKind != JsonValueKind.Array) throw new BaselineException($"{source}: 'results' is not an array.");
            int index = 0;
            foreach (var result in runResults.EnumerateArray())
            {
                results.Add(KeyOf(result, source, index));
                index++;
            }
        }
        return new SarifBaseline(results);
    }

    private static (string, string, string?) KeyOf(JsonElement result, string source, int index)
    {
        string? ruleId = result.ValueKind == JsonValueKind.Object && result.TryGetProperty("ruleId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        string? uri = result.ValueKind == JsonValueKind.Object
                      && result.TryGetProperty("locations", out var locations) && locations.ValueKind == JsonValueKind.Array && locations.GetArrayLength() > 0
                      && locations[0].ValueKind == JsonValueKind.Object
                      && locations[0].TryGetProperty("physicalLocation", out var physical) && physical.ValueKind == JsonValueKind.Object
                      && physical.TryGetProperty("artifactLocation", out var artifact) && artifact.ValueKind == JsonValueKind.Object
                      && artifact.TryGetProperty("uri", out var u) && u.ValueKind == JsonValueKind.String
            ? u.GetString()
            : null;
        if (ruleId is null || uri is null)
            throw new BaselineException($"{source}: result {index} has no ruleId or no location URI.");
        string? hash = result.TryGetProperty("partialFingerprints", out var fingerprints) && fingerprints.ValueKind == JsonValueKind.Object
                       && fingerprints.TryGetProperty("primaryLocationLineHash", out var h) && h.ValueKind == JsonValueKind.String
            ? h.GetString()
            : null;
        return (ruleId, uri, hash);
    }

    /// <summary>The result with every finding marked <see cref="BaselineState.New"/> or <see cref="BaselineState.Unchanged"/>.</summary>
    public ScanResult Compare(ScanResult result)
    {
        var hashes = new Dictionary<SourceFile, IReadOnlyList<string>>();
        var findings = result.Findings.Select(f =>
        {
            if (!hashes.TryGetValue(f.File, out var fileHashes))
            {
                fileHashes = PrimaryLocationLineHash.ComputeAll(f.File.Text);
                hashes.Add(f.File, fileHashes);
            }
            int line = f.Position.Start.Line;
            var key = (f.RuleId, SarifUris.FromRelativePath(f.File.Path), line <= fileHashes.Count ? fileHashes[line - 1] : null);
            return f.WithBaselineState(_results.Contains(key) ? BaselineState.Unchanged : BaselineState.New);
        }).ToList();
        return new ScanResult(result.RootDirectory, result.Files, result.Rules, findings, result.Notifications, comparedWithBaseline: true);
    }
}
