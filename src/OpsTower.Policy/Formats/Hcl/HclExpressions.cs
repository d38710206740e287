using System.Collections.Generic;
using System.Linq;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Formats.Hcl;

/// <summary>An expression; <see cref="HclExpressionEvaluator"/> evaluates it, <see cref="HclTraversal"/> reads references out of it.</summary>
public abstract class HclExpression : HclNode
{
    protected HclExpression(TextSpan span)
        : base(span)
    {
    }

    /// <summary>The string when this is a string literal (a quoted or heredoc template without sequences), else null.</summary>
    public string? AsStringLiteral() => this is HclTemplateExpression template ? template.LiteralValue : null;
}

/// <summary>A number, <c>true</c>, <c>false</c> or <c>null</c>.</summary>
public sealed class HclLiteralExpression : HclExpression
{
    public HclLiteralExpression(HclValue value, TextSpan span)
        : base(span) => Value = value;

    /// <summary>The value; a number too large for <see cref="decimal"/> is an unknown number.</summary>
    public HclValue Value { get; }

    public override IEnumerable<HclNode> Children => Enumerable.Empty<HclNode>();
}

public enum HclTemplateKind
{
    /// <summary><c>"…"</c></summary>
    Quoted,

    /// <summary><c>&lt;&lt;EOT</c> … <c>EOT</c></summary>
    Heredoc,

    /// <summary><c>&lt;&lt;-EOT</c> … <c>EOT</c>: common leading indentation removed.</summary>
    IndentedHeredoc,

    /// <summary>A whole file parsed with <see cref="HclParser.ParseTemplate"/>.</summary>
    Standalone,

    /// <summary>The body of a <c>%{if}</c> branch or <c>%{for}</c> loop.</summary>
    DirectiveBody,
}

/// <summary>A template: literal text, interpolations and directives, producing a string.</summary>
public sealed class HclTemplateExpression : HclExpression
{
    public HclTemplateExpression(HclTemplateKind kind, IReadOnlyList<HclExpression> parts, TextSpan span, string? heredocMarker = null)
        : base(span)
    {
        Kind = kind;
        Parts = parts;
        HeredocMarker = heredocMarker;
    }

    public HclTemplateKind Kind { get; }

    /// <summary><see cref="HclTemplateLiteralExpression"/>, <see cref="HclTemplateInterpolationExpression"/>, <see cref="HclTemplateIfExpression"/> and <see cref="HclTemplateForExpression"/>.</summary>
    public IReadOnlyList<HclExpression> Parts { get; }

    /// <summary>The heredoc's marker (<c>EOT</c>), null for other kinds.</summary>
    public string? HeredocMarker { get; }

    /// <summary>The text when the template has no interpolation or directive (empty for <c>""</c>), else null.</summary>
    public string? LiteralValue => Parts.Count == 0 ? string.Empty
        : Parts.Count == 1 && Parts[0] is HclTemplateLiteralExpression literal ? literal.Value
        : null;

    public override IEnumerable<HclNode> Children => Parts;
}

/// <summary>Literal template text with escapes decoded, strip markers and heredoc indentation applied.</summary>
public sealed class HclTemplateLiteralExpression : HclExpression
{
    public HclTemplateLiteralExpression(string value, TextSpan span)
        : base(span) => Value = value;

    public string Value { get; }
    public override IEnumerable<HclNode> Children => Enumerable.Empty<HclNode>();
}

/// <summary><c>${ expression }</c>; the span covers the delimiters.</summary>
public sealed class HclTemplateInterpolationExpression : HclExpression
{
    public HclTemplateInterpolationExpression(HclExpression expression, bool stripBefore, bool stripAfter, TextSpan span)
        : base(span)
    {
        Expression = expression;
        StripBefore = stripBefore;
        StripAfter = stripAfter;
    }

    public HclExpression Expression { get; }

    /// <summary><c>${~</c></summary>
    public bool StripBefore { get; }

    /// <summary><c>~}</c></summary>
    public bool StripAfter { get; }

    public override IEnumerable<HclNode> Children => new HclNode[] { Expression };
}

/// <summary><c>%{ if cond }</c> then <c>%{ else }</c> else <c>%{ endif }</c>.</summary>
public sealed class HclTemplateIfExpression : HclExpression
{
    public HclTemplateIfExpression(HclExpression condition, HclTemplateExpression then, HclTemplateExpression? @else, TextSpan span)
        : base(span)
    {
        Condition = condition;
        Then = then;
        Else = @else;
    }

    public HclExpression Condition { get; }
    public HclTemplateExpression Then { get; }
    public HclTemplateExpression? Else { get; }
    public override IEnumerable<HclNode> Children => NonNull(Condition, Then, Else);
}

/// <summary><c>%{ for key, value in collection }</c> body <c>%{ endfor }</c>.</summary>
public sealed class HclTemplateForExpression : HclExpression
{
    public HclTemplateForExpression(HclIdentifier? keyVariable, HclIdentifier valueVariable, HclExpression collection, HclTemplateExpression body, TextSpan span)
        : base(span)
    {
        KeyVariable = keyVariable;
        ValueVariable = valueVariable;
        Collection = collection;
        Body = body;
    }

    public HclIdentifier? KeyVariable { get; }
    public HclIdentifier ValueVariable { get; }
    public HclExpression Collection { get; }
    public HclTemplateExpression Body { get; }
    public override IEnumerable<HclNode> Children => new HclNode[] { Collection, Body };
}

/// <summary>One step of a static traversal.</summary>
public abstract class HclTraverser
{
    protected HclTraverser(TextSpan span) => Span = span;

    public TextSpan Span { get; }
}

/// <summary>The variable a traversal starts from: <c>var</c> in <c>var.x</c>.</summary>
public sealed class HclTraverseRoot : HclTraverser
{
    public HclTraverseRoot(string name, TextSpan span)
        : base(span) => Name = name;

    public string Name { get; }
    public override string ToString() => Name;
}

/// <summary><c>.name</c></summary>
public sealed class HclTraverseAttribute : HclTraverser
{
    public HclTraverseAttribute(string name, TextSpan span)
        : base(span) => Name = name;

    public string Name { get; }
    public override string ToString() => "." + Name;
}

/// <summary><c>[0]</c>, <c>["key"]</c> or legacy <c>.0</c>, with a literal key.</summary>
public sealed class HclTraverseIndex : HclTraverser
{
    public HclTraverseIndex(HclValue key, bool isLegacy, TextSpan span)
        : base(span)
    {
        Key = key;
        IsLegacy = isLegacy;
    }

    public HclValue Key { get; }

    /// <summary>Written as <c>.0</c> (HIL style).</summary>
    public bool IsLegacy { get; }

    public override string ToString() => "[" + Key.ToHclString() + "]";
}

/// <summary>A variable with attribute and literal-index steps: <c>var.x.y[0]</c>, <c>aws_s3_bucket.logs.id</c>.</summary>
public sealed class HclScopeTraversalExpression : HclExpression
{
    public HclScopeTraversalExpression(IReadOnlyList<HclTraverser> traversal, TextSpan span)
        : base(span) => Traversal = traversal;

    /// <summary>Starts with an <see cref="HclTraverseRoot"/>.</summary>
    public IReadOnlyList<HclTraverser> Traversal { get; }

    public string RootName => ((HclTraverseRoot)Traversal[0]).Name;

    public override IEnumerable<HclNode> Children => Enumerable.Empty<HclNode>();
    public override string ToString() => HclTraversal.Render(Traversal);
}

/// <summary>Attribute and literal-index steps applied to a value that is not a variable: <c>f(x).id</c>, <c>(x)[0]</c>, <c>a[b].c</c>.</summary>
public sealed class HclRelativeTraversalExpression : HclExpression
{
    public HclRelativeTraversalExpression(HclExpression source, IReadOnlyList<HclTraverser> traversal, TextSpan span)
        : base(span)
    {
        Source = source;
        Traversal = traversal;
    }

    public HclExpression Source { get; }

    /// <summary><see cref="HclTraverseAttribute"/> and <see cref="HclTraverseIndex"/> steps.</summary>
    public IReadOnlyList<HclTraverser> Traversal { get; }

    public override IEnumerable<HclNode> Children => new HclNode[] { Source };
}

/// <summary><c>collection[key]</c> with a key that is not a literal.</summary>
public sealed class HclIndexExpression : HclExpression
{
    public HclIndexExpression(HclExpression collection, HclExpression key, TextSpan span)
        : base(span)
    {
        Collection = collection;
        Key = key;
    }

    public HclExpression Collection { get; }
    public HclExpression Key { get; }
    public override IEnumerable<HclNode> Children => new HclNode[] { Collection, Key };
}

/// <summary><c>name(arg, …)</c> or namespaced <c>provider::aws::arn_parse(arg)</c>.</summary>
public sealed class HclFunctionCallExpression : HclExpression
{
    public HclFunctionCallExpression(string name, TextSpan nameSpan, IReadOnlyList<HclExpression> arguments, bool expandFinalArgument, TextSpan openParenSpan, TextSpan span)
        : base(span)
    {
        Name = name;
        NameSpan = nameSpan;
        Arguments = arguments;
        ExpandFinalArgument = expandFinalArgument;
        OpenParenSpan = openParenSpan;
    }

    /// <summary>The full name, <c>::</c> separators included.</summary>
    public string Name { get; }

    public TextSpan NameSpan { get; }
    public IReadOnlyList<HclExpression> Arguments { get; }

    /// <summary>The last argument was followed by <c>...</c>: its elements are the trailing arguments.</summary>
    public bool ExpandFinalArgument { get; }

    public TextSpan OpenParenSpan { get; }

    /// <summary>The part before the last <c>::</c> (<c>provider::aws</c>), empty for a plain call.</summary>
    public string Namespace => Name.LastIndexOf("::", System.StringComparison.Ordinal) is var i && i >= 0 ? Name.Substring(0, i) : string.Empty;

    /// <summary>The name after the last <c>::</c>.</summary>
    public string LocalName => Name.LastIndexOf("::", System.StringComparison.Ordinal) is var i && i >= 0 ? Name.Substring(i + 2) : Name;

    public override IEnumerable<HclNode> Children => Arguments;
}

/// <summary><c>condition ? true_result : false_result</c></summary>
public sealed class HclConditionalExpression : HclExpression
{
    public HclConditionalExpression(HclExpression condition, HclExpression trueResult, HclExpression falseResult, TextSpan span)
        : base(span)
    {
        Condition = condition;
        TrueResult = trueResult;
        FalseResult = falseResult;
    }

    public HclExpression Condition { get; }
    public HclExpression TrueResult { get; }
    public HclExpression FalseResult { get; }
    public override IEnumerable<HclNode> Children => new HclNode[] { Condition, TrueResult, FalseResult };
}

public enum HclBinaryOperator
{
    Or,
    And,
    Equal,
    NotEqual,
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
    Add,
    Subtract,
    Multiply,
    Divide,
    Modulo,
}

public sealed class HclBinaryExpression : HclExpression
{
    public HclBinaryExpression(HclExpression left, HclBinaryOperator @operator, TextSpan operatorSpan, HclExpression right, TextSpan span)
        : base(span)
    {
        Left = left;
        Operator = @operator;
        OperatorSpan = operatorSpan;
        Right = right;
    }

    public HclExpression Left { get; }
    public HclBinaryOperator Operator { get; }
    public TextSpan OperatorSpan { get; }
    public HclExpression Right { get; }
    public override IEnumerable<HclNode> Children => new HclNode[] { Left, Right };
}

public enum HclUnaryOperator
{
    /// <summary><c>-</c></summary>
    Negate,

    /// <summary><c>!</c></summary>
    Not,
}

/// <summary><c>-x</c> or <c>!x</c>. A minus directly before a number is folded into a negative <see cref="HclLiteralExpression"/>.</summary>
public sealed class HclUnaryExpression : HclExpression
{
    public HclUnaryExpression(HclUnaryOperator @operator, HclExpression operand, TextSpan span)
        : base(span)
    {
        Operator = @operator;
        Operand = operand;
    }

    public HclUnaryOperator Operator { get; }
    public HclExpression Operand { get; }
    public override IEnumerable<HclNode> Children => new HclNode[] { Operand };
}

/// <summary><c>[a, b, c]</c></summary>
public sealed class HclTupleExpression : HclExpression
{
    public HclTupleExpression(IReadOnlyList<HclExpression> elements, TextSpan span)
        : base(span) => Elements = elements;

    public IReadOnlyList<HclExpression> Elements { get; }
    public override IEnumerable<HclNode> Children => Elements;
}

/// <summary><c>{ key = value, … }</c></summary>
public sealed class HclObjectExpression : HclExpression
{
    public HclObjectExpression(IReadOnlyList<HclObjectItem> items, TextSpan span)
        : base(span) => Items = items;

    public IReadOnlyList<HclObjectItem> Items { get; }
    public override IEnumerable<HclNode> Children => Items;

    /// <summary>The value of the item whose key is that static name, or null.</summary>
    public HclExpression? GetValue(string keyName) => Items.FirstOrDefault(i => i.KeyName == keyName)?.Value;
}

/// <summary>One <c>key = value</c> (or <c>key: value</c>) of an object.</summary>
public sealed class HclObjectItem : HclNode
{
    public HclObjectItem(HclExpression key, HclExpression value, TextSpan span)
        : base(span)
    {
        Key = key;
        Value = value;
    }

    /// <summary>A bare identifier here is a literal name (a one-step <see cref="HclScopeTraversalExpression"/>); wrap it in parentheses to use the variable.</summary>
    public HclExpression Key { get; }

    public HclExpression Value { get; }

    /// <summary>The key when it is a bare identifier or a string literal, else null.</summary>
    public string? KeyName => Key is HclScopeTraversalExpression { Traversal.Count: 1 } traversal ? traversal.RootName : Key.AsStringLiteral();

    public override IEnumerable<HclNode> Children => new HclNode[] { Key, Value };
}

/// <summary><c>[for k, v in coll : result if cond]</c> or <c>{for k, v in coll : key => value... if cond}</c>.</summary>
public sealed class HclForExpression : HclExpression
{
    public HclForExpression(
        HclIdentifier? keyVariable,
        HclIdentifier valueVariable,
        HclExpression collection,
        HclExpression? keyResult,
        HclExpression valueResult,
        bool isGrouped,
        HclExpression? condition,
        TextSpan span)
        : base(span)
    {
        KeyVariable = keyVariable;
        ValueVariable = valueVariable;
        Collection = collection;
        KeyResult = keyResult;
        ValueResult = valueResult;
        IsGrouped = isGrouped;
        Condition = condition;
    }

    public HclIdentifier? KeyVariable { get; }
    public HclIdentifier ValueVariable { get; }
    public HclExpression Collection { get; }

    /// <summary>The expression before <c>=&gt;</c>; null for a tuple <c>for</c>.</summary>
    public HclExpression? KeyResult { get; }

    public HclExpression ValueResult { get; }

    /// <summary>The value was followed by <c>...</c>: values of equal keys are grouped into tuples.</summary>
    public bool IsGrouped { get; }

    public HclExpression? Condition { get; }
    public bool IsObject => KeyResult is not null;
    public override IEnumerable<HclNode> Children => NonNull(Collection, KeyResult, ValueResult, Condition);
}

/// <summary>
/// <c>source[*].each</c> (full splat) or <c>source.*.each</c> (attribute-only splat). <see cref="Each"/> is evaluated once
/// per element with <see cref="Item"/> standing for the element; null when nothing follows the splat.
/// </summary>
public sealed class HclSplatExpression : HclExpression
{
    public HclSplatExpression(HclExpression source, HclExpression? each, HclSplatItemExpression item, bool isFullSplat, TextSpan span)
        : base(span)
    {
        Source = source;
        Each = each;
        Item = item;
        IsFullSplat = isFullSplat;
    }

    public HclExpression Source { get; }
    public HclExpression? Each { get; }
    public HclSplatItemExpression Item { get; }
    public bool IsFullSplat { get; }
    public override IEnumerable<HclNode> Children => NonNull(Source, Each);
}

/// <summary>The current element inside a splat's <see cref="HclSplatExpression.Each"/>; its span is the splat operator.</summary>
public sealed class HclSplatItemExpression : HclExpression
{
    public HclSplatItemExpression(TextSpan span)
        : base(span)
    {
    }

    public override IEnumerable<HclNode> Children => Enumerable.Empty<HclNode>();
}

/// <summary><c>( expression )</c></summary>
public sealed class HclParenthesesExpression : HclExpression
{
    public HclParenthesesExpression(HclExpression expression, TextSpan span)
        : base(span) => Expression = expression;

    public HclExpression Expression { get; }
    public override IEnumerable<HclNode> Children => new HclNode[] { Expression };
}

/// <summary>Stands where no expression could be parsed (a diagnostic says why); evaluates to unknown.</summary>
public sealed class HclInvalidExpression : HclExpression
{
    public HclInvalidExpression(TextSpan span)
        : base(span)
    {
    }

    public override IEnumerable<HclNode> Children => Enumerable.Empty<HclNode>();
}
