using OpsTower.Policy.Formats.Kubernetes;
#if NET8_0_OR_GREATER
using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using OpsTower.Policy.Formats.Yaml;
using OpsTower.Policy.Text;
#endif

namespace OpsTower.Policy.Rules.Kubernetes;

/// <summary>
/// Fields of known kinds are checked against the Kubernetes client's models: an unknown (mistyped or misplaced) key,
/// or a value of the wrong YAML type, usually means a security setting silently does not apply.
/// </summary>
public sealed class KnownFieldsRule : FileRule<KubernetesFile>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP2022",
        name: "KnownFields",
        title: "Fields of known Kubernetes kinds are spelled, placed and typed as the API defines them.",
        description: "Each object of a built-in kind (apps/v1 Deployment, v1 Pod, batch/v1 CronJob…) is walked against the Kubernetes API's own object model: a key that is not a field where it is written (a typo such as securityContex, or runAsNonRoot placed directly under a container) is reported at the key, with the closest field name when one is near; a value whose YAML type cannot be the field's type (a quoted \"true\" where a boolean is expected, a word where a number is expected, a mapping where a scalar is expected) is reported at the value. Custom resources and unknown kinds are skipped. The check needs the .NET 8+ engine (the CLI and the library); the netstandard2.0 build used by the Roslyn analyzer reports nothing for it.",
        defaultLevel: FindingLevel.Error,
        securitySeverity: 6.0,
        category: "Kubernetes",
        tags: new[] { "security", "kubernetes", "correctness", "schema" },
        helpMarkdown: """
            ## Why
            A mistyped or misplaced field is easy to miss in review: `securityContex:` or `runAsNonRoot` written
            directly under a container looks like a hardening setting but is not one. Depending on how the manifest is
            applied (client-side apply, older clusters, `--validate=false`, some GitOps tools) the unknown field is
            dropped with at most a warning, so the pod runs without the setting. A value of the wrong type, such as
            `runAsNonRoot: "true"` (a string) or `replicas: three`, is rejected by the API server, which breaks the
            rollout when it is applied instead of when it is reviewed.

            The check uses the Kubernetes API's object model for built-in kinds; custom resources (CRDs) and unknown
            kinds are not checked. It runs in the .NET 8+ engine (CLI and library) only: the Roslyn analyzer's
            netstandard2.0 engine reports nothing for this rule.

            ## How to fix
            Spell the field as the API reference does (the finding suggests the closest name), put it where it belongs
            (for example `runAsNonRoot` inside a `securityContext`), and write booleans and numbers without quotes.

            ## Example
            Bad:
            ```yaml
            spec:
              securityContex:
                runAsNonRoot: "true"
              containers:
              - name: app
                image: ops-tower/user-service:1.4.2
                runAsNonRoot: true
            ```
            Good:
            ```yaml
            spec:
              securityContext:
                runAsNonRoot: true
              containers:
              - name: app
                image: ops-tower/user-service:1.4.2
                securityContext:
                  runAsNonRoot: true
            ```
            """,
        precision: "high",
        peers: new[]
        {
            new PeerRule("kubeconform", "-strict"),
            new PeerRule("kubeval", "--strict"),
            new PeerRule("kubectl", "--validate=strict"),
        });

    public override RuleDescriptor Descriptor => Definition;

#if NET8_0_OR_GREATER
    public override void Analyze(KubernetesFile file, RuleContext context)
    {
        // An aliased or merged node is walked once per use but reported once, at its own text.
        var reported = new HashSet<int>();
        foreach (var obj in file.Objects)
        {
            if (ModelFor(obj.ApiVersion, obj.Kind) is not { } type) continue;
            CheckMapping(obj.Node, ModelShape.Of(type), new Walk(obj, context, reported));
        }
    }

    private sealed record Walk(KubernetesObject Object, RuleContext Context, HashSet<int> Reported)
    {
        public void Report(TextSpan span, string message)
        {
            if (Reported.Add(span.Start)) Context.Report(span, message);
        }
    }

    private static readonly System.Reflection.Assembly Models = typeof(k8s.Models.V1Deployment).Assembly;
    private static readonly ConcurrentDictionary<(string ApiVersion, string Kind), Type?> KindTypes = new();

    /// <summary>
    /// The model type of a built-in kind, or null. Looked up by name rather than by listing the client's types: the
    /// assembly is 12 MB and listing it costs more than a whole scan of a small repository.
    /// </summary>
    internal static Type? ModelFor(string apiVersion, string kind) => KindTypes.GetOrAdd((apiVersion, kind), FindModel);

    private static Type? FindModel((string ApiVersion, string Kind) key)
    {
        int slash = key.ApiVersion.IndexOf('/');
        string group = slash < 0 ? "" : key.ApiVersion.Substring(0, slash);
        string version = key.ApiVersion.Substring(slash + 1);
        if (version.Length == 0 || key.Kind.Length == 0) return null;
        // Models are named V1Deployment, V2HorizontalPodAutoscaler, V1beta1…; a kind two groups share carries its
        // group's first label instead (Corev1Event, Eventsv1Event). The constants confirm the match either way.
        string groupLabel = group.Length == 0 ? "Core" : group.Split('.')[0];
        foreach (string name in new[]
                 {
                     char.ToUpperInvariant(version[0]) + version.Substring(1) + key.Kind,
                     char.ToUpperInvariant(groupLabel[0]) + groupLabel.Substring(1) + version + key.Kind,
                 })
        {
            var type = Models.GetType("k8s.Models." + name, throwOnError: false);
            if (type is not null
                && Constant(type, "KubeKind") == key.Kind
                && Constant(type, "KubeApiVersion") == version
                && (Constant(type, "KubeGroup") ?? "") == group)
                return type;
        }
        return null;
    }

    private static string? Constant(Type type, string name) =>
        type.GetField(name, BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly) is { IsLiteral: true } field
            ? field.GetRawConstantValue() as string
            : null;

    private static void CheckMapping(YamlMapping mapping, ModelShape shape, Walk walk)
    {
        foreach (var entry in mapping.Entries)
        {
            if (entry.Key is not YamlScalar key) continue;
            // Strategic-merge-patch directives ($patch, $setElementOrder/…, $retainKeys) are valid in Kustomize patches.
            if (key.Value.StartsWith("$", StringComparison.Ordinal)) continue;
            if (!shape.Fields.TryGetValue(key.Value, out var field))
            {
                walk.Report(key.Span, UnknownFieldMessage(key.Value, shape, walk.Object));
                continue;
            }
            CheckValue(entry.Value, field.Type, key.Value, shape, walk);
        }
    }

    private static void CheckValue(YamlNode value, Type type, string name, ModelShape owner, Walk walk)
    {
        if (value is YamlScalar { IsNull: true }) return;
        var kind = ValueKind.Of(type, out var element);
        switch (kind)
        {
            case ValueKindKind.Any:
                return;
            case ValueKindKind.Model:
                if (value is YamlMapping modelMapping) CheckMapping(modelMapping, ModelShape.Of(type), walk);
                else walk.Report(value.Span, WrongType(name, owner, "a mapping", value, walk.Object));
                return;
            case ValueKindKind.List:
                if (value is YamlSequence sequence)
                    foreach (var item in sequence.Items) CheckValue(item, element!, name, owner, walk);
                else walk.Report(value.Span, WrongType(name, owner, "a list", value, walk.Object));
                return;
            case ValueKindKind.Map:
                if (value is YamlMapping map)
                    foreach (var entry in map.Entries) CheckValue(entry.Value, element!, name, owner, walk);
                else walk.Report(value.Span, WrongType(name, owner, "a mapping", value, walk.Object));
                return;
        }

        if (value is not YamlScalar scalar)
        {
            walk.Report(value.Span, WrongType(name, owner, Expected(kind), value, walk.Object));
            return;
        }
        bool ok = kind switch
        {
            ValueKindKind.Bool => scalar.AsBool() is not null,
            ValueKindKind.Integer => scalar.AsInteger() is not null,
            ValueKindKind.Number => IsPlainNumber(scalar),
            _ => true, // strings, quantities, int-or-string, dates: any scalar (YAML readers turn plain values into strings for them)
        };
        if (!ok) walk.Report(scalar.Span, WrongType(name, owner, Expected(kind), scalar, walk.Object));
    }

    private static bool IsPlainNumber(YamlScalar scalar) =>
        scalar.AsInteger() is not null
        || ((scalar.IsPlain && scalar.Tag is null || scalar.Tag == "tag:yaml.org,2002:float")
            && double.TryParse(scalar.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _));

    private static string Expected(ValueKindKind kind) => kind switch
    {
        ValueKindKind.Bool => "a boolean (true or false, unquoted)",
        ValueKindKind.Integer => "an integer (unquoted)",
        ValueKindKind.Number => "a number (unquoted)",
        _ => "a single value",
    };

    private static string WrongType(string name, ModelShape owner, string expected, YamlNode value, KubernetesObject obj)
    {
        string found = value switch
        {
            YamlMapping => "a mapping",
            YamlSequence => "a list",
            YamlScalar { IsPlain: true } s => $"'{s.Value}'",
            YamlScalar s => $"the quoted string \"{s.Value}\"",
            _ => "another kind of value",
        };
        return $"'{name}' of {owner.DisplayName} in {obj.DisplayName} expects {expected}, but the value is {found}: the API server rejects it, or the setting does not apply.";
    }

    private static string UnknownFieldMessage(string key, ModelShape shape, KubernetesObject obj)
    {
        string message = $"'{key}' is not a field of {shape.DisplayName} in {obj.DisplayName}, so Kubernetes ignores or rejects it";
        if (Closest(key, shape.Fields.Keys) is { } suggestion) return message + $": did you mean '{suggestion}'?";
        if (shape.ChildHolding(key) is { } parent) return message + $": it is a field of '{parent}', did you mean to write it under '{parent}:'?";
        return message + ".";
    }

    /// <summary>The field name nearest <paramref name="key"/> by edit distance (at most 2; a case difference counts as 0), or null.</summary>
    internal static string? Closest(string key, IEnumerable<string> names)
    {
        string? best = null;
        int bestDistance = 3;
        foreach (string name in names.OrderBy(n => n, StringComparer.Ordinal))
        {
            int distance = string.Equals(name, key, StringComparison.OrdinalIgnoreCase) ? 0 : EditDistance(key, name, bestDistance);
            if (distance < bestDistance)
            {
                best = name;
                bestDistance = distance;
            }
        }
        return bestDistance <= 2 ? best : null;
    }

    private static int EditDistance(string a, string b, int cap)
    {
        if (Math.Abs(a.Length - b.Length) >= cap) return cap;
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    private enum ValueKindKind
    {
        Any,
        Model,
        List,
        Map,
        Bool,
        Integer,
        Number,
        Scalar,
    }

    private static class ValueKind
    {
        private static readonly ConcurrentDictionary<Type, (ValueKindKind Kind, Type? Element)> Cache = new();

        public static ValueKindKind Of(Type type, out Type? element)
        {
            var (kind, found) = Cache.GetOrAdd(type, Classify);
            element = found;
            return kind;
        }

        private static (ValueKindKind, Type?) Classify(Type type)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (type == typeof(object) || type == typeof(JsonElement) || type == typeof(JsonDocument)) return (ValueKindKind.Any, null);
            if (type == typeof(bool)) return (ValueKindKind.Bool, null);
            if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(uint) || type == typeof(ulong)) return (ValueKindKind.Integer, null);
            if (type == typeof(double) || type == typeof(float) || type == typeof(decimal)) return (ValueKindKind.Number, null);
            if (type == typeof(string) || type == typeof(byte[]) || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(TimeSpan)) return (ValueKindKind.Scalar, null);
            if (type.IsEnum) return (ValueKindKind.Scalar, null);
            if (type.Name is "ResourceQuantity" or "IntOrString" or "IntstrIntOrString") return (ValueKindKind.Scalar, null);

            var dictionary = GenericInterface(type, typeof(IDictionary<,>));
            if (dictionary is not null)
                return dictionary.GetGenericArguments()[0] == typeof(string) ? (ValueKindKind.Map, dictionary.GetGenericArguments()[1]) : (ValueKindKind.Any, null);
            var list = GenericInterface(type, typeof(IList<>)) ?? GenericInterface(type, typeof(IEnumerable<>));
            if (list is not null) return (ValueKindKind.List, list.GetGenericArguments()[0]);
            if (typeof(IEnumerable).IsAssignableFrom(type)) return (ValueKindKind.Any, null);

            // A model of the API: a class whose properties name their JSON fields. Anything else (custom converters) is not checked.
            if (type.Namespace == "k8s.Models" && ModelShape.Of(type).Fields.Count > 0) return (ValueKindKind.Model, null);
            return (ValueKindKind.Any, null);
        }

        private static Type? GenericInterface(Type type, Type definition)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == definition) return type;
            return type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition);
        }
    }

    private sealed record ModelField(string Name, Type Type);

    /// <summary>The JSON fields of one model type, cached.</summary>
    private sealed class ModelShape
    {
        private static readonly ConcurrentDictionary<Type, ModelShape> Cache = new();
        private static readonly Regex VersionPrefix = new("^V[0-9]+((alpha|beta)[0-9]+)?(?=[A-Z])", RegexOptions.CultureInvariant);

        private ModelShape(Type type)
        {
            Type = type;
            DisplayName = VersionPrefix.Replace(type.Name, "");
            var fields = new Dictionary<string, ModelField>(StringComparer.Ordinal);
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.GetCustomAttribute<JsonPropertyNameAttribute>() is not { } json) continue;
                fields[json.Name] = new ModelField(json.Name, property.PropertyType);
            }
            Fields = fields;
        }

        public static ModelShape Of(Type type) => Cache.GetOrAdd(type, t => new ModelShape(t));

        public Type Type { get; }

        /// <summary>PodSpec for V1PodSpec, for messages.</summary>
        public string DisplayName { get; }

        public IReadOnlyDictionary<string, ModelField> Fields { get; }

        /// <summary>The field of this type whose own model (or list item model) has <paramref name="key"/>, for a misplaced key.</summary>
        public string? ChildHolding(string key)
        {
            foreach (var field in Fields.Values.OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                var kind = ValueKind.Of(field.Type, out var element);
                var child = kind == ValueKindKind.Model ? Nullable.GetUnderlyingType(field.Type) ?? field.Type
                    : kind == ValueKindKind.List && element is not null && ValueKind.Of(element, out _) == ValueKindKind.Model ? element
                    : null;
                if (child is not null && child != Type && Of(child).Fields.ContainsKey(key)) return field.Name;
            }
            return null;
        }
    }
#else
    /// <summary>The Kubernetes models need .NET 8+: the netstandard2.0 engine (the Roslyn analyzer) reports nothing.</summary>
    public override void Analyze(KubernetesFile file, RuleContext context)
    {
    }
#endif
}
