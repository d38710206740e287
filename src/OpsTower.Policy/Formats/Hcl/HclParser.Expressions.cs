using System;
using System.Collections.Generic;
using System.Globalization;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Formats.Hcl;

internal sealed partial class HclSyntaxParser
{
    private HclExpression ParseExpression()
    {
        if (TooDeep) return SkipTooDeep();
        _depth++;
        HclExpression expression = ParseConditional();
        _depth--;
        return expression;
    }

    private HclExpression ParseConditional()
    {
        HclExpression condition = ParseBinary(1);
        if (Peek().Kind != HclTokenKind.Question) return condition;
        Read();
        HclExpression trueResult = ParseExpression();
        HclToken colon = Peek();
        HclExpression falseResult;
        if (colon.Kind == HclTokenKind.Colon)
        {
            Read();
            falseResult = ParseExpression();
        }
        else
        {
            Error(colon, "Missing false expression in conditional: the conditional operator (...?...:...) requires a false expression, delimited by a colon.");
            falseResult = new HclInvalidExpression(new TextSpan(_previousEnd, 0));
        }
        return Node(new HclConditionalExpression(condition, trueResult, falseResult, SpanFrom(condition.Span.Start)));
    }

    /// <summary>Binding strength of a binary operator (higher binds tighter), 0 for other tokens.</summary>
    private static int PrecedenceOf(HclTokenKind kind) => kind switch
    {
        HclTokenKind.Or => 1,
        HclTokenKind.And => 2,
        HclTokenKind.EqualEqual or HclTokenKind.NotEqual => 3,
        HclTokenKind.Less or HclTokenKind.LessEqual or HclTokenKind.Greater or HclTokenKind.GreaterEqual => 4,
        HclTokenKind.Plus or HclTokenKind.Minus => 5,
        HclTokenKind.Star or HclTokenKind.Slash or HclTokenKind.Percent => 6,
        _ => 0,
    };

    private static HclBinaryOperator BinaryOperatorOf(HclTokenKind kind) => kind switch
    {
        HclTokenKind.Or => HclBinaryOperator.Or,
        HclTokenKind.And => HclBinaryOperator.And,
        HclTokenKind.EqualEqual => HclBinaryOperator.Equal,
        HclTokenKind.NotEqual => HclBinaryOperator.NotEqual,
        HclTokenKind.Less => HclBinaryOperator.LessThan,
        HclTokenKind.LessEqual => HclBinaryOperator.LessThanOrEqual,
        HclTokenKind.Greater => HclBinaryOperator.GreaterThan,
        HclTokenKind.GreaterEqual => HclBinaryOperator.GreaterThanOrEqual,
        HclTokenKind.Plus => HclBinaryOperator.Add,
        HclTokenKind.Minus => HclBinaryOperator.Subtract,
        HclTokenKind.Star => HclBinaryOperator.Multiply,
        HclTokenKind.Slash => HclBinaryOperator.Divide,
        _ => HclBinaryOperator.Modulo,
    };

    /// <summary>Precedence climbing: operators of one level associate to the left.</summary>
    private HclExpression ParseBinary(int minimumPrecedence)
    {
        HclExpression left = ParseUnary();
        while (true)
        {
            HclToken op = Peek();
            int precedence = PrecedenceOf(op.Kind);
            if (precedence == 0 || precedence < minimumPrecedence) return left;
            Read();
            HclExpression right = ParseBinary(precedence + 1);
            left = Node(new HclBinaryExpression(left, BinaryOperatorOf(op.Kind), op.Span, right, SpanFrom(left.Span.Start)));
        }
    }

    private HclExpression ParseUnary()
    {
        HclToken op = Peek();
        if (op.Kind != HclTokenKind.Minus && op.Kind != HclTokenKind.Bang) return ParsePostfix();
        if (TooDeep) return SkipTooDeep();
        Read();
        _depth++;
        HclExpression operand = ParseUnary();
        _depth--;

        // "-5" is a negative number literal rather than an operation, as HCL's own parser makes it.
        if (op.Kind == HclTokenKind.Minus && operand is HclLiteralExpression { Value.Kind: HclValueKind.Number } number)
        {
            return Node(new HclLiteralExpression(HclValue.FromNumber(-number.Value.AsNumber()), SpanFrom(op.Start)));
        }
        return Node(new HclUnaryExpression(op.Kind == HclTokenKind.Minus ? HclUnaryOperator.Negate : HclUnaryOperator.Not, operand, SpanFrom(op.Start)));
    }

    /// <summary>
    /// A term and its postfix operators. Attribute and literal-index steps gather into a scope traversal
    /// (<c>var.a.b[0]</c>) or a relative traversal on another expression; a computed index or a splat wraps what
    /// came before, as HashiCorp's parser builds it.
    /// </summary>
    private HclExpression ParsePostfix()
    {
        HclToken first = Peek();
        HclExpression? source = null;
        var steps = new List<HclTraverser>();
        if (first.Kind == HclTokenKind.Identifier && !IsLiteralKeyword(first) && !StartsFunctionCall())
        {
            Read();
            steps.Add(new HclTraverseRoot(TextOf(first), first.Span));
        }
        else
        {
            source = ParseTerm();
        }

        HclExpression Materialize()
        {
            if (steps.Count == 0) return source!;
            HclExpression result = source is null
                ? Node(new HclScopeTraversalExpression(steps.ToArray(), TextSpan.FromBounds(steps[0].Span.Start, steps[steps.Count - 1].Span.End)))
                : Node(new HclRelativeTraversalExpression(source, steps.ToArray(), TextSpan.FromBounds(source.Span.Start, Math.Max(source.Span.End, steps[steps.Count - 1].Span.End))));
            steps.Clear();
            source = result;
            return result;
        }

        while (true)
        {
            HclToken next = Peek();
            if (next.Kind == HclTokenKind.Dot)
            {
                Read();
                HclToken afterDot = Peek();
                if (afterDot.Kind == HclTokenKind.Star)
                {
                    Read();
                    HclExpression splatSource = Materialize();
                    var item = new HclSplatItemExpression(TextSpan.FromBounds(next.Start, afterDot.End));
                    HclExpression? each = ParseSplatEach(item, fullSplat: false);
                    source = Node(new HclSplatExpression(splatSource, each, item, isFullSplat: false, SpanFrom(splatSource.Span.Start)));
                    continue;
                }
                HclTraverser? step = ParseDotStep(next);
                if (step is null)
                {
                    Error(afterDot, "Invalid attribute name: an attribute name is required after a dot.");
                    break;
                }
                steps.Add(step);
                continue;
            }

            if (next.Kind == HclTokenKind.OpenBracket)
            {
                Read();
                PushNewlineMode(false);
                if (Peek().Kind == HclTokenKind.Star && IsFollowedByCloseBracket())
                {
                    Read();
                    HclToken close = Read();
                    PopNewlineMode();
                    HclExpression splatSource = Materialize();
                    var item = new HclSplatItemExpression(TextSpan.FromBounds(next.Start, close.End));
                    HclExpression? each = ParseSplatEach(item, fullSplat: true);
                    source = Node(new HclSplatExpression(splatSource, each, item, isFullSplat: true, SpanFrom(splatSource.Span.Start)));
                    continue;
                }

                HclExpression key = ParseIndexKeyAndClose(next);
                PopNewlineMode();
                HclValue? literalKey = LiteralIndexKey(key);
                if (literalKey is not null)
                {
                    steps.Add(new HclTraverseIndex(literalKey, isLegacy: false, SpanFrom(next.Start)));
                }
                else
                {
                    HclExpression collection = Materialize();
                    source = Node(new HclIndexExpression(collection, key, SpanFrom(collection.Span.Start)));
                }
                continue;
            }
            break;
        }
        return Materialize();
    }

    private bool IsLiteralKeyword(HclToken token) => IsKeyword(token, "true") || IsKeyword(token, "false") || IsKeyword(token, "null");

    /// <summary>The identifier at the peek position is followed by <c>(</c> or <c>::</c>.</summary>
    private bool StartsFunctionCall()
    {
        int i = PeekIndex() + 1;
        if (!NewlinesSignificant)
        {
            while (_tokens[i].Kind == HclTokenKind.Newline) i++;
        }
        return _tokens[i].Kind is HclTokenKind.OpenParen or HclTokenKind.DoubleColon;
    }

    private bool IsFollowedByCloseBracket()
    {
        int i = PeekIndex() + 1;
        while (_tokens[i].Kind == HclTokenKind.Newline) i++;
        return _tokens[i].Kind == HclTokenKind.CloseBracket;
    }

    /// <summary>After a dot already read: <c>.name</c> or legacy <c>.0</c>; null (nothing read) otherwise.</summary>
    private HclTraverser? ParseDotStep(HclToken dot)
    {
        HclToken next = Peek();
        if (next.Kind == HclTokenKind.Identifier)
        {
            Read();
            return new HclTraverseAttribute(TextOf(next), TextSpan.FromBounds(dot.Start, next.End));
        }
        if (next.Kind != HclTokenKind.Number) return null;
        Read();
        string digits = TextOf(next);
        if (!IsAllDigits(digits) || !decimal.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out decimal index))
        {
            Error(next, "Invalid legacy index syntax: chained legacy indexes like \".0.0\" are not supported; write \"[0][0]\" instead.");
            return new HclTraverseIndex(HclValue.Unknown, isLegacy: true, TextSpan.FromBounds(dot.Start, next.End));
        }
        return new HclTraverseIndex(HclValue.FromNumber(index), isLegacy: true, TextSpan.FromBounds(dot.Start, next.End));
    }

    private static bool IsAllDigits(string text)
    {
        foreach (char c in text)
        {
            if (c < '0' || c > '9') return false;
        }
        return true;
    }

    /// <summary>After <c>[</c>: the key and the <c>]</c> (reported and skipped to when missing).</summary>
    private HclExpression ParseIndexKeyAndClose(HclToken open)
    {
        HclExpression key = ParseExpression();
        HclToken close = Peek();
        if (close.Kind == HclTokenKind.CloseBracket)
        {
            Read();
        }
        else
        {
            Error(close.Kind == HclTokenKind.EndOfFile ? open : close, "Missing close bracket on index: the index operator must end with a closing bracket (\"]\").");
            Recover(HclTokenKind.CloseBracket);
        }
        return key;
    }

    private static HclValue? LiteralIndexKey(HclExpression key) => key switch
    {
        HclLiteralExpression literal => literal.Value,
        HclTemplateExpression { LiteralValue: { } text } template when template.Kind == HclTemplateKind.Quoted => HclValue.FromString(text),
        _ => null,
    };

    /// <summary>
    /// The operations a splat applies to each element: attribute steps for <c>.*</c>; attribute and index steps for
    /// <c>[*]</c>. Null when nothing follows.
    /// </summary>
    private HclExpression? ParseSplatEach(HclSplatItemExpression item, bool fullSplat)
    {
        HclExpression? each = null;
        var steps = new List<HclTraverser>();

        HclExpression? Materialize()
        {
            if (steps.Count == 0) return each;
            HclExpression baseExpression = each ?? item;
            each = Node(new HclRelativeTraversalExpression(baseExpression, steps.ToArray(), TextSpan.FromBounds(baseExpression.Span.Start, steps[steps.Count - 1].Span.End)));
            steps.Clear();
            return each;
        }

        while (true)
        {
            HclToken next = Peek();
            int mark = _index;
            int previousEnd = _previousEnd;
            if (next.Kind == HclTokenKind.Dot)
            {
                Read();
                HclTraverser? step = Peek().Kind == HclTokenKind.Star ? null : ParseDotStep(next);
                if (step is null)
                {
                    _index = mark;
                    _previousEnd = previousEnd;
                    break;
                }
                steps.Add(step);
                continue;
            }
            if (fullSplat && next.Kind == HclTokenKind.OpenBracket)
            {
                Read();
                PushNewlineMode(false);
                if (Peek().Kind == HclTokenKind.Star && IsFollowedByCloseBracket())
                {
                    PopNewlineMode();
                    _index = mark;
                    _previousEnd = previousEnd;
                    break;
                }
                HclExpression key = ParseIndexKeyAndClose(next);
                PopNewlineMode();
                HclValue? literalKey = LiteralIndexKey(key);
                if (literalKey is not null)
                {
                    steps.Add(new HclTraverseIndex(literalKey, isLegacy: false, SpanFrom(next.Start)));
                }
                else
                {
                    HclExpression collection = Materialize() ?? item;
                    each = Node(new HclIndexExpression(collection, key, SpanFrom(collection.Span.Start)));
                }
                continue;
            }
            break;
        }
        return Materialize();
    }

    private HclExpression ParseTerm()
    {
        HclToken token = Peek();
        switch (token.Kind)
        {
            case HclTokenKind.Number:
                Read();
                return Node(new HclLiteralExpression(NumberValue(TextOf(token)), token.Span));
            case HclTokenKind.Identifier:
                if (IsKeyword(token, "true") || IsKeyword(token, "false"))
                {
                    Read();
                    return Node(new HclLiteralExpression(HclValue.FromBool(IsKeyword(token, "true")), token.Span));
                }
                if (IsKeyword(token, "null"))
                {
                    Read();
                    return Node(new HclLiteralExpression(HclValue.Null, token.Span));
                }
                return ParseFunctionCall();
            case HclTokenKind.OpenQuote:
                return ParseQuotedTemplate();
            case HclTokenKind.OpenHeredoc:
                return ParseHeredoc();
            case HclTokenKind.OpenParen:
                return ParseParentheses();
            case HclTokenKind.OpenBracket:
                return ParseTupleOrFor();
            case HclTokenKind.OpenBrace:
                return ParseObjectOrFor();
            default:
                Error(token, token.Kind switch
                {
                    HclTokenKind.EndOfFile => "Missing expression: the file ends where an expression is expected.",
                    HclTokenKind.Newline => "Missing expression: an expression is expected before the end of the line.",
                    _ => "Invalid expression: expected the start of an expression, but found \"" + TextOf(token) + "\".",
                });
                return new HclInvalidExpression(new TextSpan(_previousEnd, 0));
        }
    }

    /// <summary>Numbers are decimals; one too large for <see cref="decimal"/> is kept as an unknown number.</summary>
    private static HclValue NumberValue(string text) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out decimal value)
            ? HclValue.FromNumber(value)
            : HclValue.Unknown;

    private HclExpression ParseParentheses()
    {
        HclToken open = Read();
        PushNewlineMode(false);
        HclExpression inner = ParseExpression();
        HclToken close = Peek();
        if (close.Kind == HclTokenKind.CloseParen)
        {
            Read();
        }
        else
        {
            Error(close.Kind == HclTokenKind.EndOfFile ? open : close, "Unbalanced parentheses: expected a closing parenthesis \")\".");
            Recover(HclTokenKind.CloseParen);
        }
        PopNewlineMode();
        return Node(new HclParenthesesExpression(inner, SpanFrom(open.Start)));
    }

    private HclExpression ParseFunctionCall()
    {
        HclToken nameToken = Read();
        string name = TextOf(nameToken);
        int nameEnd = nameToken.End;
        while (Peek().Kind == HclTokenKind.DoubleColon)
        {
            HclToken separator = Read();
            HclToken part = Peek();
            if (part.Kind != HclTokenKind.Identifier)
            {
                Error(part, "Missing function name: a namespaced function name needs a name after \"::\".");
                nameEnd = separator.End;
                break;
            }
            Read();
            name += "::" + TextOf(part);
            nameEnd = part.End;
        }
        TextSpan nameSpan = TextSpan.FromBounds(nameToken.Start, nameEnd);

        HclToken open = Peek();
        if (open.Kind != HclTokenKind.OpenParen)
        {
            Error(open, "Missing function call arguments: a function name must be followed by an argument list in parentheses.");
            return Node(new HclInvalidExpression(SpanFrom(nameToken.Start)));
        }
        Read();
        PushNewlineMode(false);
        var arguments = new List<HclExpression>();
        bool expandFinal = false;
        while (true)
        {
            if (Peek().Kind == HclTokenKind.CloseParen)
            {
                Read();
                break;
            }
            arguments.Add(ParseExpression());
            HclToken next = Peek();
            if (next.Kind == HclTokenKind.Ellipsis)
            {
                Read();
                expandFinal = true;
                next = Peek();
                if (next.Kind == HclTokenKind.CloseParen)
                {
                    Read();
                    break;
                }
                Error(next, "Missing closing parenthesis: an expanded argument (\"...\") must be the last argument.");
                Recover(HclTokenKind.CloseParen);
                break;
            }
            if (next.Kind == HclTokenKind.Comma)
            {
                Read();
                continue;
            }
            if (next.Kind == HclTokenKind.CloseParen)
            {
                Read();
                break;
            }
            if (next.Kind == HclTokenKind.EndOfFile) Error(open.Span, "Unterminated function call: there is no closing parenthesis for this argument list before the end of the file.");
            else Error(next, "Missing argument separator: a comma (\",\") is required to separate function arguments.");
            Recover(HclTokenKind.CloseParen);
            break;
        }
        PopNewlineMode();
        return Node(new HclFunctionCallExpression(name, nameSpan, arguments, expandFinal, open.Span, SpanFrom(nameToken.Start)));
    }

    private HclExpression ParseTupleOrFor()
    {
        HclToken open = Read();
        PushNewlineMode(false);
        if (IsKeyword(Peek(), "for"))
        {
            HclExpression forExpression = ParseFor(open, isObject: false);
            PopNewlineMode();
            return forExpression;
        }

        var elements = new List<HclExpression>();
        while (true)
        {
            if (Peek().Kind == HclTokenKind.CloseBracket)
            {
                Read();
                break;
            }
            int errorsBefore = _diagnostics.Count;
            elements.Add(ParseExpression());
            HclToken next = Peek();
            if (next.Kind == HclTokenKind.Comma)
            {
                Read();
                continue;
            }
            if (next.Kind == HclTokenKind.CloseBracket)
            {
                Read();
                break;
            }
            if (!(_recovering && _diagnostics.Count > errorsBefore))
            {
                if (next.Kind == HclTokenKind.EndOfFile) Error(open.Span, "Unterminated tuple: there is no closing bracket (\"]\") for this tuple before the end of the file.");
                else Error(next, "Missing item separator: a comma (\",\") is required between the elements of a tuple.");
            }
            Recover(HclTokenKind.CloseBracket);
            break;
        }
        PopNewlineMode();
        return Node(new HclTupleExpression(elements, SpanFrom(open.Start)));
    }

    private HclExpression ParseObjectOrFor()
    {
        HclToken open = Read();
        PushNewlineMode(false);
        bool isFor = IsKeyword(Peek(), "for");
        if (isFor)
        {
            HclExpression forExpression = ParseFor(open, isObject: true);
            PopNewlineMode();
            return forExpression;
        }
        PopNewlineMode();

        // Object items are separated by commas or newlines, so newlines count here (but not inside nested brackets).
        PushNewlineMode(true);
        var items = new List<HclObjectItem>();
        while (true)
        {
            HclToken next = Peek();
            if (next.Kind == HclTokenKind.Newline)
            {
                Read();
                continue;
            }
            if (next.Kind == HclTokenKind.CloseBrace)
            {
                Read();
                break;
            }
            if (next.Kind == HclTokenKind.EndOfFile)
            {
                Error(open.Span, "Unterminated object constructor: there is no closing brace for this object before the end of the file.");
                break;
            }

            int errorsBefore = _diagnostics.Count;
            HclExpression key = ParseExpression();
            if (_recovering && _diagnostics.Count > errorsBefore)
            {
                Recover(HclTokenKind.CloseBrace);
                break;
            }
            HclToken separator = Peek();
            if (separator.Kind != HclTokenKind.Equals && separator.Kind != HclTokenKind.Colon)
            {
                switch (separator.Kind)
                {
                    case HclTokenKind.Newline:
                    case HclTokenKind.Comma:
                        Error(separator, "Missing attribute value: expected an attribute value, introduced by an equals sign (\"=\").");
                        break;
                    case HclTokenKind.EndOfFile:
                        Error(open.Span, "Unterminated object constructor: there is no closing brace for this object before the end of the file.");
                        break;
                    case HclTokenKind.Identifier:
                        Error(separator, "Missing key/value separator: expected an equals sign (\"=\"); to use a name containing periods or spaces, write it in quotes.");
                        break;
                    default:
                        Error(separator, "Missing key/value separator: expected an equals sign (\"=\") to mark the beginning of the attribute value.");
                        break;
                }
                Recover(HclTokenKind.CloseBrace);
                break;
            }
            Read();
            HclExpression value = ParseExpression();
            items.Add(new HclObjectItem(key, value, TextSpan.FromBounds(key.Span.Start, Math.Max(value.Span.End, _previousEnd))) { Height = Math.Max(key.Height, value.Height) + 1 });
            if (_recovering && _diagnostics.Count > errorsBefore)
            {
                Recover(HclTokenKind.CloseBrace);
                break;
            }

            HclToken after = Peek();
            if (after.Kind == HclTokenKind.CloseBrace)
            {
                Read();
                break;
            }
            if (after.Kind is HclTokenKind.Comma or HclTokenKind.Newline)
            {
                Read();
                continue;
            }
            if (after.Kind == HclTokenKind.EndOfFile) Error(open.Span, "Unterminated object constructor: there is no closing brace for this object before the end of the file.");
            else Error(after, "Missing attribute separator: expected a newline or comma to mark the beginning of the next attribute.");
            Recover(HclTokenKind.CloseBrace);
            break;
        }
        PopNewlineMode();
        return Node(new HclObjectExpression(items, SpanFrom(open.Start)));
    }

    /// <summary><c>[for …]</c> or <c>{for …}</c>, the opening bracket already read, newlines ignored.</summary>
    private HclExpression ParseFor(HclToken open, bool isObject)
    {
        HclTokenKind closer = isObject ? HclTokenKind.CloseBrace : HclTokenKind.CloseBracket;
        string closerText = isObject ? "}" : "]";

        HclExpression Fail(HclToken at, string message)
        {
            Error(at, "Invalid 'for' expression: " + message);
            Recover(closer);
            return Node(new HclInvalidExpression(SpanFrom(open.Start)));
        }

        Read(); // "for"
        HclToken first = Peek();
        if (first.Kind != HclTokenKind.Identifier) return Fail(first, "an iteration variable name is required after 'for'.");
        Read();
        HclIdentifier? keyVariable = null;
        var valueVariable = new HclIdentifier(TextOf(first), first.Span);
        if (Peek().Kind == HclTokenKind.Comma)
        {
            Read();
            HclToken second = Peek();
            if (second.Kind != HclTokenKind.Identifier) return Fail(second, "a value variable name is required after the comma.");
            Read();
            keyVariable = valueVariable;
            valueVariable = new HclIdentifier(TextOf(second), second.Span);
        }
        if (!IsKeyword(Peek(), "in")) return Fail(Peek(), "the 'in' keyword is required after the iteration variables.");
        Read();
        HclExpression collection = ParseExpression();
        if (Peek().Kind != HclTokenKind.Colon) return Fail(Peek(), "a colon (\":\") is required after the collection expression.");
        Read();

        HclExpression? keyResult = null;
        if (isObject)
        {
            keyResult = ParseExpression();
            if (Peek().Kind != HclTokenKind.FatArrow) return Fail(Peek(), "an object 'for' needs a key expression, the \"=>\" arrow, and a value expression.");
            Read();
        }
        HclExpression valueResult = ParseExpression();
        bool grouped = false;
        if (Peek().Kind == HclTokenKind.Ellipsis)
        {
            if (!isObject) return Fail(Peek(), "grouping (\"...\") is only allowed in an object 'for' expression.");
            Read();
            grouped = true;
        }
        HclExpression? condition = null;
        if (IsKeyword(Peek(), "if"))
        {
            Read();
            condition = ParseExpression();
        }
        if (Peek().Kind != closer) return Fail(Peek(), $"extra characters after the expression; expected \"{closerText}\" to close it.");
        Read();
        return Node(new HclForExpression(keyVariable, valueVariable, collection, keyResult, valueResult, grouped, condition, SpanFrom(open.Start)));
    }
}
