using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using OpsTower.Policy.Formats.Hcl;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Formats.Terraform;

/// <summary>
/// Evaluates Terraform expressions with <see cref="HclExpressionEvaluator"/>, adding the built-in functions and
/// <c>try</c>/<c>can</c>. Those two must tell an argument that failed (try the next) from one that is merely unknown
/// (the result is unknown), while the HCL evaluator gives unknown for both. So each expression is evaluated from a
/// copy whose function calls are renamed <c>name\u0001n</c>: a call then knows its own arguments' spans, and an
/// argument failed when an error was recorded inside its span since the call last ran.
/// </summary>
internal static class TerraformEvaluator
{
    private const char CallMarker = '\u0001';

    private static readonly ConditionalWeakTable<HclExpression, PreparedExpression> Prepared = new();

    /// <param name="files">What the file functions may read; null when there is nothing to read (they give unknown).</param>
    public static HclValue Evaluate(HclExpression expression, Func<string, HclValue?> variables, TerraformFileContext? files = null) =>
        Evaluate(expression, variables, files, out _);

    /// <param name="failed">Set when an error occurred that no <c>try</c> or <c>can</c> handled: Terraform would reject the expression.</param>
    public static HclValue Evaluate(HclExpression expression, Func<string, HclValue?> variables, TerraformFileContext? files, out bool failed)
    {
        PreparedExpression prepared = Prepared.GetValue(expression, e => new PreparedExpression(e));
        if (prepared.Calls.Count == 0)
        {
            var evaluator = new HclExpressionEvaluator(variables);
            HclValue value = evaluator.Evaluate(prepared.Expression);
            failed = evaluator.Diagnostics.Count > 0;
            return value;
        }
        var session = new Session(prepared, variables, files);
        HclValue result = session.Evaluate();
        failed = session.HasUnhandledErrors;
        return result;
    }

    /// <summary>One evaluation: the errors so far, and where each call's last run left off.</summary>
    private sealed class Session
    {
        private readonly PreparedExpression _prepared;
        private readonly HclExpressionEvaluator _evaluator;
        private readonly List<TextSpan> _functionErrors = new();

        // By call index: (0, 0) until the call has run. An array, not a dictionary: every session of a prepared
        // expression has the same calls.
        private readonly (int Diagnostics, int FunctionErrors)[] _checkpoints;

        // Created at the first handled error: most evaluations have none.
        private HashSet<(bool FromFunction, int Index)>? _handled;
        private readonly TerraformFileContext? _files;

        public Session(PreparedExpression prepared, Func<string, HclValue?> variables, TerraformFileContext? files)
        {
            _prepared = prepared;
            _files = files;
            _checkpoints = new (int, int)[prepared.Calls.Count];
            _evaluator = new HclExpressionEvaluator(variables, Call);
        }

        public HclValue Evaluate() => _evaluator.Evaluate(_prepared.Expression);

        public bool HasUnhandledErrors
        {
            get
            {
                for (int i = 0; i < _evaluator.Diagnostics.Count; i++)
                {
                    if (_handled is null || !_handled.Contains((false, i))) return true;
                }
                for (int i = 0; i < _functionErrors.Count; i++)
                {
                    if (_handled is null || !_handled.Contains((true, i))) return true;
                }
                return false;
            }
        }

        private HclValue? Call(string markedName, IReadOnlyList<HclValue> args)
        {
            int marker = markedName.IndexOf(CallMarker);
            if (marker < 0) return null;
            // The index is the digits Rewrite appended, and the name the call's own, both read without allocating.
            int id = 0;
            for (int i = marker + 1; i < markedName.Length; i++) id = id * 10 + (markedName[i] - '0');
            string name = _prepared.Names[id];
            HclFunctionCallExpression call = _prepared.Calls[id];
            HclValue result;
            if (name == "try" || name == "can")
            {
                var failed = new bool[call.Arguments.Count];
                bool allFailed = true;
                for (int i = 0; i < failed.Length; i++)
                {
                    failed[i] = FailedSince(id, call.Arguments[i].Span);
                    allFailed &= failed[i];
                }
                result = name == "try" ? Try(args, failed) : Can(args, failed);
                // When every argument fails, so does try, and an enclosing try moves on.
                if (name == "try" && allFailed) _functionErrors.Add(call.Span);
            }
            else
            {
                result = TerraformFunctions.Call(name, args, _files, out bool error);
                if (error) _functionErrors.Add(call.Span);
            }
            _checkpoints[id] = (_evaluator.Diagnostics.Count, _functionErrors.Count);
            return result;
        }

        /// <summary>Whether an error not yet handled by an inner try was recorded inside the span since this call last ran; marks those handled.</summary>
        private bool FailedSince(int callId, TextSpan span)
        {
            var since = _checkpoints[callId];
            bool failed = false;
            for (int i = since.Diagnostics; i < _evaluator.Diagnostics.Count; i++)
                failed |= span.Contains(_evaluator.Diagnostics[i].Span) && (_handled ??= new()).Add((false, i));
            for (int i = since.FunctionErrors; i < _functionErrors.Count; i++)
                failed |= span.Contains(_functionErrors[i]) && (_handled ??= new()).Add((true, i));
            return failed;
        }

        private static HclValue Try(IReadOnlyList<HclValue> args, bool[] failed)
        {
            for (int i = 0; i < args.Count && i < failed.Length; i++)
            {
                if (!failed[i]) return args[i];
            }
            return HclValue.Unknown;
        }

        private static HclValue Can(IReadOnlyList<HclValue> args, bool[] failed)
        {
            if (args.Count == 0) return HclValue.Unknown;
            if (failed[0]) return HclValue.False;
            return args[0].IsKnown ? HclValue.True : HclValue.Unknown;
        }
    }

    /// <summary>A copy of an expression with every function call renamed to carry its index in <see cref="Calls"/>.</summary>
    private sealed class PreparedExpression
    {
        public PreparedExpression(HclExpression original) => Expression = Rewrite(original);

        public HclExpression Expression { get; }
        public List<HclFunctionCallExpression> Calls { get; } = new();

        /// <summary>Each call's name as written (before renaming), by the same index.</summary>
        public List<string> Names { get; } = new();

        private HclExpression Rewrite(HclExpression e)
        {
            switch (e)
            {
                case HclFunctionCallExpression call:
                {
                    var arguments = RewriteAll(call.Arguments);
                    int id = Calls.Count;
                    var renamed = new HclFunctionCallExpression(call.Name + CallMarker + id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        call.NameSpan, arguments, call.ExpandFinalArgument, call.OpenParenSpan, call.Span);
                    Calls.Add(renamed);
                    Names.Add(call.Name);
                    return renamed;
                }
                case HclTemplateExpression template:
                    return Same(template.Parts, out var parts) ? e : new HclTemplateExpression(template.Kind, parts, template.Span, template.HeredocMarker);
                case HclTemplateInterpolationExpression interpolation:
                    var inner = Rewrite(interpolation.Expression);
                    return inner == interpolation.Expression ? e : new HclTemplateInterpolationExpression(inner, interpolation.StripBefore, interpolation.StripAfter, interpolation.Span);
                case HclTemplateIfExpression @if:
                {
                    var condition = Rewrite(@if.Condition);
                    var then = (HclTemplateExpression)Rewrite(@if.Then);
                    var @else = @if.Else is null ? null : (HclTemplateExpression)Rewrite(@if.Else);
                    return condition == @if.Condition && then == @if.Then && @else == @if.Else ? e : new HclTemplateIfExpression(condition, then, @else, @if.Span);
                }
                case HclTemplateForExpression @for:
                {
                    var collection = Rewrite(@for.Collection);
                    var body = (HclTemplateExpression)Rewrite(@for.Body);
                    return collection == @for.Collection && body == @for.Body ? e : new HclTemplateForExpression(@for.KeyVariable, @for.ValueVariable, collection, body, @for.Span);
                }
                case HclRelativeTraversalExpression relative:
                    var source = Rewrite(relative.Source);
                    return source == relative.Source ? e : new HclRelativeTraversalExpression(source, relative.Traversal, relative.Span);
                case HclIndexExpression index:
                {
                    var collection = Rewrite(index.Collection);
                    var key = Rewrite(index.Key);
                    return collection == index.Collection && key == index.Key ? e : new HclIndexExpression(collection, key, index.Span);
                }
                case HclConditionalExpression conditional:
                {
                    var condition = Rewrite(conditional.Condition);
                    var whenTrue = Rewrite(conditional.TrueResult);
                    var whenFalse = Rewrite(conditional.FalseResult);
                    return condition == conditional.Condition && whenTrue == conditional.TrueResult && whenFalse == conditional.FalseResult
                        ? e : new HclConditionalExpression(condition, whenTrue, whenFalse, conditional.Span);
                }
                case HclBinaryExpression binary:
                {
                    var left = Rewrite(binary.Left);
                    var right = Rewrite(binary.Right);
                    return left == binary.Left && right == binary.Right ? e : new HclBinaryExpression(left, binary.Operator, binary.OperatorSpan, right, binary.Span);
                }
                case HclUnaryExpression unary:
                    var operand = Rewrite(unary.Operand);
                    return operand == unary.Operand ? e : new HclUnaryExpression(unary.Operator, operand, unary.Span);
                case HclTupleExpression tuple:
                    return Same(tuple.Elements, out var elements) ? e : new HclTupleExpression(elements, tuple.Span);
                case HclObjectExpression @object:
                {
                    bool same = true;
                    var items = new List<HclObjectItem>();
                    foreach (HclObjectItem item in @object.Items)
                    {
                        var key = Rewrite(item.Key);
                        var value = Rewrite(item.Value);
                        same &= key == item.Key && value == item.Value;
                        items.Add(key == item.Key && value == item.Value ? item : new HclObjectItem(key, value, item.Span));
                    }
                    return same ? e : new HclObjectExpression(items, @object.Span);
                }
                case HclForExpression @for:
                {
                    var collection = Rewrite(@for.Collection);
                    var key = @for.KeyResult is null ? null : Rewrite(@for.KeyResult);
                    var value = Rewrite(@for.ValueResult);
                    var condition = @for.Condition is null ? null : Rewrite(@for.Condition);
                    return collection == @for.Collection && key == @for.KeyResult && value == @for.ValueResult && condition == @for.Condition
                        ? e : new HclForExpression(@for.KeyVariable, @for.ValueVariable, collection, key, value, @for.IsGrouped, condition, @for.Span);
                }
                case HclSplatExpression splat:
                {
                    // The item node keeps its identity: the evaluator binds the element to it.
                    var splatSource = Rewrite(splat.Source);
                    var each = splat.Each is null ? null : Rewrite(splat.Each);
                    return splatSource == splat.Source && each == splat.Each ? e : new HclSplatExpression(splatSource, each, splat.Item, splat.IsFullSplat, splat.Span);
                }
                case HclParenthesesExpression parentheses:
                    var expression = Rewrite(parentheses.Expression);
                    return expression == parentheses.Expression ? e : new HclParenthesesExpression(expression, parentheses.Span);
                default:
                    return e;
            }
        }

        /// <summary>A loop, not <c>Select(Rewrite)</c>, which made a delegate and an iterator per list.</summary>
        private List<HclExpression> RewriteAll(IReadOnlyList<HclExpression> originals)
        {
            var rewritten = new List<HclExpression>(originals.Count);
            for (int i = 0; i < originals.Count; i++) rewritten.Add(Rewrite(originals[i]));
            return rewritten;
        }

        private bool Same(IReadOnlyList<HclExpression> originals, out List<HclExpression> rewritten)
        {
            rewritten = RewriteAll(originals);
            for (int i = 0; i < originals.Count; i++)
            {
                if (rewritten[i] != originals[i]) return false;
            }
            return true;
        }
    }
}
