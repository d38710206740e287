using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using OpsTower.Policy.Formats.Hcl;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Formats.Terraform;

/// <summary>
/// Terraform's built-in functions that static analysis can compute: collections, strings, numbers, type conversions,
/// JSON encoding, hashes, regular expressions (<see cref="TerraformRegex"/>), CIDR arithmetic
/// (<see cref="TerraformCidr"/>) and the functions that read files the evaluator was given
/// (<see cref="TerraformFileContext"/>). Functions whose result differs from run to run (<c>uuid</c>,
/// <c>timestamp</c>, <c>plantimestamp</c>, <c>bcrypt</c>'s random salt) or that reach outside the configuration
/// (provider functions) are not implemented and give unknown, as do calls whose arguments are unknown. <c>try</c>
/// and <c>can</c> need the arguments' errors, so <see cref="TerraformEvaluator"/> implements them.
/// </summary>
internal static class TerraformFunctions
{
    /// <summary>
    /// Calls a function; <paramref name="failed"/> is set when Terraform would report an error (the result is then
    /// unknown). Without <paramref name="files"/> the file functions give unknown.
    /// </summary>
    public static HclValue Call(string name, IReadOnlyList<HclValue> args, TerraformFileContext? files, out bool failed)
    {
        failed = false;
        Func<IReadOnlyList<HclValue>, HclValue?>? function;
        if (FileFunctions.TryGetValue(name, out var fileFunction))
        {
            if (files is null) return HclValue.Unknown;
            function = WithFiles(fileFunction, files);
        }
        else if (!Implemented.TryGetValue(name, out function))
        {
            return HclValue.Unknown;
        }
        try
        {
            HclValue? result = function(args);
            if (result is null)
            {
                failed = true;
                return HclValue.Unknown;
            }
            return result;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or OverflowException or IndexOutOfRangeException)
        {
            // A wrong argument kind or count: Terraform would reject the call.
            failed = true;
            return HclValue.Unknown;
        }
    }

    // Not a lambda in Call: one capturing Call's parameter made the compiler allocate its closure on every call.
    private static Func<IReadOnlyList<HclValue>, HclValue?> WithFiles(Func<IReadOnlyList<HclValue>, TerraformFileContext, HclValue?> function, TerraformFileContext files) =>
        a => function(a, files);

    /// <summary>A function returns null for an error, <see cref="HclValue.Unknown"/> when it cannot know.</summary>
    private static readonly Dictionary<string, Func<IReadOnlyList<HclValue>, HclValue?>> Implemented = new(StringComparer.Ordinal)
    {
        ["length"] = a => Known(a) ? Length(a[0]) : HclValue.Unknown,
        ["concat"] = a => Known(a) ? HclValue.Tuple(a.SelectMany(ElementsOf)) : HclValue.Unknown,
        ["merge"] = a => Known(a) ? Merge(a) : HclValue.Unknown,
        ["lookup"] = a => Known(a) ? Lookup(a) : HclValue.Unknown,
        ["coalesce"] = Coalesce,
        ["coalescelist"] = a => Known(a) ? a.FirstOrDefault(v => ElementsOf(v).Count > 0) ?? HclValue.EmptyTuple : HclValue.Unknown,
        ["compact"] = a => Wholly(a) ? HclValue.Tuple(ElementsOf(a[0]).Where(v => !v.IsNull && !(v.Kind == HclValueKind.String && v.AsString().Length == 0))) : HclValue.Unknown,
        ["contains"] = a => Wholly(a) ? HclValue.FromBool(ElementsOf(a[0]).Contains(a[1])) : HclValue.Unknown,
        ["distinct"] = a => Wholly(a) ? HclValue.Tuple(ElementsOf(a[0]).Distinct()) : HclValue.Unknown,
        ["element"] = a => Known(a) ? Element(a[0], Int(a[1])) : HclValue.Unknown,
        ["flatten"] = a => Known(a) ? Flatten(a[0]) : HclValue.Unknown,
        ["index"] = a => Wholly(a) ? IndexOf(a[0], a[1]) : HclValue.Unknown,
        ["keys"] = a => Known(a) ? HclValue.Tuple(Object(a[0]).Keys.Select(HclValue.FromString)) : HclValue.Unknown,
        ["values"] = a => Known(a) ? HclValue.Tuple(Object(a[0]).Values) : HclValue.Unknown,
        ["tolist"] = a => Known(a) ? (a[0].IsNull ? HclValue.Null : HclValue.Tuple(ElementsOf(a[0]))) : HclValue.Unknown,
        ["toset"] = a => Wholly(a) ? (a[0].IsNull ? HclValue.Null : ToSet(ElementsOf(a[0]))) : HclValue.Unknown,
        ["tomap"] = a => Known(a) ? (a[0].IsNull ? HclValue.Null : HclValue.Object(Object(a[0]))) : HclValue.Unknown,
        ["tostring"] = a => Known(a) ? ToStringValue(a[0]) : HclValue.Unknown,
        ["tonumber"] = a => Known(a) ? ToNumberValue(a[0]) : HclValue.Unknown,
        ["tobool"] = a => Known(a) ? ToBoolValue(a[0]) : HclValue.Unknown,
        ["zipmap"] = a => Wholly(a) ? ZipMap(a[0], a[1]) : HclValue.Unknown,
        ["slice"] = a => Known(a) ? Slice(a[0], Int(a[1]), Int(a[2])) : HclValue.Unknown,
        ["reverse"] = a => Known(a) ? HclValue.Tuple(ElementsOf(a[0]).Reverse()) : HclValue.Unknown,
        ["sort"] = a => Wholly(a) ? HclValue.Tuple(ElementsOf(a[0]).Select(Text).OrderBy(s => s, StringComparer.Ordinal).Select(HclValue.FromString)) : HclValue.Unknown,
        ["range"] = a => Known(a) ? Range(a) : HclValue.Unknown,
        ["setunion"] = a => Wholly(a) ? ToSet(a.SelectMany(ElementsOf)) : HclValue.Unknown,
        ["setintersection"] = a => Wholly(a) ? ToSet(ElementsOf(a[0]).Where(v => a.Skip(1).All(s => ElementsOf(s).Contains(v)))) : HclValue.Unknown,
        ["setsubtract"] = a => Wholly(a) ? ToSet(ElementsOf(a[0]).Where(v => !ElementsOf(a[1]).Contains(v))) : HclValue.Unknown,
        ["one"] = a => Known(a) ? One(a[0]) : HclValue.Unknown,
        ["alltrue"] = a => Wholly(a) ? HclValue.FromBool(ElementsOf(a[0]).All(v => Bool(v))) : HclValue.Unknown,
        ["anytrue"] = a => Wholly(a) ? HclValue.FromBool(ElementsOf(a[0]).Any(v => Bool(v))) : HclValue.Unknown,
        ["sum"] = a => Wholly(a) ? HclValue.FromNumber(ElementsOf(a[0]).Select(Number).Sum()) : HclValue.Unknown,
        ["max"] = a => Wholly(a) ? HclValue.FromNumber(Numbers(a).Max()) : HclValue.Unknown,
        ["min"] = a => Wholly(a) ? HclValue.FromNumber(Numbers(a).Min()) : HclValue.Unknown,
        ["abs"] = a => Known(a) ? HclValue.FromNumber(Math.Abs(Number(a[0]))) : HclValue.Unknown,
        ["ceil"] = a => Known(a) ? HclValue.FromNumber(Math.Ceiling(Number(a[0]))) : HclValue.Unknown,
        ["floor"] = a => Known(a) ? HclValue.FromNumber(Math.Floor(Number(a[0]))) : HclValue.Unknown,
        ["signum"] = a => Known(a) ? HclValue.FromNumber(Math.Sign(Number(a[0]))) : HclValue.Unknown,
        ["parseint"] = a => Known(a) ? HclValue.FromNumber(Convert.ToInt64(Text(a[0]), Int(a[1]))) : HclValue.Unknown,
        ["chunklist"] = a => Known(a) ? ChunkList(ElementsOf(a[0]), Int(a[1])) : HclValue.Unknown,
        ["format"] = a => Wholly(a) ? Format(Text(a[0]), a.Skip(1).ToList()) : HclValue.Unknown,
        ["formatlist"] = a => Wholly(a) ? FormatList(a) : HclValue.Unknown,
        ["join"] = a => Wholly(a) ? HclValue.FromString(string.Join(Text(a[0]), a.Skip(1).SelectMany(ElementsOf).Select(Text))) : HclValue.Unknown,
        ["split"] = a => Known(a) ? Split(Text(a[0]), Text(a[1])) : HclValue.Unknown,
        ["lower"] = a => StringFunction(a, s => s.ToLowerInvariant()),
        ["upper"] = a => StringFunction(a, s => s.ToUpperInvariant()),
        ["title"] = a => StringFunction(a, Title),
        ["trimspace"] = a => StringFunction(a, s => s.Trim()),
        ["chomp"] = a => StringFunction(a, s => s.TrimEnd('\r', '\n')),
        ["trim"] = a => Known(a) ? HclValue.FromString(Text(a[0]).Trim(Text(a[1]).ToCharArray())) : HclValue.Unknown,
        ["trimprefix"] = a => Known(a) ? HclValue.FromString(TrimPrefix(Text(a[0]), Text(a[1]))) : HclValue.Unknown,
        ["trimsuffix"] = a => Known(a) ? HclValue.FromString(TrimSuffix(Text(a[0]), Text(a[1]))) : HclValue.Unknown,
        ["replace"] = a => Known(Arity(a, 3)) ? Replace(Text(a[0]), Text(a[1]), Text(a[2])) : HclValue.Unknown,
        ["regex"] = a => Known(Arity(a, 2)) ? TerraformRegex.Regex(Text(a[0]), Text(a[1])) : HclValue.Unknown,
        ["regexall"] = a => Known(Arity(a, 2)) ? TerraformRegex.RegexAll(Text(a[0]), Text(a[1])) : HclValue.Unknown,
        ["substr"] = a => Known(a) ? Substring(Text(a[0]), Int(a[1]), Int(a[2])) : HclValue.Unknown,
        ["startswith"] = a => Known(a) ? HclValue.FromBool(Text(a[0]).StartsWith(Text(a[1]), StringComparison.Ordinal)) : HclValue.Unknown,
        ["endswith"] = a => Known(a) ? HclValue.FromBool(Text(a[0]).EndsWith(Text(a[1]), StringComparison.Ordinal)) : HclValue.Unknown,
        ["strcontains"] = a => Known(a) ? HclValue.FromBool(Text(a[0]).IndexOf(Text(a[1]), StringComparison.Ordinal) >= 0) : HclValue.Unknown,
        ["indent"] = a => Known(a) ? HclValue.FromString(Text(a[1]).Replace("\n", "\n" + new string(' ', Int(a[0])))) : HclValue.Unknown,
        ["jsonencode"] = a => Wholly(a) ? HclValue.FromString(Json(a[0])) : HclValue.Unknown,
        ["jsondecode"] = a => Known(a) ? JsonDecode(Text(a[0])) : HclValue.Unknown,
        ["base64encode"] = a => Known(a) ? HclValue.FromString(Convert.ToBase64String(Encoding.UTF8.GetBytes(Text(a[0])))) : HclValue.Unknown,
        ["base64decode"] = a => Known(a) ? HclValue.FromString(Encoding.UTF8.GetString(Convert.FromBase64String(Text(a[0])))) : HclValue.Unknown,
        ["md5"] = a => Hash(a, MD5.Create, hex: true),
        ["sha1"] = a => Hash(a, SHA1.Create, hex: true),
        ["sha256"] = a => Hash(a, SHA256.Create, hex: true),
        ["sha512"] = a => Hash(a, SHA512.Create, hex: true),
        ["base64sha256"] = a => Hash(a, SHA256.Create, hex: false),
        ["base64sha512"] = a => Hash(a, SHA512.Create, hex: false),
        ["cidrsubnet"] = a => Known(Arity(a, 3)) ? TerraformCidr.Subnet(Text(a[0]), checked((int)WholeNumber(a[1])), new BigInteger(WholeNumber(a[2]))) : HclValue.Unknown,
        ["cidrhost"] = a => Known(Arity(a, 2)) ? TerraformCidr.Host(Text(a[0]), new BigInteger(WholeNumber(a[1]))) : HclValue.Unknown,
        ["cidrnetmask"] = a => Known(Arity(a, 1)) ? TerraformCidr.Netmask(Text(a[0])) : HclValue.Unknown,
        ["cidrsubnets"] = a => Known(Arity(a, 1, int.MaxValue)) ? TerraformCidr.Subnets(Text(a[0]), a.Skip(1).Select(n => checked((int)WholeNumber(n))).ToList()) : HclValue.Unknown,
    };

    /// <summary>Functions that read the files of the scan (see <see cref="TerraformFileContext"/>).</summary>
    private static readonly Dictionary<string, Func<IReadOnlyList<HclValue>, TerraformFileContext, HclValue?>> FileFunctions = new(StringComparer.Ordinal)
    {
        ["file"] = (a, f) => FileContent(a, f, file => HclValue.FromString(file.Text)),
        ["filebase64"] = (a, f) => FileContent(a, f, file => HclValue.FromString(Convert.ToBase64String(Encoding.UTF8.GetBytes(file.Text)))),
        ["filemd5"] = (a, f) => FileContent(a, f, file => HclValue.FromString(Digest(MD5.Create, file.Text, hex: true))),
        ["filesha1"] = (a, f) => FileContent(a, f, file => HclValue.FromString(Digest(SHA1.Create, file.Text, hex: true))),
        ["filesha256"] = (a, f) => FileContent(a, f, file => HclValue.FromString(Digest(SHA256.Create, file.Text, hex: true))),
        ["filesha512"] = (a, f) => FileContent(a, f, file => HclValue.FromString(Digest(SHA512.Create, file.Text, hex: true))),
        ["filebase64sha256"] = (a, f) => FileContent(a, f, file => HclValue.FromString(Digest(SHA256.Create, file.Text, hex: false))),
        ["filebase64sha512"] = (a, f) => FileContent(a, f, file => HclValue.FromString(Digest(SHA512.Create, file.Text, hex: false))),
        ["fileexists"] = (a, f) => Known(Arity(a, 1)) ? f.Exists(Text(a[0])) : HclValue.Unknown,
        ["fileset"] = (a, f) => Known(Arity(a, 2)) ? f.Glob(Text(a[0]), Text(a[1])) : HclValue.Unknown,
        ["templatefile"] = TemplateFile,
    };

    private static bool Known(IReadOnlyList<HclValue> args) => args.All(a => a.IsKnown);

    /// <summary>The arguments, when there are as many as the function takes; Terraform rejects the call otherwise.</summary>
    private static IReadOnlyList<HclValue> Arity(IReadOnlyList<HclValue> args, int min, int? max = null)
    {
        if (args.Count < min || args.Count > (max ?? min)) throw new ArgumentException("Wrong number of arguments.");
        return args;
    }

    private static bool Wholly(IReadOnlyList<HclValue> args) => args.All(a => a.IsWhollyKnown);

    private static HclValue StringFunction(IReadOnlyList<HclValue> args, Func<string, string> map) =>
        Known(args) ? HclValue.FromString(map(Text(args[0]))) : HclValue.Unknown;

    // ---- conversions ----

    private static string Text(HclValue value) => value.Kind switch
    {
        HclValueKind.String => value.AsString(),
        HclValueKind.Number => HclValue.FormatNumber(value.AsNumber()),
        HclValueKind.Bool => value.AsBool() ? "true" : "false",
        _ => throw new InvalidOperationException("A string is required."),
    };

    private static decimal Number(HclValue value) => value.Kind == HclValueKind.String
        ? decimal.Parse(value.AsString(), NumberStyles.Float, CultureInfo.InvariantCulture)
        : value.AsNumber();

    private static int Int(HclValue value) => (int)Number(value);

    /// <summary>A number that must be whole, as Terraform's integer parameters require.</summary>
    private static decimal WholeNumber(HclValue value)
    {
        decimal number = Number(value);
        if (number != decimal.Truncate(number)) throw new ArgumentException("A whole number is required.");
        return number;
    }

    private static bool Bool(HclValue value) => value.Kind == HclValueKind.String ? bool.Parse(value.AsString()) : value.AsBool();

    private static IReadOnlyList<HclValue> ElementsOf(HclValue value) => value.Kind switch
    {
        HclValueKind.Tuple => value.Elements,
        HclValueKind.Null => Array.Empty<HclValue>(),
        _ => throw new InvalidOperationException("A list is required."),
    };

    private static IReadOnlyDictionary<string, HclValue> Object(HclValue value) => value.Kind switch
    {
        HclValueKind.Object => value.Attributes,
        _ => throw new InvalidOperationException("A map is required."),
    };

    private static IEnumerable<decimal> Numbers(IReadOnlyList<HclValue> args) =>
        args.Count == 1 && args[0].Kind == HclValueKind.Tuple ? args[0].Elements.Select(Number) : args.Select(Number);

    /// <summary>Sets of strings iterate in lexical order in Terraform; other sets keep first-seen order here.</summary>
    private static HclValue ToSet(IEnumerable<HclValue> elements)
    {
        var distinct = elements.Distinct().ToList();
        if (distinct.All(v => v.Kind == HclValueKind.String)) distinct.Sort((x, y) => string.CompareOrdinal(x.AsString(), y.AsString()));
        return HclValue.Tuple(distinct);
    }

    private static HclValue ToStringValue(HclValue value) => value.Kind switch
    {
        HclValueKind.Null => HclValue.Null,
        HclValueKind.String => value,
        _ => HclValue.FromString(Text(value)),
    };

    private static HclValue ToNumberValue(HclValue value) => value.IsNull ? HclValue.Null : HclValue.FromNumber(Number(value));

    private static HclValue ToBoolValue(HclValue value) => value.IsNull ? HclValue.Null : HclValue.FromBool(Bool(value));

    // ---- collections ----

    private static HclValue Length(HclValue value) => value.Kind switch
    {
        HclValueKind.String => HclValue.FromNumber(value.AsString().Length),
        HclValueKind.Tuple => HclValue.FromNumber(value.Elements.Count),
        HclValueKind.Object => HclValue.FromNumber(value.Attributes.Count),
        _ => throw new InvalidOperationException("A collection or string is required."),
    };

    private static HclValue Merge(IReadOnlyList<HclValue> args)
    {
        var merged = new List<KeyValuePair<string, HclValue>>();
        foreach (HclValue arg in args.Where(a => !a.IsNull)) merged.AddRange(Object(arg));
        return HclValue.Object(merged);
    }

    private static HclValue? Lookup(IReadOnlyList<HclValue> args)
    {
        if (Object(args[0]).TryGetValue(Text(args[1]), out HclValue? value)) return value;
        return args.Count > 2 ? args[2] : null;
    }

    private static HclValue? Coalesce(IReadOnlyList<HclValue> args)
    {
        foreach (HclValue arg in args)
        {
            if (!arg.IsKnown) return HclValue.Unknown;
            if (arg.IsNull || (arg.Kind == HclValueKind.String && arg.AsString().Length == 0)) continue;
            return arg;
        }
        return null;
    }

    private static HclValue? Element(HclValue list, int index)
    {
        var elements = ElementsOf(list);
        if (elements.Count == 0 || index < 0) return null;
        return elements[index % elements.Count];
    }

    /// <summary>Terraform's jsondecode: objects become objects, arrays tuples; invalid JSON fails the call.</summary>
    private static HclValue JsonDecode(string text)
    {
        var parsed = Formats.Json.JsonParser.Parse(new SourceFile("jsondecode", text));
        if (parsed.Root is null || parsed.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
            throw new ArgumentException("The text is not valid JSON.");
        return FromJson(parsed.Root);
    }

    private static HclValue FromJson(Formats.Json.JsonNode node) => node switch
    {
        Formats.Json.JsonObject obj => HclValue.Object(obj.Properties.Select(p => new KeyValuePair<string, HclValue>(p.Name, FromJson(p.Value)))),
        Formats.Json.JsonArray array => HclValue.Tuple(array.Items.Select(FromJson)),
        Formats.Json.JsonScalar { Kind: Formats.Json.JsonScalarKind.String } scalar => HclValue.FromString(scalar.Value),
        Formats.Json.JsonScalar { Kind: Formats.Json.JsonScalarKind.Number } scalar =>
            decimal.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal number)
                ? HclValue.FromNumber(number)
                : throw new ArgumentException($"The number {scalar.Value} is out of range."),
        Formats.Json.JsonScalar { Kind: Formats.Json.JsonScalarKind.True } => HclValue.True,
        Formats.Json.JsonScalar { Kind: Formats.Json.JsonScalarKind.False } => HclValue.False,
        _ => HclValue.Null,
    };

    private static HclValue Flatten(HclValue list)
    {
        var flat = new List<HclValue>();
        var pending = new Stack<HclValue>(ElementsOf(list).Reverse());
        while (pending.Count > 0)
        {
            HclValue next = pending.Pop();
            if (!next.IsKnown) return HclValue.Unknown;
            if (next.Kind != HclValueKind.Tuple)
            {
                flat.Add(next);
                continue;
            }
            for (int i = next.Elements.Count - 1; i >= 0; i--) pending.Push(next.Elements[i]);
        }
        return HclValue.Tuple(flat);
    }

    private static HclValue? IndexOf(HclValue list, HclValue value)
    {
        var elements = ElementsOf(list);
        for (int i = 0; i < elements.Count; i++)
        {
            if (elements[i].Equals(value)) return HclValue.FromNumber(i);
        }
        return null;
    }

    private static HclValue? ZipMap(HclValue keys, HclValue values)
    {
        var k = ElementsOf(keys);
        var v = ElementsOf(values);
        if (k.Count != v.Count) return null;
        return HclValue.Object(k.Select((key, i) => new KeyValuePair<string, HclValue>(Text(key), v[i])));
    }

    private static HclValue? Slice(HclValue list, int start, int end)
    {
        var elements = ElementsOf(list);
        if (start < 0 || end > elements.Count || start > end) return null;
        return HclValue.Tuple(elements.Skip(start).Take(end - start));
    }

    private static HclValue? Range(IReadOnlyList<HclValue> args)
    {
        decimal start = args.Count > 1 ? Number(args[0]) : 0;
        decimal limit = Number(args[args.Count > 1 ? 1 : 0]);
        decimal step = args.Count > 2 ? Number(args[2]) : (limit >= start ? 1 : -1);
        if (step == 0 || Math.Abs((limit - start) / step) > 1024) return step == 0 ? null : HclValue.Unknown;
        var values = new List<HclValue>();
        for (decimal n = start; step > 0 ? n < limit : n > limit; n += step) values.Add(HclValue.FromNumber(n));
        return HclValue.Tuple(values);
    }

    private static HclValue? One(HclValue list)
    {
        var elements = ElementsOf(list);
        return elements.Count switch { 0 => HclValue.Null, 1 => elements[0], _ => null };
    }

    private static HclValue? ChunkList(IReadOnlyList<HclValue> elements, int size)
    {
        if (size < 0) return null;
        if (size == 0) return HclValue.Tuple(new[] { HclValue.Tuple(elements) });
        var chunks = new List<HclValue>();
        for (int i = 0; i < elements.Count; i += size) chunks.Add(HclValue.Tuple(elements.Skip(i).Take(size)));
        return HclValue.Tuple(chunks);
    }

    // ---- strings ----

    private static HclValue Split(string separator, string text) =>
        HclValue.Tuple((text.Length == 0 ? new[] { string.Empty } : text.Split(new[] { separator }, StringSplitOptions.None)).Select(HclValue.FromString));

    private static string Title(string text)
    {
        var chars = text.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            if (char.IsLetter(chars[i]) && (i == 0 || !char.IsLetter(chars[i - 1]))) chars[i] = char.ToUpperInvariant(chars[i]);
        }
        return new string(chars);
    }

    private static string TrimPrefix(string text, string prefix) =>
        prefix.Length > 0 && text.StartsWith(prefix, StringComparison.Ordinal) ? text.Substring(prefix.Length) : text;

    private static string TrimSuffix(string text, string suffix) =>
        suffix.Length > 0 && text.EndsWith(suffix, StringComparison.Ordinal) ? text.Substring(0, text.Length - suffix.Length) : text;

    /// <summary>A substring written <c>/…/</c> is a regular expression; an empty one matches before every character and at the end (Go's <c>strings.Replace</c>).</summary>
    private static HclValue Replace(string text, string search, string replacement)
    {
        if (search.Length > 1 && search[0] == '/' && search[search.Length - 1] == '/')
            return TerraformRegex.Replace(text, search.Substring(1, search.Length - 2), replacement);
        if (search.Length > 0) return HclValue.FromString(text.Replace(search, replacement));
        var result = new StringBuilder(replacement);
        for (int i = 0; i < text.Length; i++)
        {
            result.Append(text[i]);
            if (!(char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))) result.Append(replacement);
        }
        return HclValue.FromString(result.ToString());
    }

    // ---- hashes ----

    private static HclValue Hash(IReadOnlyList<HclValue> args, Func<HashAlgorithm> algorithm, bool hex) =>
        Known(Arity(args, 1)) ? HclValue.FromString(Digest(algorithm, Text(args[0]), hex)) : HclValue.Unknown;

    /// <summary>The digest of the text's UTF-8 bytes, as lowercase hex or base64.</summary>
    private static string Digest(Func<HashAlgorithm> algorithm, string text, bool hex)
    {
        using HashAlgorithm hash = algorithm();
        byte[] digest = hash.ComputeHash(Encoding.UTF8.GetBytes(text));
        if (!hex) return Convert.ToBase64String(digest);
        var builder = new StringBuilder(digest.Length * 2);
        foreach (byte b in digest) builder.Append(b.ToString("x2", CultureInfo.InvariantCulture));
        return builder.ToString();
    }

    // ---- files ----

    /// <summary>A function of one file's content; unknown or an error as <see cref="TerraformFileContext.Read"/> decides.</summary>
    private static HclValue? FileContent(IReadOnlyList<HclValue> args, TerraformFileContext files, Func<SourceFile, HclValue> compute)
    {
        if (!Known(Arity(args, 1))) return HclValue.Unknown;
        return files.Read(Text(args[0]), out SourceFile? file) switch
        {
            TerraformFileLookup.Found => compute(file!),
            TerraformFileLookup.Error => null,
            _ => HclValue.Unknown,
        };
    }

    /// <summary>
    /// Renders a file as a template (<c>${}</c>, <c>%{if}</c>, <c>%{for}</c>) with only the given variables in scope
    /// and every function but <c>templatefile</c> itself. A reference to a variable not given, a syntax error or an
    /// error while rendering fails the call, as in Terraform. Spans in the template are the template file's own and
    /// stay inside this call: the value carries none, so findings point at the calling expression.
    /// </summary>
    private static HclValue? TemplateFile(IReadOnlyList<HclValue> args, TerraformFileContext files)
    {
        Arity(args, 2);
        if (files.InTemplate) return null;
        if (!args[0].IsKnown || !args[1].IsKnown) return HclValue.Unknown;
        var variables = Object(args[1]);
        if (variables.Keys.Any(k => !IsIdentifier(k))) return null;
        switch (files.Read(Text(args[0]), out SourceFile? file))
        {
            case TerraformFileLookup.Error: return null;
            case TerraformFileLookup.Unknown: return HclValue.Unknown;
        }
        var template = files.Files.Template(file!);
        if (template.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error)) return null;
        if (HclTraversal.References(template.Expression).Any(r => !variables.ContainsKey(r.RootName))) return null;
        HclValue result = TerraformEvaluator.Evaluate(template.Expression, name => variables.TryGetValue(name, out HclValue? v) ? v : null, files.ForTemplate(), out bool failed);
        return failed ? null : result;
    }

    /// <summary>A template variable name: a letter, then letters, digits and underscores.</summary>
    private static bool IsIdentifier(string name) =>
        name.Length > 0 && char.IsLetter(name[0]) && name.All(c => char.IsLetterOrDigit(c) || c == '_');

    private static HclValue? Substring(string text, int offset, int length)
    {
        if (offset < 0) offset = Math.Max(0, text.Length + offset);
        if (offset > text.Length) return HclValue.FromString(string.Empty);
        int available = text.Length - offset;
        return HclValue.FromString(text.Substring(offset, length < 0 ? available : Math.Min(length, available)));
    }

    private static HclValue? FormatList(IReadOnlyList<HclValue> args)
    {
        int count = -1;
        foreach (HclValue arg in args.Skip(1).Where(a => a.Kind == HclValueKind.Tuple))
        {
            if (count >= 0 && count != arg.Elements.Count) return null;
            count = arg.Elements.Count;
        }
        if (count < 0) count = 1;
        var results = new List<HclValue>();
        for (int i = 0; i < count; i++)
        {
            HclValue? item = Format(Text(args[0]), args.Skip(1).Select(a => a.Kind == HclValueKind.Tuple ? a.Elements[i] : a).ToList());
            if (item is null || !item.IsKnown) return item;
            results.Add(item);
        }
        return HclValue.Tuple(results);
    }

    /// <summary>The verbs <c>%s %d %f %t %v %q %%</c> with width, precision and the <c>-</c> and <c>0</c> flags; others give unknown.</summary>
    private static HclValue? Format(string pattern, IReadOnlyList<HclValue> args)
    {
        var result = new StringBuilder();
        int next = 0;
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c != '%')
            {
                result.Append(c);
                continue;
            }
            if (++i >= pattern.Length) return null;
            if (pattern[i] == '%')
            {
                result.Append('%');
                continue;
            }
            bool leftAlign = false, zeroPad = false;
            for (; i < pattern.Length && (pattern[i] == '-' || pattern[i] == '0' || pattern[i] == '+' || pattern[i] == ' '); i++)
            {
                leftAlign |= pattern[i] == '-';
                zeroPad |= pattern[i] == '0';
            }
            int width = ReadDigits(pattern, ref i);
            int precision = -1;
            if (i < pattern.Length && pattern[i] == '.')
            {
                i++;
                precision = Math.Max(0, ReadDigits(pattern, ref i));
            }
            if (i >= pattern.Length || next >= args.Count) return null;
            HclValue arg = args[next++];
            string? text = pattern[i] switch
            {
                's' or 'v' => arg.Kind is HclValueKind.Tuple or HclValueKind.Object ? Json(arg) : arg.IsNull ? "null" : Text(arg),
                'd' => decimal.Truncate(Number(arg)).ToString(CultureInfo.InvariantCulture),
                'f' => Number(arg).ToString("F" + (precision < 0 ? 6 : precision).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
                't' => Bool(arg) ? "true" : "false",
                'q' => Json(HclValue.FromString(Text(arg))),
                _ => null,
            };
            if (text is null) return HclValue.Unknown;
            if (precision >= 0 && pattern[i] == 's' && text.Length > precision) text = text.Substring(0, precision);
            if (text.Length < width)
                text = leftAlign ? text.PadRight(width) : text.PadLeft(width, zeroPad && pattern[i] != 's' ? '0' : ' ');
            result.Append(text);
        }
        return HclValue.FromString(result.ToString());
    }

    private static int ReadDigits(string text, ref int i)
    {
        int value = -1;
        for (; i < text.Length && text[i] >= '0' && text[i] <= '9'; i++) value = Math.Max(0, value) * 10 + (text[i] - '0');
        return value;
    }

    /// <summary>JSON as Terraform's <c>jsonencode</c> writes it: compact, keys sorted, <c>&lt; &gt; &amp;</c> escaped.</summary>
    internal static string Json(HclValue value)
    {
        var builder = new StringBuilder();
        WriteJson(builder, value);
        return builder.ToString();
    }

    private static void WriteJson(StringBuilder builder, HclValue value)
    {
        switch (value.Kind)
        {
            case HclValueKind.Null: builder.Append("null"); break;
            case HclValueKind.Bool: builder.Append(value.AsBool() ? "true" : "false"); break;
            case HclValueKind.Number: builder.Append(HclValue.FormatNumber(value.AsNumber())); break;
            case HclValueKind.String:
                builder.Append('"');
                foreach (char c in value.AsString())
                {
                    switch (c)
                    {
                        case '"': builder.Append("\\\""); break;
                        case '\\': builder.Append("\\\\"); break;
                        case '\n': builder.Append("\\n"); break;
                        case '\r': builder.Append("\\r"); break;
                        case '\t': builder.Append("\\t"); break;
                        case '<' or '>' or '&':
                            builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                            break;
                        default:
                            if (c < ' ') builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                            else builder.Append(c);
                            break;
                    }
                }
                builder.Append('"');
                break;
            case HclValueKind.Tuple:
                builder.Append('[');
                for (int i = 0; i < value.Elements.Count; i++)
                {
                    if (i > 0) builder.Append(',');
                    WriteJson(builder, value.Elements[i]);
                }
                builder.Append(']');
                break;
            case HclValueKind.Object:
                builder.Append('{');
                bool first = true;
                foreach (var pair in value.Attributes)
                {
                    if (!first) builder.Append(',');
                    first = false;
                    WriteJson(builder, HclValue.FromString(pair.Key));
                    builder.Append(':');
                    WriteJson(builder, pair.Value);
                }
                builder.Append('}');
                break;
            default:
                throw new InvalidOperationException("Unknown values cannot be encoded.");
        }
    }
}
