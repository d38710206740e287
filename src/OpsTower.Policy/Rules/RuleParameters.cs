using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace OpsTower.Policy.Rules;

/// <summary>
/// A rule's parameters as the policy gives them. Rules read every tunable value from here, never from constants,
/// so a team's policy can change them; a parameter the policy lacks is a policy error, reported when it loads.
/// </summary>
public sealed class RuleParameters
{
    public static readonly RuleParameters Empty = new(new Dictionary<string, object?>());

    private readonly IReadOnlyDictionary<string, object?> _values;

    /// <param name="values">Scalars are strings; lists are <see cref="IReadOnlyList{T}"/> of strings.</param>
    public RuleParameters(IReadOnlyDictionary<string, object?> values) => _values = values;

    public IEnumerable<string> Names => _values.Keys.OrderBy(k => k, StringComparer.Ordinal);

    public bool Contains(string name) => _values.ContainsKey(name);

    public object? GetRaw(string name) => _values.TryGetValue(name, out var value) ? value : null;

    public string GetString(string name) => Get(name) switch
    {
        string s => s,
        var other => throw new PolicyException($"Parameter '{name}' must be a single value, not {Describe(other)}."),
    };

    public IReadOnlyList<string> GetStringList(string name) => Get(name) switch
    {
        IReadOnlyList<string> list => list,
        string s => new[] { s },
        var other => throw new PolicyException($"Parameter '{name}' must be a list, not {Describe(other)}."),
    };

    public int GetInt(string name)
    {
        string text = GetString(name);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new PolicyException($"Parameter '{name}' must be a whole number, not '{text}'.");
    }

    public double GetDouble(string name)
    {
        string text = GetString(name);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value
            : throw new PolicyException($"Parameter '{name}' must be a number, not '{text}'.");
    }

    public bool GetBool(string name)
    {
        string text = GetString(name);
        return text.Trim().ToLowerInvariant() switch
        {
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            _ => throw new PolicyException($"Parameter '{name}' must be true or false, not '{text}'."),
        };
    }

    /// <summary>These parameters with <paramref name="overrides"/> laid over them, name by name.</summary>
    public RuleParameters With(RuleParameters overrides)
    {
        var merged = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var pair in _values) merged[pair.Key] = pair.Value;
        foreach (var pair in overrides._values) merged[pair.Key] = pair.Value;
        return new RuleParameters(merged);
    }

    private object? Get(string name) =>
        _values.TryGetValue(name, out var value) ? value : throw new PolicyException($"The policy gives no value for parameter '{name}'.");

    private static string Describe(object? value) => value switch
    {
        null => "nothing",
        IReadOnlyList<string> => "a list",
        _ => "a map",
    };
}

/// <summary>A policy file or parameter that cannot be used as it is.</summary>
public sealed class PolicyException : Exception
{
    public PolicyException(string message) : base(message) { }

    /// <summary>A problem at a position in the policy file (1-based), which the message also names.</summary>
    public PolicyException(string message, int line, int column) : base(message)
    {
        Line = line;
        Column = column;
    }

    /// <summary>The 1-based line of the problem in the policy file; null when the problem has no position.</summary>
    public int? Line { get; }

    /// <summary>The 1-based column of the problem in the policy file; null when the problem has no position.</summary>
    public int? Column { get; }
}
