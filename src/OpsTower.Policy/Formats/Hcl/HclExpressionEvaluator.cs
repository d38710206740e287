using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Formats.Hcl;

/// <summary>
/// Evaluates expressions to <see cref="HclValue"/>s: literals, templates, operators, conditionals, tuples, objects,
/// <c>for</c> expressions, splats, indexing and attribute access. Variables and functions come from optional
/// callbacks; a variable or function they do not know (or return null for) is unknown, and unknown stays unknown
/// through every operation, so a partial configuration still evaluates as far as it can. Type errors are collected
/// in <see cref="Diagnostics"/> at the span of the offending expression, and give unknown.
/// </summary>
public sealed class HclExpressionEvaluator
{
    private readonly Func<string, HclValue?>? _variables;
    private readonly Func<string, IReadOnlyList<HclValue>, HclValue?>? _functions;
    private readonly List<ParseDiagnostic> _diagnostics = new();
    private bool _stackExhaustionReported;

    /// <param name="variables">Resolves a root variable name (<c>var</c>, <c>local</c>, <c>each</c>…); null means unknown.</param>
    /// <param name="functions">Calls a function by its full name with evaluated arguments; null means unknown.</param>
    public HclExpressionEvaluator(Func<string, HclValue?>? variables = null, Func<string, IReadOnlyList<HclValue>, HclValue?>? functions = null)
    {
        _variables = variables;
        _functions = functions;
    }

    /// <summary>Errors found by every evaluation so far.</summary>
    public IReadOnlyList<ParseDiagnostic> Diagnostics => _diagnostics;

    public HclValue Evaluate(HclExpression expression) => Evaluate(expression, null);

    /// <summary>Names bound by <c>for</c> expressions, and the element a splat is applied to.</summary>
    private sealed class Scope
    {
        public Scope(Scope? parent, string? name, HclValue value, HclSplatItemExpression? splatItem = null)
        {
            Parent = parent;
            Name = name;
            Value = value;
            SplatItem = splatItem;
        }

        public Scope? Parent { get; }
        public string? Name { get; }
        public HclValue Value { get; }
        public HclSplatItemExpression? SplatItem { get; }
    }

    private HclValue Evaluate(HclExpression expression, Scope? scope)
    {
        if (!HclStackGuard.HasRoom())
        {
            if (_stackExhaustionReported) return HclValue.Unknown;
            _stackExhaustionReported = true;
            return Fail(expression.Span, "Expression too deeply nested to evaluate on this thread's stack; it is treated as unknown.");
        }
        switch (expression)
        {
            case HclLiteralExpression literal: return literal.Value;
            case HclTemplateExpression template: return EvaluateTemplate(template, scope);
            case HclTemplateLiteralExpression literal: return HclValue.FromString(literal.Value);
            case HclTemplateInterpolationExpression interpolation: return Evaluate(interpolation.Expression, scope);
            case HclTemplateIfExpression or HclTemplateForExpression: return EvaluateTemplate(new HclTemplateExpression(HclTemplateKind.DirectiveBody, new[] { expression }, expression.Span), scope);
            case HclScopeTraversalExpression traversal: return Traverse(LookUp(traversal.RootName, scope), traversal.Traversal, 1);
            case HclRelativeTraversalExpression relative: return Traverse(Evaluate(relative.Source, scope), relative.Traversal, 0);
            case HclIndexExpression index: return Index(Evaluate(index.Collection, scope), Evaluate(index.Key, scope), index.Key.Span);
            case HclFunctionCallExpression call: return Call(call, scope);
            case HclConditionalExpression conditional: return EvaluateConditional(conditional, scope);
            case HclBinaryExpression binary: return EvaluateBinary(binary, scope);
            case HclUnaryExpression unary: return EvaluateUnary(unary, scope);
            case HclTupleExpression tuple: return EvaluateTuple(tuple, scope);
            case HclObjectExpression @object: return EvaluateObject(@object, scope);
            case HclForExpression @for: return EvaluateFor(@for, scope);
            case HclSplatExpression splat: return EvaluateSplat(splat, scope);
            case HclSplatItemExpression item: return SplatItemValue(item, scope);
            case HclParenthesesExpression parentheses: return Evaluate(parentheses.Expression, scope);
            default: return HclValue.Unknown;
        }
    }

    private HclValue Fail(TextSpan span, string message)
    {
        _diagnostics.Add(new ParseDiagnostic(DiagnosticSeverity.Error, message, span));
        return HclValue.Unknown;
    }

    private HclValue LookUp(string name, Scope? scope)
    {
        for (Scope? s = scope; s is not null; s = s.Parent)
        {
            if (s.Name == name) return s.Value;
        }
        return _variables?.Invoke(name) ?? HclValue.Unknown;
    }

    private static HclValue SplatItemValue(HclSplatItemExpression item, Scope? scope)
    {
        for (Scope? s = scope; s is not null; s = s.Parent)
        {
            if (ReferenceEquals(s.SplatItem, item)) return s.Value;
        }
        return HclValue.Unknown;
    }

    /// <summary>The tuple of the elements, or unknown when one of them is unknown at the top level.</summary>
    /// <remarks>
    /// A loop, not a lambda: a lambda capturing <c>scope</c> in <see cref="Evaluate(HclExpression, Scope?)"/> made
    /// the compiler allocate its closure on every call of that method, whatever the expression.
    /// </remarks>
    private HclValue EvaluateTuple(HclTupleExpression tuple, Scope? scope)
    {
        var values = new List<HclValue>(tuple.Elements.Count);
        bool known = true;
        for (int i = 0; i < tuple.Elements.Count; i++)
        {
            HclValue value = Evaluate(tuple.Elements[i], scope);
            known &= value.IsKnown;
            values.Add(value);
        }
        return known ? HclValue.TupleOf(values) : HclValue.Unknown;
    }

    // ---- templates ----

    private HclValue EvaluateTemplate(HclTemplateExpression template, Scope? scope)
    {
        // A template that is one interpolation and nothing else yields the value itself, not its string form.
        if (template.Kind != HclTemplateKind.DirectiveBody && template.Parts.Count == 1 && template.Parts[0] is HclTemplateInterpolationExpression only)
            return Evaluate(only.Expression, scope);

        var builder = new StringBuilder();
        bool known = AppendTemplate(builder, template, scope);
        return known ? HclValue.FromString(builder.ToString()) : HclValue.Unknown;
    }

    /// <summary>Appends the parts' text; false when some part is unknown.</summary>
    private bool AppendTemplate(StringBuilder builder, HclTemplateExpression template, Scope? scope)
    {
        bool known = true;
        // Indexing, not foreach: foreach over an IReadOnlyList boxes its enumerator.
        for (int i = 0; i < template.Parts.Count; i++)
        {
            HclExpression part = template.Parts[i];
            switch (part)
            {
                case HclTemplateLiteralExpression literal:
                    builder.Append(literal.Value);
                    break;
                case HclTemplateIfExpression @if:
                    bool? condition = ToBool(Evaluate(@if.Condition, scope), @if.Condition.Span);
                    if (condition is null) known = false;
                    else if (condition.Value) known &= AppendTemplate(builder, @if.Then, scope);
                    else if (@if.Else is not null) known &= AppendTemplate(builder, @if.Else, scope);
                    break;
                case HclTemplateForExpression @for:
                    HclValue collection = Evaluate(@for.Collection, scope);
                    List<(HclValue Key, HclValue Value)>? elements = Iterate(collection, @for.Collection.Span);
                    if (elements is null)
                    {
                        known = false;
                        break;
                    }
                    foreach ((HclValue key, HclValue value) in elements)
                    {
                        known &= AppendTemplate(builder, @for.Body, Bind(scope, @for.KeyVariable, key, @for.ValueVariable, value));
                    }
                    break;
                default:
                    HclValue result = Evaluate(part is HclTemplateInterpolationExpression interpolation ? interpolation.Expression : part, scope);
                    string? text = TemplateText(result, part.Span);
                    if (text is null) known = false;
                    else builder.Append(text);
                    break;
            }
        }
        return known;
    }

    private string? TemplateText(HclValue value, TextSpan span)
    {
        if (!value.IsKnown) return null;
        if (value.IsNull)
        {
            Fail(span, "Invalid template interpolation value: the expression result is null; a string is required.");
            return null;
        }
        string? text = ToText(value);
        if (text is null) Fail(span, $"Invalid template interpolation value: cannot include a {value.Kind.ToString().ToLowerInvariant()} in a string template; a string is required.");
        return text;
    }

    // ---- conversions (HCL converts strings, numbers and bools into each other where the text allows) ----

    private static string? ToText(HclValue value) => value.Kind switch
    {
        HclValueKind.String => value.AsString(),
        HclValueKind.Number => HclValue.FormatNumber(value.AsNumber()),
        HclValueKind.Bool => value.AsBool() ? "true" : "false",
        _ => null,
    };

    /// <summary>The number, or null when unknown (or not a number: reported).</summary>
    private decimal? ToNumber(HclValue value, TextSpan span)
    {
        if (!value.IsKnown) return null;
        if (value.Kind == HclValueKind.Number) return value.AsNumber();
        if (value.Kind == HclValueKind.String
            && decimal.TryParse(value.AsString(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out decimal parsed))
            return parsed;
        Fail(span, $"Invalid operand: a number is required, not {Describe(value)}.");
        return null;
    }

    /// <summary>The bool, or null when unknown (or not a bool: reported).</summary>
    private bool? ToBool(HclValue value, TextSpan span)
    {
        if (!value.IsKnown) return null;
        if (value.Kind == HclValueKind.Bool) return value.AsBool();
        if (value.Kind == HclValueKind.String && (value.AsString() == "true" || value.AsString() == "false")) return value.AsString() == "true";
        Fail(span, $"Invalid operand: a bool is required, not {Describe(value)}.");
        return null;
    }

    private static string Describe(HclValue value) => value.Kind == HclValueKind.Null ? "null" : "a " + value.Kind.ToString().ToLowerInvariant();

    // ---- operators ----

    private HclValue EvaluateConditional(HclConditionalExpression conditional, Scope? scope)
    {
        bool? condition = ToBool(Evaluate(conditional.Condition, scope), conditional.Condition.Span);
        if (condition is null) return HclValue.Unknown;
        return Evaluate(condition.Value ? conditional.TrueResult : conditional.FalseResult, scope);
    }

    private HclValue EvaluateUnary(HclUnaryExpression unary, Scope? scope)
    {
        HclValue operand = Evaluate(unary.Operand, scope);
        if (unary.Operator == HclUnaryOperator.Not)
        {
            bool? value = ToBool(operand, unary.Operand.Span);
            return value is null ? HclValue.Unknown : HclValue.FromBool(!value.Value);
        }
        decimal? number = ToNumber(operand, unary.Operand.Span);
        return number is null ? HclValue.Unknown : HclValue.FromNumber(-number.Value);
    }

    private HclValue EvaluateBinary(HclBinaryExpression binary, Scope? scope)
    {
        HclValue left = Evaluate(binary.Left, scope);
        switch (binary.Operator)
        {
            case HclBinaryOperator.And:
            case HclBinaryOperator.Or:
                // Short-circuit as HCL does: "false && x" is false and "true || x" true, whatever x is.
                bool? leftBool = ToBool(left, binary.Left.Span);
                bool decisive = binary.Operator == HclBinaryOperator.Or;
                if (leftBool == decisive) return HclValue.FromBool(decisive);
                bool? rightBool = ToBool(Evaluate(binary.Right, scope), binary.Right.Span);
                if (rightBool == decisive) return HclValue.FromBool(decisive);
                return leftBool is null || rightBool is null ? HclValue.Unknown : HclValue.FromBool(!decisive);
            case HclBinaryOperator.Equal:
            case HclBinaryOperator.NotEqual:
                HclValue right = Evaluate(binary.Right, scope);
                if (!left.IsWhollyKnown || !right.IsWhollyKnown) return HclValue.Unknown;
                return HclValue.FromBool(left.Equals(right) == (binary.Operator == HclBinaryOperator.Equal));
        }

        decimal? a = ToNumber(left, binary.Left.Span);
        decimal? b = ToNumber(Evaluate(binary.Right, scope), binary.Right.Span);
        if (a is null || b is null) return HclValue.Unknown;
        decimal x = a.Value;
        decimal y = b.Value;
        try
        {
            switch (binary.Operator)
            {
                case HclBinaryOperator.LessThan: return HclValue.FromBool(x < y);
                case HclBinaryOperator.LessThanOrEqual: return HclValue.FromBool(x <= y);
                case HclBinaryOperator.GreaterThan: return HclValue.FromBool(x > y);
                case HclBinaryOperator.GreaterThanOrEqual: return HclValue.FromBool(x >= y);
                case HclBinaryOperator.Add: return HclValue.FromNumber(x + y);
                case HclBinaryOperator.Subtract: return HclValue.FromNumber(x - y);
                case HclBinaryOperator.Multiply: return HclValue.FromNumber(x * y);
                default:
                    if (y == 0) return Fail(binary.Right.Span, "Division by zero: the right operand is zero.");
                    return HclValue.FromNumber(binary.Operator == HclBinaryOperator.Divide ? x / y : x % y);
            }
        }
        catch (OverflowException)
        {
            return Fail(binary.Span, "Arithmetic overflow: the result is too large to represent.");
        }
    }

    // ---- collections ----

    private HclValue EvaluateObject(HclObjectExpression @object, Scope? scope)
    {
        var attributes = new List<KeyValuePair<string, HclValue>>(@object.Items.Count);
        bool known = true;
        for (int i = 0; i < @object.Items.Count; i++)
        {
            HclObjectItem item = @object.Items[i];
            string? name = item.Key is HclScopeTraversalExpression { Traversal.Count: 1 } bare ? bare.RootName : KeyText(Evaluate(item.Key, scope), item.Key.Span);
            HclValue value = Evaluate(item.Value, scope);
            if (name is null) known = false;
            else attributes.Add(new KeyValuePair<string, HclValue>(name, value));
        }
        return known ? HclValue.Object(attributes) : HclValue.Unknown;
    }

    /// <summary>An object key as text, or null when unknown (or unusable: reported).</summary>
    private string? KeyText(HclValue key, TextSpan span)
    {
        if (!key.IsKnown) return null;
        string? text = ToText(key);
        if (text is null) Fail(span, $"Invalid object key: a string is required, not {Describe(key)}.");
        return text;
    }

    /// <summary>(key, value) pairs of a tuple (index keys) or object (name keys, sorted); null when unknown or not iterable (reported).</summary>
    private List<(HclValue Key, HclValue Value)>? Iterate(HclValue collection, TextSpan span)
    {
        switch (collection.Kind)
        {
            case HclValueKind.Unknown:
                return null;
            case HclValueKind.Tuple:
                return collection.Elements.Select((element, i) => (HclValue.FromNumber(i), element)).ToList();
            case HclValueKind.Object:
                return collection.Attributes.Select(pair => (HclValue.FromString(pair.Key), pair.Value)).ToList();
            default:
                Fail(span, $"Iteration over a non-collection: a tuple or object is required, not {Describe(collection)}.");
                return null;
        }
    }

    private static Scope Bind(Scope? scope, HclIdentifier? keyVariable, HclValue key, HclIdentifier valueVariable, HclValue value)
    {
        Scope withKey = keyVariable is null ? new Scope(scope, null, HclValue.Null) : new Scope(scope, keyVariable.Name, key);
        return new Scope(withKey, valueVariable.Name, value);
    }

    private HclValue EvaluateFor(HclForExpression @for, Scope? scope)
    {
        List<(HclValue Key, HclValue Value)>? elements = Iterate(Evaluate(@for.Collection, scope), @for.Collection.Span);
        if (elements is null) return HclValue.Unknown;

        bool known = true;
        // Only the kind of result the expression makes: a tuple, or an object grouped by key.
        var tupleResults = @for.KeyResult is null ? new List<HclValue>(elements.Count) : null;
        var objectResults = @for.KeyResult is null ? null : new Dictionary<string, List<HclValue>>(StringComparer.Ordinal);
        var keyOrder = @for.KeyResult is null ? null : new List<string>();
        foreach ((HclValue key, HclValue value) in elements)
        {
            Scope inner = Bind(scope, @for.KeyVariable, key, @for.ValueVariable, value);
            if (@for.Condition is not null)
            {
                bool? include = ToBool(Evaluate(@for.Condition, inner), @for.Condition.Span);
                if (include is null)
                {
                    known = false;
                    continue;
                }
                if (!include.Value) continue;
            }
            if (@for.KeyResult is null)
            {
                tupleResults!.Add(Evaluate(@for.ValueResult, inner));
                continue;
            }
            string? name = KeyText(Evaluate(@for.KeyResult, inner), @for.KeyResult.Span);
            HclValue result = Evaluate(@for.ValueResult, inner);
            if (name is null)
            {
                known = false;
                continue;
            }
            if (!objectResults!.TryGetValue(name, out List<HclValue>? group))
            {
                objectResults.Add(name, group = new List<HclValue>());
                keyOrder!.Add(name);
            }
            else if (!@for.IsGrouped)
            {
                return Fail(@for.KeyResult.Span, $"Duplicate object key \"{name}\": two elements produce the same key; add \"...\" after the value expression to group them.");
            }
            group.Add(result);
        }
        if (!known) return HclValue.Unknown;
        if (tupleResults is not null) return HclValue.TupleOf(tupleResults);
        return HclValue.Object(keyOrder!.Select(name => new KeyValuePair<string, HclValue>(name, @for.IsGrouped ? HclValue.Tuple(objectResults![name]) : objectResults![name][0])));
    }

    private HclValue EvaluateSplat(HclSplatExpression splat, Scope? scope)
    {
        HclValue source = Evaluate(splat.Source, scope);
        if (!source.IsKnown) return HclValue.Unknown;
        if (source.IsNull) return HclValue.EmptyTuple;
        IReadOnlyList<HclValue> elements = source.Kind == HclValueKind.Tuple ? source.Elements : new[] { source };
        if (splat.Each is null) return HclValue.Tuple(elements);
        return HclValue.Tuple(elements.Select(element => Evaluate(splat.Each, new Scope(scope, null, element, splat.Item))).ToList());
    }

    private HclValue Call(HclFunctionCallExpression call, Scope? scope)
    {
        var arguments = new List<HclValue>(call.Arguments.Count);
        for (int i = 0; i < call.Arguments.Count; i++) arguments.Add(Evaluate(call.Arguments[i], scope));
        if (call.ExpandFinalArgument && arguments.Count > 0)
        {
            HclValue last = arguments[arguments.Count - 1];
            if (!last.IsKnown) return HclValue.Unknown;
            if (last.Kind != HclValueKind.Tuple) return Fail(call.Arguments[call.Arguments.Count - 1].Span, "Invalid expanding argument value: the argument before \"...\" must be a tuple or list.");
            arguments.RemoveAt(arguments.Count - 1);
            arguments.AddRange(last.Elements);
        }
        return _functions?.Invoke(call.Name, arguments) ?? HclValue.Unknown;
    }

    // ---- traversal ----

    private HclValue Traverse(HclValue value, IReadOnlyList<HclTraverser> steps, int first)
    {
        for (int i = first; i < steps.Count && value.IsKnown; i++)
        {
            value = steps[i] switch
            {
                HclTraverseAttribute attribute => GetAttribute(value, attribute.Name, attribute.Span),
                HclTraverseIndex index => Index(value, index.Key, index.Span),
                _ => HclValue.Unknown,
            };
        }
        return value;
    }

    private HclValue GetAttribute(HclValue value, string name, TextSpan span)
    {
        if (!value.IsKnown) return HclValue.Unknown;
        if (value.Kind != HclValueKind.Object) return Fail(span, $"Unsupported attribute: cannot access attribute \"{name}\" of {Describe(value)}.");
        return value.Attributes.TryGetValue(name, out HclValue? attribute)
            ? attribute
            : Fail(span, $"Unsupported attribute: this object has no attribute named \"{name}\".");
    }

    private HclValue Index(HclValue collection, HclValue key, TextSpan span)
    {
        if (!collection.IsKnown || !key.IsKnown) return HclValue.Unknown;
        if (collection.Kind == HclValueKind.Tuple)
        {
            decimal? number = ToNumber(key, span);
            if (number is null) return HclValue.Unknown;
            decimal index = number.Value;
            if (index != decimal.Truncate(index) || index < 0 || index >= collection.Elements.Count)
                return Fail(span, $"Invalid index: the tuple has {collection.Elements.Count} elements; {HclValue.FormatNumber(index)} is not one of their indexes.");
            return collection.Elements[(int)index];
        }
        if (collection.Kind == HclValueKind.Object)
        {
            string? name = KeyText(key, span);
            if (name is null) return HclValue.Unknown;
            return collection.Attributes.TryGetValue(name, out HclValue? value) ? value : Fail(span, $"Invalid index: the object has no element with the key \"{name}\".");
        }
        return Fail(span, $"Invalid index: {Describe(collection)} cannot be indexed.");
    }
}
