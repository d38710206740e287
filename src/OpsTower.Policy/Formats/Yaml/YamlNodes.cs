using System;
using System.Collections.Generic;
using System.Globalization;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Formats.Yaml;

public enum YamlScalarStyle
{
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

/// <summary>
/// A YAML node with the span of its text. An alias resolves to the very node its anchor names (shared, never
/// copied), so a file of nested aliases costs no more memory than its text; a finding inside aliased content points
/// at the anchored text, which is where the offending value is written.
/// </summary>
public abstract class YamlNode
{
    protected YamlNode(TextSpan span, string? tag, string? anchor)
    {
        Span = span;
        Tag = tag;
        Anchor = anchor;
    }

    public TextSpan Span { get; }

    /// <summary>The explicit tag (<c>!!str</c> is given as <c>tag:yaml.org,2002:str</c>), or null.</summary>
    public string? Tag { get; }

    public string? Anchor { get; }
}

public sealed class YamlScalar : YamlNode
{
    private const string CoreTagPrefix = "tag:yaml.org,2002:";

    public YamlScalar(string value, YamlScalarStyle style, TextSpan span, string? tag = null, string? anchor = null)
        : base(span, tag, anchor)
    {
        Value = value;
        Style = style;
    }

    /// <summary>The value after YAML processing (quotes, escapes and block indentation removed).</summary>
    public string Value { get; }

    public YamlScalarStyle Style { get; }

    public bool IsPlain => Style == YamlScalarStyle.Plain;

    /// <summary>A plain empty, <c>~</c> or <c>null</c>, or a value tagged <c>!!null</c>.</summary>
    public bool IsNull => Tag == CoreTagPrefix + "null"
        || (Tag is null && IsPlain && Value is "" or "~" or "null" or "Null" or "NULL");

    /// <summary>
    /// The boolean a Kubernetes (YAML 1.1) reader sees: plain <c>true/false/yes/no/on/off</c> in their usual cases,
    /// or a value tagged <c>!!bool</c>. A quoted "true" is a string, so null.
    /// </summary>
    public bool? AsBool()
    {
        if (!(IsPlain && Tag is null) && Tag != CoreTagPrefix + "bool") return null;
        return Value switch
        {
            "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "y" or "Y" or "on" or "On" or "ON" => true,
            "false" or "False" or "FALSE" or "no" or "No" or "NO" or "n" or "N" or "off" or "Off" or "OFF" => false,
            _ => null,
        };
    }

    /// <summary>A plain (or <c>!!int</c>) decimal integer, or null.</summary>
    public long? AsInteger()
    {
        if (!(IsPlain && Tag is null) && Tag != CoreTagPrefix + "int") return null;
        return long.TryParse(Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value) ? value : null;
    }

    /// <summary>
    /// The source span of <c>Value.Substring(start, length)</c> when the value is written character for character
    /// (a one-line plain scalar, or quoted without escapes); otherwise the whole scalar.
    /// </summary>
    public TextSpan ValueSpan(int start, int length)
    {
        if (start < 0 || length < 0 || start + length > Value.Length) throw new ArgumentOutOfRangeException(nameof(start));
        int quote = Style switch
        {
            YamlScalarStyle.Plain => 0,
            YamlScalarStyle.SingleQuoted or YamlScalarStyle.DoubleQuoted => 1,
            _ => -1,
        };
        if (quote < 0 || Span.Length != Value.Length + 2 * quote) return Span;
        return new TextSpan(Span.Start + quote + start, length);
    }

    public override string ToString() => Value;
}

/// <summary>A key and its value in a mapping.</summary>
public sealed class YamlEntry
{
    public YamlEntry(YamlNode key, YamlNode value)
    {
        Key = key;
        Value = value;
    }

    public YamlNode Key { get; }
    public YamlNode Value { get; }

    /// <summary>The key's text when it is a scalar.</summary>
    public string? KeyText => (Key as YamlScalar)?.Value;

    /// <summary>From the key to the end of the value.</summary>
    public TextSpan Span => Key.Span.Start <= Value.Span.Start ? Key.Span.Union(Value.Span) : Key.Span;
}

public sealed class YamlMapping : YamlNode
{
    /// <summary>Mappings with more entries than this get a dictionary of keys; for fewer a scan is as fast and allocates nothing.</summary>
    internal const int LinearLookupLimit = 8;

    /// <summary>Each key's position in <see cref="Entries"/> (keys are unique there); null for a small mapping.</summary>
    private readonly Dictionary<string, int>? _indexByKey;

    internal YamlMapping(TextSpan span, string? tag, string? anchor, IReadOnlyList<YamlEntry> entries, Dictionary<string, int>? indexByKey)
        : base(span, tag, anchor)
    {
        Entries = entries;
        _indexByKey = indexByKey;
    }

    /// <summary>
    /// The effective entries in source order: a repeated key keeps its last value, and entries merged with
    /// <c>&lt;&lt;: *anchor</c> follow the mapping's own entries unless a key overrides them.
    /// </summary>
    public IReadOnlyList<YamlEntry> Entries { get; }

    public YamlEntry? Find(string key) => IndexOfKey(Entries, _indexByKey, key) is int index and >= 0 ? Entries[index] : null;

    /// <summary>The position of the entry with this key text, or -1: from the index when there is one, else by a scan.</summary>
    internal static int IndexOfKey(IReadOnlyList<YamlEntry> entries, Dictionary<string, int>? indexByKey, string key)
    {
        if (indexByKey is not null) return indexByKey.TryGetValue(key, out int index) ? index : -1;
        for (int i = 0; i < entries.Count; i++)
            if (string.Equals(entries[i].KeyText, key, StringComparison.Ordinal)) return i;
        return -1;
    }

    public YamlNode? Get(string key) => Find(key)?.Value;

    /// <summary>The value when it is a scalar that is not null.</summary>
    public YamlScalar? GetScalar(string key) => Get(key) is YamlScalar { IsNull: false } scalar ? scalar : null;

    public string? GetString(string key) => GetScalar(key)?.Value;

    public YamlMapping? GetMapping(string key) => Get(key) as YamlMapping;

    public YamlSequence? GetSequence(string key) => Get(key) as YamlSequence;

    /// <summary>Follows a path of keys through nested mappings.</summary>
    public YamlNode? GetPath(params string[] keys)
    {
        YamlNode? node = this;
        foreach (string key in keys)
        {
            if (node is not YamlMapping mapping) return null;
            node = mapping.Get(key);
        }
        return node;
    }
}

public sealed class YamlSequence : YamlNode
{
    internal YamlSequence(TextSpan span, string? tag, string? anchor, IReadOnlyList<YamlNode> items)
        : base(span, tag, anchor) => Items = items;

    public IReadOnlyList<YamlNode> Items { get; }
}

/// <summary>A <c>#</c> comment; <see cref="IsInline"/> when it follows other text on its line.</summary>
public sealed record YamlComment(string Text, TextSpan Span, bool IsInline);

/// <summary>One document of a YAML stream; <see cref="Root"/> is null for an empty document or one that failed to parse.</summary>
public sealed record YamlDocument(int Index, YamlNode? Root, TextSpan Span);

/// <summary>A parsed YAML file: its documents, its comments (for suppressions), and the problems found.</summary>
public sealed class YamlFile
{
    private readonly Lazy<IReadOnlyList<YamlComment>> _comments;

    public YamlFile(SourceFile file, IReadOnlyList<YamlDocument> documents, IReadOnlyList<YamlComment> comments, IReadOnlyList<ParseDiagnostic> diagnostics)
        : this(file, documents, new Lazy<IReadOnlyList<YamlComment>>(() => comments), diagnostics)
    {
    }

    /// <param name="comments">Read on first use (the loader's comment scan is a second pass over the text).</param>
    internal YamlFile(SourceFile file, IReadOnlyList<YamlDocument> documents, Lazy<IReadOnlyList<YamlComment>> comments, IReadOnlyList<ParseDiagnostic> diagnostics)
    {
        File = file;
        Documents = documents;
        _comments = comments;
        Diagnostics = diagnostics;
    }

    public SourceFile File { get; }
    public IReadOnlyList<YamlDocument> Documents { get; }
    public IReadOnlyList<YamlComment> Comments => _comments.Value;
    public IReadOnlyList<ParseDiagnostic> Diagnostics { get; }
}
