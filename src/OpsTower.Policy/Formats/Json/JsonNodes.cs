using System;
using System.Collections.Generic;
using System.Globalization;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Formats.Json;

/// <summary>A JSON value with the span of its text (for a string, including the quotes).</summary>
public abstract class JsonNode
{
    protected JsonNode(TextSpan span) => Span = span;

    public TextSpan Span { get; internal set; }
}

public enum JsonScalarKind
{
    String,
    Number,
    True,
    False,
    Null,
}

/// <summary>A string, number, true, false or null; <see cref="Value"/> is the decoded string or the literal's text.</summary>
public sealed class JsonScalar : JsonNode
{
    public JsonScalar(JsonScalarKind kind, string value, TextSpan span) : base(span)
    {
        Kind = kind;
        Value = value;
    }

    public JsonScalarKind Kind { get; }
    public string Value { get; }

    public bool? AsBool() => Kind switch
    {
        JsonScalarKind.True => true,
        JsonScalarKind.False => false,
        _ => null,
    };

    public double? AsNumber() =>
        Kind == JsonScalarKind.Number && double.TryParse(Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) ? number : null;

    public override string ToString() => Value;
}

/// <summary>A member of an object: the name (with the span of its quoted text) and the value.</summary>
public sealed class JsonProperty
{
    public JsonProperty(string name, TextSpan nameSpan, JsonNode value)
    {
        Name = name;
        NameSpan = nameSpan;
        Value = value;
    }

    public string Name { get; }
    public TextSpan NameSpan { get; }
    public JsonNode Value { get; }
}

public sealed class JsonObject : JsonNode
{
    private readonly Dictionary<string, JsonProperty> _byName = new(StringComparer.Ordinal);

    public JsonObject(TextSpan span, IReadOnlyList<JsonProperty> properties) : base(span)
    {
        Properties = properties;
        // A repeated name keeps its last value, as JavaScript and most readers do.
        foreach (var property in properties) _byName[property.Name] = property;
    }

    /// <summary>In source order, repeats included.</summary>
    public IReadOnlyList<JsonProperty> Properties { get; }

    public JsonProperty? Find(string name) => _byName.TryGetValue(name, out var property) ? property : null;

    public JsonNode? Get(string name) => Find(name)?.Value;

    public JsonObject? GetObject(string name) => Get(name) as JsonObject;

    public JsonArray? GetArray(string name) => Get(name) as JsonArray;

    public JsonScalar? GetScalar(string name) => Get(name) as JsonScalar;

    public string? GetString(string name) => GetScalar(name) is { Kind: JsonScalarKind.String } s ? s.Value : null;
}

public sealed class JsonArray : JsonNode
{
    public JsonArray(TextSpan span, IReadOnlyList<JsonNode> items) : base(span) => Items = items;

    public IReadOnlyList<JsonNode> Items { get; }
}

/// <summary>A parsed JSON file: the root value (null when the text has none or is broken before it) and the problems found.</summary>
public sealed class JsonFile
{
    public JsonFile(SourceFile file, JsonNode? root, IReadOnlyList<ParseDiagnostic> diagnostics)
    {
        File = file;
        Root = root;
        Diagnostics = diagnostics;
    }

    public SourceFile File { get; }
    public JsonNode? Root { get; }
    public IReadOnlyList<ParseDiagnostic> Diagnostics { get; }
}
