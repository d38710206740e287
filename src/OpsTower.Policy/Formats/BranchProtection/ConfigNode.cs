using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using OpsTower.Policy.Formats.Json;
using OpsTower.Policy.Formats.Yaml;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Formats.BranchProtection;

/// <summary>
/// A JSON or YAML value seen the same way, so one reader handles GitHub's protection payload whether it comes from a
/// REST export (JSON) or the settings app's <c>.github/settings.yml</c> (YAML).
/// </summary>
internal abstract class ConfigNode
{
    public abstract TextSpan Span { get; }

    /// <summary>A scalar's text (a string's value, a number's or literal's text); null for collections and null.</summary>
    public abstract string? Text { get; }

    public abstract ConfigNode? Get(string name);

    /// <summary>The span of a member's key, when this is a mapping holding it.</summary>
    public abstract TextSpan? KeySpan(string name);

    public abstract IReadOnlyList<ConfigNode> Items { get; }

    public abstract IEnumerable<(string Name, TextSpan KeySpan, ConfigNode Value)> Members { get; }

    public bool? AsBool() => Text switch
    {
        "true" or "True" => true,
        "false" or "False" => false,
        _ => null,
    };

    public int? AsInt() => int.TryParse(Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : null;

    public static ConfigNode? From(JsonNode? node) => node is null ? null : new JsonConfigNode(node);

    public static ConfigNode? From(YamlNode? node) => node is null ? null : new YamlConfigNode(node);

    private sealed class JsonConfigNode : ConfigNode
    {
        private readonly JsonNode _node;

        public JsonConfigNode(JsonNode node) => _node = node;

        public override TextSpan Span => _node.Span;
        public override string? Text => _node is JsonScalar { Kind: not JsonScalarKind.Null } s ? s.Value : null;
        public override ConfigNode? Get(string name) => From((_node as JsonObject)?.Get(name));
        public override TextSpan? KeySpan(string name) => (_node as JsonObject)?.Find(name)?.NameSpan;
        public override IReadOnlyList<ConfigNode> Items => (_node as JsonArray)?.Items.Select(i => (ConfigNode)new JsonConfigNode(i)).ToList() ?? new List<ConfigNode>();

        public override IEnumerable<(string Name, TextSpan KeySpan, ConfigNode Value)> Members =>
            (_node as JsonObject)?.Properties.Select(p => (p.Name, p.NameSpan, (ConfigNode)new JsonConfigNode(p.Value)))
            ?? Enumerable.Empty<(string, TextSpan, ConfigNode)>();
    }

    private sealed class YamlConfigNode : ConfigNode
    {
        private readonly YamlNode _node;

        public YamlConfigNode(YamlNode node) => _node = node;

        public override TextSpan Span => _node.Span;
        public override string? Text => _node is YamlScalar { IsNull: false } s ? s.Value : null;
        public override ConfigNode? Get(string name) => From((_node as YamlMapping)?.Get(name));
        public override TextSpan? KeySpan(string name) => (_node as YamlMapping)?.Find(name)?.Key.Span;
        public override IReadOnlyList<ConfigNode> Items => (_node as YamlSequence)?.Items.Select(i => (ConfigNode)new YamlConfigNode(i)).ToList() ?? new List<ConfigNode>();

        public override IEnumerable<(string Name, TextSpan KeySpan, ConfigNode Value)> Members =>
            (_node as YamlMapping)?.Entries.Where(e => e.KeyText is not null).Select(e => (e.KeyText!, e.Key.Span, (ConfigNode)new YamlConfigNode(e.Value)))
            ?? Enumerable.Empty<(string, TextSpan, ConfigNode)>();
    }
}
