using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace OpsTower.Policy.Formats.Hcl;

public enum HclValueKind
{
    Null,

    /// <summary>Not known until apply time (or not resolvable here): operations on it stay unknown.</summary>
    Unknown,
    Bool,
    Number,
    String,
    Tuple,
    Object,
}

/// <summary>
/// A value of the HCL information model, reduced to what static analysis needs: null, unknown, bool, number
/// (<see cref="decimal"/>: 28 significant digits instead of HCL's arbitrary precision), string, tuple and object.
/// Object attributes are kept sorted by name, the order HCL iterates them in.
/// </summary>
public sealed class HclValue : IEquatable<HclValue>
{
    private static readonly IReadOnlyList<HclValue> NoElements = Array.Empty<HclValue>();
    private static readonly IReadOnlyDictionary<string, HclValue> NoAttributes = new SortedDictionary<string, HclValue>(StringComparer.Ordinal);

    private readonly bool _bool;
    private readonly decimal _number;
    private readonly string? _string;
    private readonly IReadOnlyList<HclValue>? _elements;
    private readonly IReadOnlyDictionary<string, HclValue>? _attributes;

    private HclValue(HclValueKind kind, bool @bool = false, decimal number = 0m, string? @string = null, IReadOnlyList<HclValue>? elements = null, IReadOnlyDictionary<string, HclValue>? attributes = null)
    {
        Kind = kind;
        _bool = @bool;
        _number = number;
        _string = @string;
        _elements = elements;
        _attributes = attributes;
    }

    public static HclValue Null { get; } = new(HclValueKind.Null);
    public static HclValue Unknown { get; } = new(HclValueKind.Unknown);
    public static HclValue True { get; } = new(HclValueKind.Bool, @bool: true);
    public static HclValue False { get; } = new(HclValueKind.Bool, @bool: false);
    public static HclValue EmptyTuple { get; } = new(HclValueKind.Tuple, elements: NoElements);

    public static HclValue FromBool(bool value) => value ? True : False;
    public static HclValue FromNumber(decimal value) => new(HclValueKind.Number, number: value);
    public static HclValue FromString(string value) => new(HclValueKind.String, @string: value ?? throw new ArgumentNullException(nameof(value)));
    public static HclValue Tuple(IEnumerable<HclValue> elements) => new(HclValueKind.Tuple, elements: elements.ToList());

    /// <summary>An object; a repeated name keeps its last value.</summary>
    public static HclValue Object(IEnumerable<KeyValuePair<string, HclValue>> attributes)
    {
        var sorted = new SortedDictionary<string, HclValue>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, HclValue> pair in attributes) sorted[pair.Key] = pair.Value;
        return new HclValue(HclValueKind.Object, attributes: sorted);
    }

    public HclValueKind Kind { get; }
    public bool IsNull => Kind == HclValueKind.Null;
    public bool IsKnown => Kind != HclValueKind.Unknown;

    /// <summary>Known all the way down: no unknown element or attribute anywhere inside.</summary>
    public bool IsWhollyKnown => Kind switch
    {
        HclValueKind.Unknown => false,
        HclValueKind.Tuple => Elements.All(e => e.IsWhollyKnown),
        HclValueKind.Object => Attributes.Values.All(v => v.IsWhollyKnown),
        _ => true,
    };

    public bool AsBool() => Kind == HclValueKind.Bool ? _bool : throw WrongKind(HclValueKind.Bool);
    public decimal AsNumber() => Kind == HclValueKind.Number ? _number : throw WrongKind(HclValueKind.Number);
    public string AsString() => Kind == HclValueKind.String ? _string! : throw WrongKind(HclValueKind.String);

    /// <summary>A tuple's elements (empty for other kinds).</summary>
    public IReadOnlyList<HclValue> Elements => _elements ?? NoElements;

    /// <summary>An object's attributes sorted by name (empty for other kinds).</summary>
    public IReadOnlyDictionary<string, HclValue> Attributes => _attributes ?? NoAttributes;

    private InvalidOperationException WrongKind(HclValueKind expected) => new($"The value is {Kind}, not {expected}.");

    public bool Equals(HclValue? other)
    {
        if (other is null) return false;
        if (ReferenceEquals(this, other)) return true;
        if (Kind != other.Kind) return false;
        switch (Kind)
        {
            case HclValueKind.Bool: return _bool == other._bool;
            case HclValueKind.Number: return _number == other._number;
            case HclValueKind.String: return _string == other._string;
            case HclValueKind.Tuple: return Elements.SequenceEqual(other.Elements);
            case HclValueKind.Object:
                return Attributes.Count == other.Attributes.Count
                    && Attributes.All(pair => other.Attributes.TryGetValue(pair.Key, out HclValue? value) && pair.Value.Equals(value));
            default: return true;
        }
    }

    public override bool Equals(object? obj) => obj is HclValue other && Equals(other);

    public override int GetHashCode() => Kind switch
    {
        HclValueKind.Bool => _bool.GetHashCode(),
        HclValueKind.Number => _number.GetHashCode(),
        HclValueKind.String => StringComparer.Ordinal.GetHashCode(_string!),
        HclValueKind.Tuple => Elements.Count,
        HclValueKind.Object => Attributes.Count,
        _ => (int)Kind,
    };

    /// <summary>HCL literal syntax: <c>"text"</c>, <c>1.5</c>, <c>[1, 2]</c>, <c>{ a = 1 }</c>; unknown renders as <c>(unknown)</c>.</summary>
    public string ToHclString()
    {
        var builder = new StringBuilder();
        Render(builder);
        return builder.ToString();
    }

    public override string ToString() => ToHclString();

    private void Render(StringBuilder builder)
    {
        switch (Kind)
        {
            case HclValueKind.Null: builder.Append("null"); break;
            case HclValueKind.Unknown: builder.Append("(unknown)"); break;
            case HclValueKind.Bool: builder.Append(_bool ? "true" : "false"); break;
            case HclValueKind.Number: builder.Append(FormatNumber(_number)); break;
            case HclValueKind.String: AppendQuoted(builder, _string!); break;
            case HclValueKind.Tuple:
                builder.Append('[');
                for (int i = 0; i < Elements.Count; i++)
                {
                    if (i > 0) builder.Append(", ");
                    Elements[i].Render(builder);
                }
                builder.Append(']');
                break;
            case HclValueKind.Object:
                builder.Append('{');
                bool first = true;
                foreach (KeyValuePair<string, HclValue> pair in Attributes)
                {
                    builder.Append(first ? " " : ", ");
                    first = false;
                    AppendQuoted(builder, pair.Key);
                    builder.Append(" = ");
                    pair.Value.Render(builder);
                }
                builder.Append(first ? "}" : " }");
                break;
        }
    }

    private static void AppendQuoted(StringBuilder builder, string text)
    {
        builder.Append('"');
        foreach (char c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default: builder.Append(c); break;
            }
        }
        builder.Append('"');
    }

    /// <summary>The shortest decimal text: <c>1.50</c> is <c>1.5</c>, <c>2.0</c> is <c>2</c> (as HCL converts numbers to strings).</summary>
    public static string FormatNumber(decimal value)
    {
        string text = value.ToString(CultureInfo.InvariantCulture);
        if (text.IndexOf('.') >= 0) text = text.TrimEnd('0').TrimEnd('.');
        return text == "-0" ? "0" : text;
    }
}
