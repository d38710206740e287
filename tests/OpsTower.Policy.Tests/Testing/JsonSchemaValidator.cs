using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace OpsTower.Policy.Tests.Testing;

/// <summary>
/// A JSON Schema validator for the keywords the SARIF 2.1.0 schema uses (it is draft-04; the same keywords mean the same
/// in draft-07): <c>$ref</c> within the document, <c>type</c> (one or several), <c>enum</c>, <c>const</c>,
/// <c>properties</c>, <c>patternProperties</c>, <c>additionalProperties</c>, <c>required</c>, <c>items</c> (one schema),
/// <c>minItems</c>, <c>maxItems</c>, <c>uniqueItems</c>, <c>minimum</c>, <c>maximum</c>, <c>minLength</c>,
/// <c>maxLength</c>, <c>pattern</c>, <c>format</c> (uri, uri-reference, date-time; others are not checked),
/// <c>allOf</c>, <c>anyOf</c>, <c>oneOf</c> and <c>not</c>. Annotations (<c>description</c>, <c>default</c>…) are ignored.
/// Any other keyword throws <see cref="NotSupportedException"/>, so a schema is never half-checked silently.
/// </summary>
public sealed class JsonSchemaValidator
{
    private static readonly HashSet<string> Annotations = new(StringComparer.Ordinal)
    {
        "$schema", "id", "$id", "title", "description", "default", "definitions", "$comment", "examples",
    };

    private readonly JsonElement _root;
    private readonly ConcurrentDictionary<string, Regex> _patterns = new(StringComparer.Ordinal);

    public JsonSchemaValidator(JsonElement root) => _root = root.Clone();

    public static JsonSchemaValidator Load(string path)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
        return new JsonSchemaValidator(document.RootElement);
    }

    /// <summary>Every violation, as "JSON pointer of the value: what is wrong"; empty when the instance is valid.</summary>
    public IReadOnlyList<string> Validate(JsonElement instance)
    {
        var errors = new List<string>();
        Validate(_root, instance, "", errors);
        return errors;
    }

    public IReadOnlyList<string> Validate(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return Validate(document.RootElement);
    }

    private void Validate(JsonElement schema, JsonElement instance, string path, List<string> errors)
    {
        if (schema.ValueKind == JsonValueKind.True) return;
        if (schema.ValueKind == JsonValueKind.False)
        {
            errors.Add($"{path}: no value is allowed here");
            return;
        }
        if (schema.ValueKind != JsonValueKind.Object) throw new NotSupportedException($"A schema must be an object or a boolean, not {schema.ValueKind}.");

        // In draft-04 and draft-07, $ref replaces the schema it appears in: its siblings are ignored.
        if (schema.TryGetProperty("$ref", out JsonElement reference))
        {
            Validate(Resolve(reference.GetString()!), instance, path, errors);
            return;
        }

        foreach (JsonProperty keyword in schema.EnumerateObject())
        {
            JsonElement value = keyword.Value;
            switch (keyword.Name)
            {
                case "type":
                    string[] types = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(t => t.GetString()!).ToArray() : new[] { value.GetString()! };
                    if (!types.Any(t => HasType(instance, t))) errors.Add($"{path}: expected {string.Join(" or ", types)}, found {Describe(instance)}");
                    break;
                case "enum":
                    if (!value.EnumerateArray().Any(option => JsonEquals(option, instance))) errors.Add($"{path}: {instance.GetRawText()} is not one of {value.GetRawText()}");
                    break;
                case "const":
                    if (!JsonEquals(value, instance)) errors.Add($"{path}: expected {value.GetRawText()}");
                    break;
                case "properties":
                    if (instance.ValueKind != JsonValueKind.Object) break;
                    foreach (JsonProperty property in value.EnumerateObject())
                    {
                        if (instance.TryGetProperty(property.Name, out JsonElement member)) Validate(property.Value, member, Pointer(path, property.Name), errors);
                    }
                    break;
                case "patternProperties":
                    if (instance.ValueKind != JsonValueKind.Object) break;
                    foreach (JsonProperty pattern in value.EnumerateObject())
                    {
                        foreach (JsonProperty member in instance.EnumerateObject().Where(m => Pattern(pattern.Name).IsMatch(m.Name)))
                        {
                            Validate(pattern.Value, member.Value, Pointer(path, member.Name), errors);
                        }
                    }
                    break;
                case "additionalProperties":
                    if (instance.ValueKind != JsonValueKind.Object) break;
                    foreach (JsonProperty member in instance.EnumerateObject().Where(m => !IsDeclared(schema, m.Name)))
                    {
                        if (value.ValueKind == JsonValueKind.False) errors.Add($"{Pointer(path, member.Name)}: property '{member.Name}' is not allowed");
                        else Validate(value, member.Value, Pointer(path, member.Name), errors);
                    }
                    break;
                case "required":
                    if (instance.ValueKind != JsonValueKind.Object) break;
                    foreach (JsonElement name in value.EnumerateArray())
                    {
                        if (!instance.TryGetProperty(name.GetString()!, out _)) errors.Add($"{path}: required property '{name.GetString()}' is missing");
                    }
                    break;
                case "items":
                    if (value.ValueKind == JsonValueKind.Array) throw new NotSupportedException("Tuple 'items' (an array of schemas) is not supported.");
                    if (instance.ValueKind != JsonValueKind.Array) break;
                    int index = 0;
                    foreach (JsonElement item in instance.EnumerateArray()) Validate(value, item, Pointer(path, (index++).ToString(CultureInfo.InvariantCulture)), errors);
                    break;
                case "minItems":
                    if (instance.ValueKind == JsonValueKind.Array && instance.GetArrayLength() < value.GetInt32()) errors.Add($"{path}: fewer than {value.GetInt32()} items");
                    break;
                case "maxItems":
                    if (instance.ValueKind == JsonValueKind.Array && instance.GetArrayLength() > value.GetInt32()) errors.Add($"{path}: more than {value.GetInt32()} items");
                    break;
                case "uniqueItems":
                    if (instance.ValueKind != JsonValueKind.Array || value.ValueKind != JsonValueKind.True) break;
                    JsonElement[] items = instance.EnumerateArray().ToArray();
                    for (int i = 0; i < items.Length; i++)
                    {
                        for (int j = i + 1; j < items.Length; j++)
                        {
                            if (JsonEquals(items[i], items[j])) errors.Add($"{path}: items {i} and {j} are equal but items must be unique");
                        }
                    }
                    break;
                case "minimum":
                    if (instance.ValueKind == JsonValueKind.Number && instance.GetDouble() < value.GetDouble()) errors.Add($"{path}: {instance.GetRawText()} is less than the minimum {value.GetRawText()}");
                    break;
                case "maximum":
                    if (instance.ValueKind == JsonValueKind.Number && instance.GetDouble() > value.GetDouble()) errors.Add($"{path}: {instance.GetRawText()} is greater than the maximum {value.GetRawText()}");
                    break;
                case "minLength":
                    if (instance.ValueKind == JsonValueKind.String && CodePoints(instance.GetString()!) < value.GetInt32()) errors.Add($"{path}: shorter than {value.GetInt32()} characters");
                    break;
                case "maxLength":
                    if (instance.ValueKind == JsonValueKind.String && CodePoints(instance.GetString()!) > value.GetInt32()) errors.Add($"{path}: longer than {value.GetInt32()} characters");
                    break;
                case "pattern":
                    if (instance.ValueKind == JsonValueKind.String && !Pattern(value.GetString()!).IsMatch(instance.GetString()!)) errors.Add($"{path}: '{instance.GetString()}' does not match /{value.GetString()}/");
                    break;
                case "format":
                    if (instance.ValueKind == JsonValueKind.String && !HasFormat(instance.GetString()!, value.GetString()!)) errors.Add($"{path}: '{instance.GetString()}' is not a valid {value.GetString()}");
                    break;
                case "allOf":
                    foreach (JsonElement subschema in value.EnumerateArray()) Validate(subschema, instance, path, errors);
                    break;
                case "anyOf":
                    if (!value.EnumerateArray().Any(subschema => IsValid(subschema, instance, path))) errors.Add($"{path}: matches none of the anyOf schemas {value.GetRawText()}");
                    break;
                case "oneOf":
                    int matches = value.EnumerateArray().Count(subschema => IsValid(subschema, instance, path));
                    if (matches != 1) errors.Add($"{path}: matches {matches} of the oneOf schemas instead of exactly one");
                    break;
                case "not":
                    if (IsValid(value, instance, path)) errors.Add($"{path}: matches a schema it must not match");
                    break;
                default:
                    if (!Annotations.Contains(keyword.Name)) throw new NotSupportedException($"The schema keyword '{keyword.Name}' is not supported.");
                    break;
            }
        }
    }

    private bool IsValid(JsonElement schema, JsonElement instance, string path)
    {
        var errors = new List<string>();
        Validate(schema, instance, path, errors);
        return errors.Count == 0;
    }

    private bool IsDeclared(JsonElement schema, string name) =>
        (schema.TryGetProperty("properties", out JsonElement properties) && properties.TryGetProperty(name, out _))
        || (schema.TryGetProperty("patternProperties", out JsonElement patterns) && patterns.EnumerateObject().Any(p => Pattern(p.Name).IsMatch(name)));

    /// <summary>A reference inside this document: "#" or a JSON pointer such as "#/definitions/run".</summary>
    private JsonElement Resolve(string reference)
    {
        if (!reference.StartsWith("#", StringComparison.Ordinal)) throw new NotSupportedException($"Only references within the schema are supported, not '{reference}'.");
        JsonElement current = _root;
        foreach (string token in reference.Substring(1).Split('/').Skip(1))
        {
            string name = Uri.UnescapeDataString(token).Replace("~1", "/").Replace("~0", "~");
            if (!current.TryGetProperty(name, out current)) throw new InvalidOperationException($"The reference '{reference}' does not resolve.");
        }
        return current;
    }

    private Regex Pattern(string pattern) => _patterns.GetOrAdd(pattern, p => new Regex(p, RegexOptions.CultureInvariant));

    private static bool HasType(JsonElement instance, string type) => type switch
    {
        "object" => instance.ValueKind == JsonValueKind.Object,
        "array" => instance.ValueKind == JsonValueKind.Array,
        "string" => instance.ValueKind == JsonValueKind.String,
        "number" => instance.ValueKind == JsonValueKind.Number,
        "integer" => instance.ValueKind == JsonValueKind.Number && IsInteger(instance),
        "boolean" => instance.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => instance.ValueKind == JsonValueKind.Null,
        _ => throw new NotSupportedException($"Unknown type '{type}'."),
    };

    private static bool IsInteger(JsonElement number) => number.TryGetInt64(out _) || Math.Floor(number.GetDouble()) == number.GetDouble();

    private static bool HasFormat(string value, string format) => format switch
    {
        // Lenient: an absolute URI is a scheme, ':' and characters a URI may hold (no spaces, no bad escapes).
        "uri" => Regex.IsMatch(value, "^[A-Za-z][A-Za-z0-9+.-]*:") && IsUriText(value),
        "uri-reference" => IsUriText(value),
        "date-time" => Regex.IsMatch(value, @"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$"),
        _ => true,
    };

    private static bool IsUriText(string value) =>
        !value.Any(c => c <= ' ' || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' || c == '`' || c == '{' || c == '|' || c == '}' || c == 0x7F)
        && !Regex.IsMatch(value, "%(?![0-9A-Fa-f]{2})");

    private static int CodePoints(string text) => text.Count(c => !char.IsLowSurrogate(c));

    private static bool JsonEquals(JsonElement a, JsonElement b)
    {
        if (a.ValueKind != b.ValueKind) return false;
        switch (a.ValueKind)
        {
            case JsonValueKind.Object:
                JsonProperty[] left = a.EnumerateObject().ToArray();
                return left.Length == b.EnumerateObject().Count()
                    && left.All(p => b.TryGetProperty(p.Name, out JsonElement other) && JsonEquals(p.Value, other));
            case JsonValueKind.Array:
                return a.GetArrayLength() == b.GetArrayLength() && a.EnumerateArray().Zip(b.EnumerateArray(), JsonEquals).All(equal => equal);
            case JsonValueKind.String:
                return a.GetString() == b.GetString();
            case JsonValueKind.Number:
                return a.GetDouble() == b.GetDouble();
            default:
                return true;
        }
    }

    private static string Pointer(string path, string token) => path + "/" + token.Replace("~", "~0").Replace("/", "~1");

    private static string Describe(JsonElement instance) => instance.ValueKind.ToString().ToLowerInvariant();
}
