using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using OpsTower.Policy.Formats.Hcl;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Formats.Terraform;

public enum TerraformResourceMode
{
    /// <summary><c>resource</c></summary>
    Managed,

    /// <summary><c>data</c></summary>
    Data,
}

/// <summary>One instance of a <c>resource</c> or <c>data</c> block (one per <c>count</c> index or <c>for_each</c> key).</summary>
public sealed class TerraformResource
{
    internal TerraformResource(TerraformModule module, TerraformResourceMode mode, string type, string name, HclValue? key, TerraformBlock body)
    {
        Module = module;
        Mode = mode;
        Type = type;
        Name = name;
        Key = key;
        Body = body;
    }

    public TerraformModule Module { get; }
    public TerraformResourceMode Mode { get; }
    public string Type { get; }
    public string Name { get; }

    /// <summary>The <c>count</c> index or <c>for_each</c> key; null for a single instance or when unknown.</summary>
    public HclValue? Key { get; }

    public TerraformBlock Body { get; }
    public SourceFile File => Body.File;

    /// <summary><c>aws_s3_bucket.logs</c> (<c>data.</c> in front for data sources): the block's address in its module, without instance key.</summary>
    public string LocalAddress => (Mode == TerraformResourceMode.Data ? "data." : "") + Type + "." + Name;

    /// <summary><c>module.storage.aws_s3_bucket.logs["a"]</c></summary>
    public string Address => TerraformModule.Join(Module.Address, LocalAddress + TerraformModule.KeySuffix(Key));

    public TerraformAttribute? Attribute(string name) => Body.Attribute(name);
    public HclValue ValueOf(string name) => Body.ValueOf(name);

    public override string ToString() => Address;
}

/// <summary>One instance of a <c>module</c> block: its evaluated inputs and, for a local module, the module it creates.</summary>
public sealed class TerraformModuleCall
{
    internal TerraformModuleCall(TerraformModule caller, string name, HclValue? key, TerraformBlock body, string? source)
    {
        Caller = caller;
        Name = name;
        Key = key;
        Body = body;
        Source = source;
    }

    public TerraformModule Caller { get; }
    public string Name { get; }
    public HclValue? Key { get; }

    /// <summary>The block with its inputs evaluated.</summary>
    public TerraformBlock Body { get; }

    /// <summary>The <c>source</c> as written; null when it is not a literal.</summary>
    public string? Source { get; }

    public bool IsLocal => Source is not null && TerraformPaths.IsLocalSource(Source);

    /// <summary>The module instance it creates; null for a remote module (not downloaded) or a local folder that was not scanned.</summary>
    public TerraformModule? Child { get; internal set; }

    public string Address => TerraformModule.Join(Caller.Address, "module." + Name + TerraformModule.KeySuffix(Key));

    public override string ToString() => Address;
}

/// <summary>
/// One instance of a module: a root module, or a local module created by a <c>module</c> block, with its variables
/// set (defaults, <c>.tfvars</c>, <c>-var-file</c>s or the caller's inputs), its locals evaluated, and its resources
/// and module calls expanded and evaluated.
/// </summary>
public sealed class TerraformModule
{
    /// <summary>At most this many instances of one block are evaluated (a <c>count</c> of thousands checks like a few).</summary>
    internal const int MaxInstances = 256;

    /// <summary>Local modules nested deeper than this are not loaded.</summary>
    private const int MaxDepth = 16;

    private static readonly string[] MetaArguments = { "source", "version", "count", "for_each", "providers", "depends_on" };

    private readonly TerraformProject _project;
    private readonly HclValue _variablesValue;
    private readonly Dictionary<string, HclValue> _locals = new(StringComparer.Ordinal);
    private readonly HclValue _pathValue;
    private readonly List<TerraformModuleCall> _moduleCalls = new();
    private readonly List<TerraformResource> _resources = new();
    private HclValue? _localsValue;
    private HclValue? _modulesValue;
    private bool _creatingCalls;
    private bool _callsCreated;
    private HclValue? _outputs;
    private bool _computingOutputs;

    internal TerraformModule(TerraformProject project, TerraformModuleDirectory directory, TerraformModuleCall? call, TerraformModule? root, IReadOnlyDictionary<string, HclValue> values)
    {
        _project = project;
        Directory = directory;
        Call = call;
        Root = root ?? this;
        Depth = call is null ? 0 : call.Caller.Depth + 1;
        Variables = SetVariables(directory, values);
        _variablesValue = HclValue.Object(Variables);
        // Terraform runs in the root module's folder: path.root is ".", path.module is relative to it, and the file
        // functions resolve relative paths there. path.cwd is an absolute path in Terraform, which a scan does not
        // know; "." names the same folder.
        _pathValue = HclValue.Object(new Dictionary<string, HclValue>
        {
            ["module"] = HclValue.FromString(TerraformPaths.Relative(Root.Directory.Path, directory.Path)),
            ["root"] = HclValue.FromString("."),
            ["cwd"] = HclValue.FromString("."),
        });
        FileContext = new TerraformFileContext(project.Files, Root.Directory.Path);
        project.Register(this);

        var scope = new TerraformScope(this);
        foreach (string name in directory.LocalOrder)
        {
            _locals[name] = scope.Evaluate(directory.Locals[name].Attribute.Expression);
            _localsValue = null;
        }
        foreach (string name in directory.Locals.Keys.Where(k => !_locals.ContainsKey(k))) _locals[name] = HclValue.Unknown;
        _localsValue = null;
        CreateModuleCalls();
        foreach (var block in directory.Resources)
        {
            var mode = block.Block.Type == "data" ? TerraformResourceMode.Data : TerraformResourceMode.Managed;
            foreach (var (key, instanceScope) in Expand(block.Block.Body, scope))
                _resources.Add(new TerraformResource(this, mode, block.Block.Labels[0].Value, block.Block.Labels[1].Value, key, TerraformBlock.Evaluate(block.Block, block.File, instanceScope)));
        }
        Providers = directory.Providers.Select(p => TerraformBlock.Evaluate(p.Block, p.File, scope)).ToList();
        Settings = directory.Settings.Select(s => TerraformBlock.Evaluate(s.Block, s.File, scope)).ToList();
    }

    public TerraformModuleDirectory Directory { get; }

    /// <summary>The <c>module</c> block instance that created this module; null for a root module.</summary>
    public TerraformModuleCall? Call { get; }

    public bool IsRoot => Call is null;

    /// <summary>The root module this instance belongs to.</summary>
    public TerraformModule Root { get; }

    public int Depth { get; }

    /// <summary>What the file functions of this module's expressions may read.</summary>
    internal TerraformFileContext FileContext { get; }

    /// <summary>Empty for a root module, else <c>module.a.module.b["k"]</c>.</summary>
    public string Address => Call?.Address ?? string.Empty;

    /// <summary>Every declared variable's value (unknown when nothing gives it one).</summary>
    public IReadOnlyDictionary<string, HclValue> Variables { get; }

    /// <summary>Every local value (unknown for those in a reference cycle).</summary>
    public IReadOnlyDictionary<string, HclValue> Locals => _locals;

    /// <summary>Instances of <c>resource</c> and <c>data</c> blocks.</summary>
    public IReadOnlyList<TerraformResource> Resources => _resources;

    public IReadOnlyList<TerraformModuleCall> ModuleCalls => _moduleCalls;
    public IReadOnlyList<TerraformBlock> Providers { get; }

    /// <summary><c>terraform</c> blocks (required versions and providers, backend).</summary>
    public IReadOnlyList<TerraformBlock> Settings { get; }

    /// <summary>The module calls from the root down to this module (empty for a root module).</summary>
    public IReadOnlyList<TerraformModuleCall> CallChain
    {
        get
        {
            var chain = new List<TerraformModuleCall>();
            for (TerraformModuleCall? call = Call; call is not null; call = call.Caller.Call) chain.Insert(0, call);
            return chain;
        }
    }

    public override string ToString() => Address.Length == 0 ? $"root module {Directory.Path}" : Address;

    internal static string Join(string prefix, string address) => prefix.Length == 0 ? address : prefix + "." + address;

    internal static string KeySuffix(HclValue? key) => key is null ? "" : "[" + key.ToHclString() + "]";

    /// <summary>Values of the names a module's expressions start from; null (unknown) for resources, data sources and the rest.</summary>
    internal HclValue? ResolveRoot(string name)
    {
        switch (name)
        {
            case "var": return _variablesValue;
            case "local": return _localsValue ??= HclValue.Object(Directory.Locals.Keys.Select(k => new KeyValuePair<string, HclValue>(k, _locals.TryGetValue(k, out HclValue? v) ? v : HclValue.Unknown)));
            case "module": return ModulesValue();
            case "path": return _pathValue;
            case "terraform": return HclValue.Object(new[] { new KeyValuePair<string, HclValue>("workspace", HclValue.FromString("default")) });
            default: return null;
        }
    }

    /// <summary>(key, value) pairs to iterate: a tuple by index, or as a set (key = value) when <paramref name="setKeys"/>; an object by name.</summary>
    internal static IEnumerable<(HclValue Key, HclValue Value)> Elements(HclValue collection, bool setKeys)
    {
        if (collection.Kind == HclValueKind.Object) return collection.Attributes.Select(p => (HclValue.FromString(p.Key), p.Value));
        if (collection.Kind == HclValueKind.Tuple) return collection.Elements.Select((e, i) => (setKeys ? e : HclValue.FromNumber(i), e));
        return Enumerable.Empty<(HclValue, HclValue)>();
    }

    /// <summary>
    /// The instances <c>count</c> or <c>for_each</c> make, each with its scope. An unknown count or collection gives
    /// one instance whose <c>count</c> or <c>each</c> is unknown: its configuration is still checked.
    /// </summary>
    private static IEnumerable<(HclValue? Key, TerraformScope Scope)> Expand(HclBody body, TerraformScope scope)
    {
        HclExpression? count = body.GetAttribute("count")?.Expression;
        HclExpression? forEach = body.GetAttribute("for_each")?.Expression;
        if (count is not null)
        {
            HclValue value = scope.Evaluate(count);
            if (value.Kind == HclValueKind.String && decimal.TryParse(value.AsString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out decimal parsed)) value = HclValue.FromNumber(parsed);
            if (value.Kind != HclValueKind.Number)
            {
                if (!value.IsNull) yield return (null, scope.Bind("count", HclValue.Unknown));
                yield break;
            }
            for (int i = 0; i < Math.Min(value.AsNumber(), MaxInstances); i++)
                yield return (HclValue.FromNumber(i), scope.Bind("count", HclValue.Object(new[] { new KeyValuePair<string, HclValue>("index", HclValue.FromNumber(i)) })));
            yield break;
        }
        if (forEach is not null)
        {
            HclValue value = scope.Evaluate(forEach);
            if (!value.IsKnown)
            {
                yield return (null, scope.Bind("each", HclValue.Unknown));
                yield break;
            }
            foreach (var (key, element) in Elements(value, setKeys: true).Take(MaxInstances))
            {
                if (!key.IsKnown) continue;
                yield return (key, scope.Bind("each", HclValue.Object(new[] { new KeyValuePair<string, HclValue>("key", key), new KeyValuePair<string, HclValue>("value", element) })));
            }
            yield break;
        }
        yield return (null, scope);
    }

    private static Dictionary<string, HclValue> SetVariables(TerraformModuleDirectory directory, IReadOnlyDictionary<string, HclValue> values)
    {
        var result = new Dictionary<string, HclValue>(StringComparer.Ordinal);
        foreach (var pair in directory.Variables)
        {
            HclBody body = pair.Value.Block.Body;
            HclExpression? defaultExpression = body.GetAttribute("default")?.Expression;
            HclValue? defaultValue = defaultExpression is null ? null : TerraformEvaluator.Evaluate(defaultExpression, _ => null);
            bool nullable = body.GetAttribute("nullable")?.Expression is not HclLiteralExpression literal || !literal.Value.Equals(HclValue.False);
            HclValue value;
            if (values.TryGetValue(pair.Key, out HclValue? given) && !(given.IsNull && !nullable && defaultValue is not null)) value = given;
            else value = defaultValue ?? HclValue.Unknown;
            result[pair.Key] = TerraformTypes.Convert(body.GetAttribute("type")?.Expression, value);
        }
        return result;
    }

    private void CreateModuleCalls()
    {
        if (_callsCreated || _creatingCalls) return;
        _creatingCalls = true;
        var scope = new TerraformScope(this);
        foreach (var block in Directory.ModuleCalls)
        {
            string? source = block.Block.Body.GetAttribute("source")?.Expression.AsStringLiteral();
            foreach (var (key, instanceScope) in Expand(block.Block.Body, scope))
            {
                var body = TerraformBlock.Evaluate(block.Block, block.File, instanceScope);
                var call = new TerraformModuleCall(this, block.Block.Labels[0].Value, key, body, source);
                _moduleCalls.Add(call);
                call.Child = LoadChild(call, block);
            }
        }
        _creatingCalls = false;
        _callsCreated = true;
        _modulesValue = null;
    }

    private TerraformModule? LoadChild(TerraformModuleCall call, TerraformSyntaxBlock block)
    {
        TextSpan header = TerraformBlock.HeaderOf(block.Block);
        if (call.Source is null)
        {
            _project.AddProblem(block.File, header, $"module \"{call.Name}\" has no literal source, so the module is not evaluated.");
            return null;
        }
        if (!call.IsLocal)
        {
            _project.AddProblem(block.File, header, $"module \"{call.Name}\" comes from \"{call.Source}\": remote modules are not downloaded, so only the inputs given to it are checked, not the resources it creates.");
            return null;
        }
        string? target = TerraformPaths.Resolve(Directory.Path, call.Source);
        TerraformModuleDirectory? directory = target is null ? null : _project.FindDirectory(target);
        if (directory is null)
        {
            _project.AddProblem(block.File, header, $"module \"{call.Name}\": its source \"{call.Source}\" holds no scanned .tf files, so the module is not evaluated.");
            return null;
        }
        for (TerraformModule? ancestor = this; ancestor is not null; ancestor = ancestor.Call?.Caller)
        {
            if (ancestor.Directory == directory || Depth + 1 > MaxDepth)
            {
                _project.AddProblem(block.File, header, $"module \"{call.Name}\" calls \"{call.Source}\", which is already being evaluated above it (or nests too deeply): it is not evaluated again.");
                return null;
            }
        }
        var inputs = call.Body.Attributes.Where(a => !MetaArguments.Contains(a.Name)).ToDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal);
        return new TerraformModule(_project, directory, call, Root, inputs);
    }

    /// <summary>The <c>module</c> object: each call's outputs (a tuple for <c>count</c>, an object for <c>for_each</c>).</summary>
    private HclValue ModulesValue()
    {
        if (_modulesValue is not null) return _modulesValue;
        if (!_callsCreated) CreateModuleCalls();
        var byName = new List<KeyValuePair<string, HclValue>>();
        foreach (var group in _moduleCalls.GroupBy(c => c.Name))
        {
            HclBody body = Directory.ModuleCalls.First(b => b.Block.Labels[0].Value == group.Key).Block.Body;
            HclValue value;
            if (body.GetAttribute("count") is not null && group.All(c => c.Key is not null)) value = HclValue.Tuple(group.Select(c => c.Child?.Outputs() ?? HclValue.Unknown));
            else if (body.GetAttribute("for_each") is not null && group.All(c => c.Key is not null))
                value = HclValue.Object(group.Select(c => new KeyValuePair<string, HclValue>(c.Key!.Kind == HclValueKind.String ? c.Key.AsString() : c.Key.ToHclString(), c.Child?.Outputs() ?? HclValue.Unknown)));
            else value = group.Count() == 1 ? group.First().Child?.Outputs() ?? HclValue.Unknown : HclValue.Unknown;
            byName.Add(new KeyValuePair<string, HclValue>(group.Key, value));
        }
        var result = HclValue.Object(byName);
        if (_callsCreated) _modulesValue = result;
        return result;
    }

    /// <summary>The module's outputs; unknown while they are being computed (a reference cycle through modules).</summary>
    private HclValue Outputs()
    {
        if (_outputs is not null) return _outputs;
        if (_computingOutputs) return HclValue.Unknown;
        _computingOutputs = true;
        var scope = new TerraformScope(this);
        var outputs = Directory.Outputs.Select(p => new KeyValuePair<string, HclValue>(p.Key,
            p.Value.Block.Body.GetAttribute("value") is { } value ? scope.Evaluate(value.Expression) : HclValue.Null)).ToList();
        _computingOutputs = false;
        return _outputs = HclValue.Object(outputs);
    }
}
