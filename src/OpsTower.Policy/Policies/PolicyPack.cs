using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using OpsTower.Policy.Rules;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OpsTower.Policy.Policies;

/// <summary>What a policy says about one rule.</summary>
public sealed class RulePolicy
{
    public RulePolicy(bool? enabled, FindingLevel? level, RuleParameters parameters)
    {
        Enabled = enabled;
        Level = level;
        Parameters = parameters;
    }

    /// <summary>Null when the policy does not say (the layer below decides).</summary>
    public bool? Enabled { get; }

    /// <summary>Null keeps the rule's default level.</summary>
    public FindingLevel? Level { get; }

    public RuleParameters Parameters { get; }

    internal RulePolicy Overlay(RulePolicy over) =>
        new(over.Enabled ?? Enabled, over.Level ?? Level, Parameters.With(over.Parameters));
}

/// <summary>
/// A policy: which rules run, at which level, with which parameters. The baseline (policies/baseline/baseline.yaml,
/// embedded in the engine) is the bottom layer; a team's policy is laid over it with <see cref="Overlay"/>.
/// </summary>
public sealed class PolicyPack
{
    private const string BaselineResource = "OpsTower.Policy.Policies.baseline.baseline.yaml";
    private static readonly Lazy<PolicyPack> LazyBaseline = new(LoadBaselineFromResource);

    private readonly IReadOnlyDictionary<string, RulePolicy> _rules;

    public PolicyPack(string name, string description, IReadOnlyDictionary<string, RulePolicy> rules)
    {
        Name = name;
        Description = description;
        _rules = rules;
    }

    public string Name { get; }
    public string Description { get; }

    /// <summary>The ids the policy mentions, sorted.</summary>
    public IEnumerable<string> RuleIds => _rules.Keys.OrderBy(k => k, StringComparer.Ordinal);

    /// <summary>The baseline shipped with the engine, from the Ops Tower DevOps specification.</summary>
    public static PolicyPack Baseline => LazyBaseline.Value;

    public RulePolicy? GetRule(string id) => _rules.TryGetValue(id, out var rule) ? rule : null;

    /// <summary>Whether the rule runs: the policy says so, or the rule is on by default (a level other than none).</summary>
    public bool IsEnabled(RuleDescriptor rule) =>
        (GetRule(rule.Id)?.Enabled ?? true) && EffectiveLevel(rule) != FindingLevel.None;

    public FindingLevel EffectiveLevel(RuleDescriptor rule) => GetRule(rule.Id)?.Level ?? rule.DefaultLevel;

    public RuleParameters ParametersFor(RuleDescriptor rule) => GetRule(rule.Id)?.Parameters ?? RuleParameters.Empty;

    /// <summary>This policy with <paramref name="over"/> laid over it rule by rule and parameter by parameter.</summary>
    public PolicyPack Overlay(PolicyPack over)
    {
        var merged = new Dictionary<string, RulePolicy>(StringComparer.Ordinal);
        foreach (var id in RuleIds) merged[id] = _rules[id];
        foreach (var id in over.RuleIds)
        {
            var rule = over.GetRule(id)!;
            merged[id] = merged.TryGetValue(id, out var below) ? below.Overlay(rule) : rule;
        }
        return new PolicyPack(over.Name, over.Description, merged);
    }

    /// <summary>Reads a policy from YAML; <paramref name="sourceName"/> names it in error messages.</summary>
    public static PolicyPack Parse(string yaml, string sourceName)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new PolicyException($"{sourceName}({e.Start.Line},{e.Start.Column}): invalid YAML: {e.Message}", (int)e.Start.Line, (int)e.Start.Column);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new PolicyException($"{sourceName}: a policy is a YAML mapping with 'name' and 'rules'.");

        string name = Scalar(root, "name", sourceName) ?? Path.GetFileNameWithoutExtension(sourceName);
        string description = Scalar(root, "description", sourceName) ?? "";
        var rules = new Dictionary<string, RulePolicy>(StringComparer.Ordinal);
        if (Child(root, "rules") is { } rulesNode)
        {
            if (rulesNode is not YamlMappingNode rulesMap)
                throw Error(sourceName, rulesNode, "'rules' is a mapping from rule id to its settings.");
            foreach (var entry in rulesMap.Children)
            {
                string id = ((YamlScalarNode)entry.Key).Value ?? "";
                rules[id] = ParseRule(entry.Value, sourceName);
            }
        }
        return new PolicyPack(name, description, rules);
    }

    private static RulePolicy ParseRule(YamlNode node, string sourceName)
    {
        if (node is YamlScalarNode scalar)
        {
            // Short form: `OTP1001: error` or `OTP1001: off`.
            string value = scalar.Value ?? "";
            if (value is "off" or "false") return new RulePolicy(false, null, RuleParameters.Empty);
            if (FindingLevels.TryParse(value, out var shortLevel)) return new RulePolicy(true, shortLevel, RuleParameters.Empty);
            throw Error(sourceName, node, $"'{value}' is not a level (error, warning, note, none) or 'off'.");
        }
        if (node is not YamlMappingNode map) throw Error(sourceName, node, "a rule's settings are a mapping.");

        bool? enabled = null;
        if (Child(map, "enabled") is YamlScalarNode enabledNode)
            enabled = enabledNode.Value is "true" or "yes" or "on" ? true
                : enabledNode.Value is "false" or "no" or "off" ? false
                : throw Error(sourceName, enabledNode, "'enabled' is true or false.");

        FindingLevel? level = null;
        if (Child(map, "level") is YamlScalarNode levelNode)
            level = FindingLevels.TryParse(levelNode.Value, out var parsed) ? parsed
                : throw Error(sourceName, levelNode, $"'{levelNode.Value}' is not a level (error, warning, note, none).");

        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (Child(map, "parameters") is { } parametersNode)
        {
            if (parametersNode is not YamlMappingNode parametersMap)
                throw Error(sourceName, parametersNode, "'parameters' is a mapping.");
            foreach (var entry in parametersMap.Children)
            {
                string key = ((YamlScalarNode)entry.Key).Value ?? "";
                parameters[key] = entry.Value switch
                {
                    YamlScalarNode s => s.Value ?? "",
                    YamlSequenceNode seq => seq.Children.Select(c => c is YamlScalarNode cs ? cs.Value ?? ""
                        : throw Error(sourceName, c, $"parameter '{key}' lists plain values only.")).ToArray(),
                    var other => throw Error(sourceName, other, $"parameter '{key}' is a value or a list of values."),
                };
            }
        }
        return new RulePolicy(enabled, level, new RuleParameters(parameters));
    }

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string? Scalar(YamlMappingNode map, string key, string sourceName) => Child(map, key) switch
    {
        null => null,
        YamlScalarNode s => s.Value,
        var other => throw Error(sourceName, other, $"'{key}' is a plain value."),
    };

    private static PolicyException Error(string sourceName, YamlNode node, string message) =>
        new($"{sourceName}({node.Start.Line},{node.Start.Column}): {message}", (int)node.Start.Line, (int)node.Start.Column);

    private static PolicyPack LoadBaselineFromResource()
    {
        using var stream = typeof(PolicyPack).Assembly.GetManifestResourceStream(BaselineResource)
            ?? throw new InvalidOperationException($"The engine was built without its baseline policy ({BaselineResource}).");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "policies/baseline/baseline.yaml");
    }
}
