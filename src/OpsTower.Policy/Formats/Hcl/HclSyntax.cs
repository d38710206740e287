using System;
using System.Collections.Generic;
using System.Linq;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Formats.Hcl;

/// <summary>A parsed HCL file: its body, every comment, and the problems found (the tree is complete even when there are some).</summary>
public sealed class HclFile
{
    public HclFile(SourceFile file, HclBody body, IReadOnlyList<ParseDiagnostic> diagnostics, IReadOnlyList<HclComment> comments)
    {
        File = file;
        Body = body;
        Diagnostics = diagnostics;
        Comments = comments;
    }

    public SourceFile File { get; }
    public HclBody Body { get; }
    public IReadOnlyList<ParseDiagnostic> Diagnostics { get; }

    /// <summary>Every comment in file order (for suppressions and documentation).</summary>
    public IReadOnlyList<HclComment> Comments { get; }

    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}

/// <summary>The result of parsing a lone expression or template.</summary>
public sealed class HclExpressionParseResult
{
    public HclExpressionParseResult(SourceFile file, HclExpression expression, IReadOnlyList<ParseDiagnostic> diagnostics, IReadOnlyList<HclComment> comments)
    {
        File = file;
        Expression = expression;
        Diagnostics = diagnostics;
        Comments = comments;
    }

    public SourceFile File { get; }
    public HclExpression Expression { get; }
    public IReadOnlyList<ParseDiagnostic> Diagnostics { get; }
    public IReadOnlyList<HclComment> Comments { get; }
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}

public enum HclCommentKind
{
    /// <summary><c># …</c></summary>
    Hash,

    /// <summary><c>// …</c></summary>
    DoubleSlash,

    /// <summary><c>/* … */</c></summary>
    Block,
}

/// <summary>A comment; <see cref="Text"/> is the source text including its delimiters.</summary>
public sealed record HclComment(HclCommentKind Kind, string Text, TextSpan Span);

/// <summary>A syntax tree node: everything has the span of the source text it was parsed from.</summary>
public abstract class HclNode
{
    protected HclNode(TextSpan span) => Span = span;

    public TextSpan Span { get; }

    /// <summary>Levels of nodes from here down; the parser keeps it bounded so recursive walkers cannot overflow.</summary>
    internal int Height { get; set; } = 1;

    /// <summary>Direct child nodes in source order.</summary>
    public abstract IEnumerable<HclNode> Children { get; }

    /// <summary>This node and all nodes below it, depth first in source order (iterative: safe on any tree).</summary>
    public IEnumerable<HclNode> DescendantsAndSelf()
    {
        var stack = new Stack<HclNode>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            HclNode node = stack.Pop();
            yield return node;
            foreach (HclNode child in node.Children.Reverse()) stack.Push(child);
        }
    }

    protected static IEnumerable<HclNode> NonNull(params HclNode?[] nodes)
    {
        foreach (HclNode? node in nodes)
        {
            if (node is not null) yield return node;
        }
    }
}

/// <summary>Attributes and blocks: the file's top level or the inside of a block's braces.</summary>
public sealed class HclBody : HclNode
{
    public HclBody(IReadOnlyList<HclBodyItem> items, TextSpan span)
        : base(span)
    {
        Items = items;
        Attributes = items.OfType<HclAttribute>().ToList();
        Blocks = items.OfType<HclBlock>().ToList();
    }

    /// <summary>Attributes and blocks interleaved, in source order.</summary>
    public IReadOnlyList<HclBodyItem> Items { get; }

    public IReadOnlyList<HclAttribute> Attributes { get; }
    public IReadOnlyList<HclBlock> Blocks { get; }

    public override IEnumerable<HclNode> Children => Items;

    /// <summary>The attribute of that name (the first, should the file wrongly repeat it), or null.</summary>
    public HclAttribute? GetAttribute(string name)
    {
        // A loop, not FirstOrDefault: the evaluator asks for count and for_each on every block instance.
        for (int i = 0; i < Attributes.Count; i++)
        {
            if (Attributes[i].Name == name) return Attributes[i];
        }
        return null;
    }

    public IEnumerable<HclBlock> GetBlocks(string type) => Blocks.Where(b => b.Type == type);
}

public abstract class HclBodyItem : HclNode
{
    protected HclBodyItem(TextSpan span)
        : base(span)
    {
    }
}

/// <summary><c>name = expression</c>.</summary>
public sealed class HclAttribute : HclBodyItem
{
    public HclAttribute(string name, TextSpan nameSpan, TextSpan equalsSpan, HclExpression expression, TextSpan span)
        : base(span)
    {
        Name = name;
        NameSpan = nameSpan;
        EqualsSpan = equalsSpan;
        Expression = expression;
    }

    public string Name { get; }
    public TextSpan NameSpan { get; }
    public TextSpan EqualsSpan { get; }
    public HclExpression Expression { get; }
    public override IEnumerable<HclNode> Children => new HclNode[] { Expression };
}

/// <summary><c>type "label" label { body }</c>.</summary>
public sealed class HclBlock : HclBodyItem
{
    public HclBlock(string type, TextSpan typeSpan, IReadOnlyList<HclBlockLabel> labels, HclBody body, TextSpan openBraceSpan, TextSpan? closeBraceSpan, TextSpan span)
        : base(span)
    {
        Type = type;
        TypeSpan = typeSpan;
        Labels = labels;
        Body = body;
        OpenBraceSpan = openBraceSpan;
        CloseBraceSpan = closeBraceSpan;
    }

    public string Type { get; }
    public TextSpan TypeSpan { get; }
    public IReadOnlyList<HclBlockLabel> Labels { get; }
    public HclBody Body { get; }

    /// <summary>The <c>{</c>; for a block so broken that it has none, the span just after its header.</summary>
    public TextSpan OpenBraceSpan { get; }

    /// <summary>The <c>}</c>, or null when the block is unclosed.</summary>
    public TextSpan? CloseBraceSpan { get; }

    /// <summary>The label values, e.g. <c>["aws_s3_bucket", "logs"]</c>.</summary>
    public IReadOnlyList<string> LabelValues => Labels.Select(l => l.Value).ToList();

    public override IEnumerable<HclNode> Children => new HclNode[] { Body };
}

/// <summary>A block label: a quoted string (escapes decoded) or a bare identifier.</summary>
public sealed record HclBlockLabel(string Value, TextSpan Span, bool IsQuoted);

/// <summary>A name bound by a <c>for</c> expression or directive, with its span.</summary>
public sealed record HclIdentifier(string Name, TextSpan Span);

/// <summary>Walk helpers.</summary>
public static class HclNodeExtensions
{
    /// <summary>All expressions of a body, its blocks and nested blocks, in source order.</summary>
    public static IEnumerable<HclExpression> AllExpressions(this HclBody body) => body.DescendantsAndSelf().OfType<HclExpression>();

    /// <summary>Every block in the body and nested bodies, depth first.</summary>
    public static IEnumerable<HclBlock> AllBlocks(this HclBody body) => body.DescendantsAndSelf().OfType<HclBlock>();

    internal static int MaxOrZero(this IEnumerable<int> values)
    {
        int max = 0;
        foreach (int value in values) max = Math.Max(max, value);
        return max;
    }
}
