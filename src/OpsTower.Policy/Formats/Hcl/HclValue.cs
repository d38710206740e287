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
    private static readonly IReadOnlyDictionary<string, HclValue> NoAttributes = HclAttributeMap.Empty;

    private readonly bool _bool;
    private readonly decimal _number;
    // The string, elements or attributes, by Kind: one field for the three keeps every value 16 bytes smaller.
    private readonly object? _reference;

    private HclValue(HclValueKind kind, bool @bool = false, decimal number = 0m, string? @string = null, IReadOnlyList<HclValue>? elements = null, IReadOnlyDictionary<string, HclValue>? attributes = null)
    {
        Kind = kind;
        _bool = @bool;
        _number = number;
        _reference = (object?)@string ?? (object?)elements ?? attributes;
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

    /// <summary>A tuple that takes <paramref name="elements"/> without copying it: the caller must not change the list afterwards.</summary>
    internal static HclValue TupleOf(List<HclValue> elements) => new(HclValueKind.Tuple, elements: elements);

    /// <summary>An object; a repeated name keeps its last value.</summary>
    public static HclValue Object(IEnumerable<KeyValuePair<string, HclValue>> attributes) =>
        new(HclValueKind.Object, attributes: HclAttributeMap.Create(attributes));

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
    public string AsString() => Kind == HclValueKind.String ? String : throw WrongKind(HclValueKind.String);

    /// <summary>A tuple's elements (empty for other kinds).</summary>
    public IReadOnlyList<HclValue> Elements => _reference as IReadOnlyList<HclValue> ?? NoElements;

    /// <summary>An object's attributes sorted by name (empty for other kinds).</summary>
    public IReadOnlyDictionary<string, HclValue> Attributes => _reference as IReadOnlyDictionary<string, HclValue> ?? NoAttributes;

    private string String => (string)_reference!;

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
            case HclValueKind.String: return String == other.String;
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
        HclValueKind.String => StringComparer.Ordinal.GetHashCode(String),
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
            case HclValueKind.String: AppendQuoted(builder, String); break;
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

/// <summary>
/// An object's attributes: a sorted array searched by halves. Every object value the evaluator makes has one, and a
/// <see cref="SortedDictionary{TKey, TValue}"/> (a tree node per attribute, a stack per enumeration) was the largest
/// part of what evaluation allocated. Same contract: ordinal key order, null keys rejected.
/// </summary>
internal sealed class HclAttributeMap : IReadOnlyDictionary<string, HclValue>
{
    public static HclAttributeMap Empty { get; } = new(Array.Empty<KeyValuePair<string, HclValue>>());

    private readonly KeyValuePair<string, HclValue>[] _entries;

    private HclAttributeMap(KeyValuePair<string, HclValue>[] entries) => _entries = entries;

    /// <summary>The pairs sorted by name; a repeated name keeps its last value.</summary>
    public static HclAttributeMap Create(IEnumerable<KeyValuePair<string, HclValue>> pairs)
    {
        KeyValuePair<string, HclValue>[] entries = pairs.ToArray();
        bool sorted = true;
        for (int i = 0; i < entries.Length; i++)
        {
            if (entries[i].Key is null) throw new ArgumentNullException("key");
            if (i > 0 && string.CompareOrdinal(entries[i - 1].Key, entries[i].Key) >= 0) sorted = false;
        }
        if (entries.Length == 0) return Empty;
        if (sorted) return new HclAttributeMap(entries);
        if (entries.Length <= 16)
        {
            // Most objects are small: a stable insertion sort in place, then the last of equal names kept.
            for (int i = 1; i < entries.Length; i++)
            {
                KeyValuePair<string, HclValue> entry = entries[i];
                int j = i - 1;
                for (; j >= 0 && string.CompareOrdinal(entries[j].Key, entry.Key) > 0; j--) entries[j + 1] = entries[j];
                entries[j + 1] = entry;
            }
            int kept = 0;
            for (int i = 0; i < entries.Length; i++)
            {
                if (i + 1 < entries.Length && entries[i + 1].Key == entries[i].Key) continue;
                entries[kept++] = entries[i];
            }
            if (kept < entries.Length) Array.Resize(ref entries, kept);
            return new HclAttributeMap(entries);
        }
        return SortLarge(entries);
    }

    /// <summary>
    /// Sorts positions by (name, position), so that the last of equal names ends each run. Its own method: the
    /// comparison's closure would otherwise be allocated on every <see cref="Create"/>.
    /// </summary>
    private static HclAttributeMap SortLarge(KeyValuePair<string, HclValue>[] entries)
    {
        var order = new int[entries.Length];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(order, (a, b) =>
        {
            int byName = string.CompareOrdinal(entries[a].Key, entries[b].Key);
            return byName != 0 ? byName : a.CompareTo(b);
        });
        var result = new List<KeyValuePair<string, HclValue>>(entries.Length);
        for (int i = 0; i < order.Length; i++)
        {
            if (i + 1 < order.Length && entries[order[i + 1]].Key == entries[order[i]].Key) continue;
            result.Add(entries[order[i]]);
        }
        return new HclAttributeMap(result.ToArray());
    }

    public int Count => _entries.Length;

    public HclValue this[string key] => TryGetValue(key, out HclValue? value) ? value : throw new KeyNotFoundException($"The object has no attribute \"{key}\".");

    public IEnumerable<string> Keys => _entries.Select(e => e.Key);

    public IEnumerable<HclValue> Values => _entries.Select(e => e.Value);

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, out HclValue value)
    {
        int index = IndexOf(key);
        if (index < 0)
        {
            value = null!; // netstandard2.0's interface has no [MaybeNullWhen(false)] to say so
            return false;
        }
        value = _entries[index].Value;
        return true;
    }

    public IEnumerator<KeyValuePair<string, HclValue>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, HclValue>>)_entries).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        if (key is null) throw new ArgumentNullException(nameof(key));
        int low = 0;
        int high = _entries.Length - 1;
        while (low <= high)
        {
            int middle = low + ((high - low) >> 1);
            int comparison = string.CompareOrdinal(_entries[middle].Key, key);
            if (comparison == 0) return middle;
            if (comparison < 0) low = middle + 1;
            else high = middle - 1;
        }
        return -1;
    }
}
