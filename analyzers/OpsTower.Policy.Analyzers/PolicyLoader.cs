using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using OpsTower.Policy.Engine;
using OpsTower.Policy.Policies;
using OpsTower.Policy.Rules;

namespace OpsTower.Policy.Analyzers;

/// <summary>The engine for one policy, or why there is none.</summary>
internal sealed class LoadedPolicy
{
    public LoadedPolicy(string key, PolicyEngine? engine, string? error, string? errorFile, int errorLine, int errorColumn, PolicyEngine? repositoryEngine = null)
    {
        Key = key;
        Engine = engine;
        RepositoryEngine = repositoryEngine;
        Error = error;
        ErrorFile = errorFile;
        ErrorLine = errorLine;
        ErrorColumn = errorColumn;
    }

    /// <summary>Identifies the policy (file, content and parameters): part of every cache key.</summary>
    public string Key { get; }

    public PolicyEngine? Engine { get; }

    /// <summary>
    /// The same policy with only the repository rules, for the compilation-end action, so that it does not run the
    /// per-file rules a second time; null when the catalog has no repository rule.
    /// </summary>
    public PolicyEngine? RepositoryEngine { get; }

    public string? Error { get; }

    /// <summary>The additional file's path the error is located in (the policy file), or null.</summary>
    public string? ErrorFile { get; }

    /// <summary>1-based; 0 when the error has no position.</summary>
    public int ErrorLine { get; }

    public int ErrorColumn { get; }
}

/// <summary>
/// Builds the engine from the baseline, the policy file and the MSBuild parameters, once per distinct policy:
/// a build, or an IDE session that keeps the same policy, reuses one engine for every compilation.
/// </summary>
internal static class PolicyLoader
{
    private const int MaxEngines = 16;
    private static readonly ConcurrentDictionary<string, LoadedPolicy> Engines = new(StringComparer.Ordinal);

    /// <param name="settings">The build's settings.</param>
    /// <param name="catalog">The rules the engine runs.</param>
    /// <param name="policyFile">The policy file's additional text, or null when none is configured or it was not found.</param>
    /// <param name="policyText">Its text.</param>
    internal static LoadedPolicy Load(AnalyzerSettings settings, PolicyDiagnostics.Catalog catalog, AdditionalText? policyFile, SourceText? policyText)
    {
        if (settings.PolicyFile is not null && (policyFile is null || policyText is null))
        {
            return new LoadedPolicy("missing:" + settings.PolicyFile, null,
                $"The policy file '{settings.PolicyFile}' (OpsTowerPolicyFile) does not exist or is not among the project's AdditionalFiles.", null, 0, 0);
        }

        string checksum = policyText is null ? "" : Checksums.Of(policyText);
        string key = string.Join("\n", catalog.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), settings.PolicyFile ?? "", checksum, settings.Parameters);
        if (Engines.TryGetValue(key, out var cached)) return cached;
        if (Engines.Count >= MaxEngines) Engines.Clear();
        return Engines.GetOrAdd(key, k => Create(k, settings, catalog.Rules, policyFile, policyText));
    }

    private static LoadedPolicy Create(string key, AnalyzerSettings settings, RuleCatalog rules, AdditionalText? policyFile, SourceText? policyText)
    {
        string sourceName = policyFile is null ? "" : settings.RelativePath(policyFile.Path);
        try
        {
            var policy = PolicyPack.Baseline;
            if (policyText is not null) policy = policy.Overlay(PolicyPack.Parse(policyText.ToString(), sourceName));
            if (settings.Parameters.Length > 0) policy = policy.Overlay(ParseParameters(settings.Parameters));
            var repositoryRules = rules.Rules.Where(PolicyDiagnostics.IsRepositoryRule).ToList();
            var repositoryEngine = repositoryRules.Count == 0 ? null : new PolicyEngine(policy, new RuleCatalog(repositoryRules));
            return new LoadedPolicy(key, new PolicyEngine(policy, rules), null, null, 0, 0, repositoryEngine);
        }
        catch (PolicyException e)
        {
            // A position is one in the policy file: the only other YAML parsed here is the engine's embedded baseline.
            return policyFile is not null && e.Line is { } line && e.Column is { } column
                ? new LoadedPolicy(key, null, e.Message, policyFile.Path, line, column)
                : new LoadedPolicy(key, null, e.Message, policyFile?.Path, 0, 0);
        }
    }

    /// <summary>
    /// <c>OpsTowerPolicyParameters</c>: entries separated by '|' (the targets turn MSBuild's ';' into '|'), each
    /// <c>RULE=LEVEL</c> (error, warning, note, none or off) or <c>RULE.parameter=value</c>, where a value with commas is a list.
    /// </summary>
    internal static PolicyPack ParseParameters(string text)
    {
        var levels = new Dictionary<string, (bool? Enabled, FindingLevel? Level)>(StringComparer.Ordinal);
        var parameters = new Dictionary<string, Dictionary<string, object?>>(StringComparer.Ordinal);
        foreach (string rawEntry in text.Split('|', ';', '\n'))
        {
            string entry = rawEntry.Trim();
            if (entry.Length == 0) continue;
            int equals = entry.IndexOf('=');
            if (equals <= 0) throw new PolicyException($"OpsTowerPolicyParameters: '{entry}' is not RULE=LEVEL or RULE.parameter=value.");
            string name = entry.Substring(0, equals).Trim();
            string value = entry.Substring(equals + 1).Trim();
            int dot = name.IndexOf('.');
            if (dot < 0)
            {
                if (value is "off" or "false") levels[name] = (false, null);
                else if (FindingLevels.TryParse(value, out var level)) levels[name] = (true, level);
                else throw new PolicyException($"OpsTowerPolicyParameters: '{value}' is not a level (error, warning, note, none) or 'off' for {name}.");
                continue;
            }
            string rule = name.Substring(0, dot);
            string parameter = name.Substring(dot + 1);
            if (rule.Length == 0 || parameter.Length == 0) throw new PolicyException($"OpsTowerPolicyParameters: '{entry}' is not RULE.parameter=value.");
            if (!parameters.TryGetValue(rule, out var values)) parameters[rule] = values = new Dictionary<string, object?>(StringComparer.Ordinal);
            values[parameter] = value.IndexOf(',') >= 0
                ? value.Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).ToArray()
                : value;
        }

        var rules = new Dictionary<string, RulePolicy>(StringComparer.Ordinal);
        foreach (string id in levels.Keys.Concat(parameters.Keys).Distinct(StringComparer.Ordinal))
        {
            levels.TryGetValue(id, out var level);
            var values = parameters.TryGetValue(id, out var p) ? new RuleParameters(p) : RuleParameters.Empty;
            rules[id] = new RulePolicy(level.Enabled, level.Level, values);
        }
        return new PolicyPack("msbuild", "OpsTowerPolicyParameters", rules);
    }
}
