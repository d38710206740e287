using System;
using System.Collections.Generic;
using System.Linq;
using OpsTower.Policy.Formats.Hcl;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Formats.Terraform;

/// <summary>
/// A block with its attributes evaluated (in the scope of its module instance, <c>count.index</c> and
/// <c>each</c>) and its <c>dynamic</c> blocks expanded into the blocks they generate. Every attribute keeps its
/// syntax and file, so a finding can point at it.
/// </summary>
public sealed class TerraformBlock
{
    private TerraformBlock(string type, SourceFile file, HclBlock syntax, TextSpan headerSpan, IReadOnlyList<TerraformAttribute> attributes, IReadOnlyList<TerraformBlock> blocks)
    {
        Type = type;
        File = file;
        Syntax = syntax;
        HeaderSpan = headerSpan;
        Attributes = attributes;
        Blocks = blocks;
    }

    /// <summary>The block type (for a block a <c>dynamic</c> generated, its label).</summary>
    public string Type { get; }

    public SourceFile File { get; }

    /// <summary>The block as written (for a generated block, the <c>dynamic</c> block).</summary>
    public HclBlock Syntax { get; }

    /// <summary>The block's type and labels, where a finding about a missing attribute points.</summary>
    public TextSpan HeaderSpan { get; }

    public IReadOnlyList<TerraformAttribute> Attributes { get; }

    /// <summary>Nested blocks in source order, <c>dynamic</c> ones expanded.</summary>
    public IReadOnlyList<TerraformBlock> Blocks { get; }

    /// <summary>The attribute of that name, or null when the block does not set it.</summary>
    public TerraformAttribute? Attribute(string name) => Attributes.FirstOrDefault(a => a.Name == name);

    /// <summary>The attribute's value; null when it is not set.</summary>
    public HclValue ValueOf(string name) => Attribute(name)?.Value ?? HclValue.Null;

    public IEnumerable<TerraformBlock> BlocksOfType(string type) => Blocks.Where(b => b.Type == type);

    /// <summary>The header span of a block: its type and labels.</summary>
    public static TextSpan HeaderOf(HclBlock block) =>
        TextSpan.FromBounds(block.TypeSpan.Start, block.Labels.Count > 0 ? block.Labels[block.Labels.Count - 1].Span.End : block.TypeSpan.End);

    internal static TerraformBlock Evaluate(HclBlock block, SourceFile file, TerraformScope scope) =>
        Evaluate(block.Type, block, block.Body, HeaderOf(block), file, scope);

    private static TerraformBlock Evaluate(string type, HclBlock syntax, HclBody body, TextSpan header, SourceFile file, TerraformScope scope)
    {
        var attributes = new List<TerraformAttribute>(body.Attributes.Count);
        for (int i = 0; i < body.Attributes.Count; i++) attributes.Add(new TerraformAttribute(body.Attributes[i], file, scope.Evaluate(body.Attributes[i].Expression), scope));
        var blocks = new List<TerraformBlock>();
        foreach (HclBlock nested in body.Blocks)
        {
            if (nested.Type == "dynamic" && nested.Labels.Count == 1) blocks.AddRange(ExpandDynamic(nested, file, scope));
            else blocks.Add(Evaluate(nested, file, scope));
        }
        return new TerraformBlock(type, file, syntax, header, attributes, blocks);
    }

    /// <summary>
    /// One block per element of the <c>for_each</c>, with the iterator (the label, or <c>iterator</c>) bound to
    /// <c>{ key, value }</c>. An unknown <c>for_each</c> gives one block whose iterator is unknown.
    /// </summary>
    private static IEnumerable<TerraformBlock> ExpandDynamic(HclBlock dynamic, SourceFile file, TerraformScope scope)
    {
        HclBlock? content = dynamic.Body.GetBlocks("content").FirstOrDefault();
        if (content is null) yield break;
        string label = dynamic.Labels[0].Value;
        string iterator = dynamic.Body.GetAttribute("iterator")?.Expression is HclScopeTraversalExpression { Traversal.Count: 1 } name ? name.RootName : label;
        HclExpression? forEach = dynamic.Body.GetAttribute("for_each")?.Expression;
        HclValue collection = forEach is null ? HclValue.Unknown : scope.Evaluate(forEach);
        TextSpan header = HeaderOf(dynamic);
        if (!collection.IsKnown)
        {
            yield return Evaluate(label, dynamic, content.Body, header, file, scope.Bind(iterator, HclValue.Unknown));
            yield break;
        }
        foreach (var (key, value) in TerraformModule.Elements(collection, setKeys: false).Take(TerraformModule.MaxInstances))
        {
            HclValue element = HclValue.Object(new[] { new KeyValuePair<string, HclValue>("key", key), new KeyValuePair<string, HclValue>("value", value) });
            yield return Evaluate(label, dynamic, content.Body, header, file, scope.Bind(iterator, element));
        }
    }
}

/// <summary>An attribute with its evaluated value (unknown where the configuration does not say).</summary>
public sealed class TerraformAttribute
{
    private readonly TerraformScope _scope;

    internal TerraformAttribute(HclAttribute syntax, SourceFile file, HclValue value, TerraformScope scope)
    {
        Syntax = syntax;
        File = file;
        Value = value;
        _scope = scope;
    }

    public string Name => Syntax.Name;
    public HclAttribute Syntax { get; }
    public SourceFile File { get; }
    public HclValue Value { get; }

    /// <summary>Where a finding about it points: the whole attribute when it fits on one line, else its name.</summary>
    public TextSpan Span => File.Text.IndexOf('\n', Syntax.Span.Start, Syntax.Span.Length) < 0 ? Syntax.Span : Syntax.NameSpan;

    /// <summary>A part of the expression evaluated in the attribute's scope: it may be known where the whole value is not.</summary>
    internal HclValue Evaluate(HclExpression part) => _scope.Evaluate(part);
}

/// <summary>Scope chain of one evaluation: names bound by <c>count</c>, <c>for_each</c> and <c>dynamic</c>, then the module's own.</summary>
internal sealed class TerraformScope
{
    private readonly TerraformModule _module;
    private readonly TerraformScope? _parent;
    private readonly string? _name;
    private readonly HclValue _value;
    private readonly Func<string, HclValue?> _resolve;

    public TerraformScope(TerraformModule module)
        : this(module, null, null, HclValue.Null)
    {
    }

    private TerraformScope(TerraformModule module, TerraformScope? parent, string? name, HclValue value)
    {
        _module = module;
        _parent = parent;
        _name = name;
        _value = value;
        _resolve = Resolve;
    }

    public TerraformScope Bind(string name, HclValue value) => new(_module, this, name, value);

    public HclValue Evaluate(HclExpression expression) => TerraformEvaluator.Evaluate(expression, _resolve, _module.FileContext);

    private HclValue? Resolve(string name)
    {
        for (TerraformScope? scope = this; scope is not null; scope = scope._parent)
        {
            if (scope._name == name) return scope._value;
        }
        return _module.ResolveRoot(name);
    }
}
