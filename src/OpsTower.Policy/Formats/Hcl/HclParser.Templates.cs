using System;
using System.Collections.Generic;
using System.Text;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Formats.Hcl;

internal sealed partial class HclSyntaxParser
{
    private enum TemplateItemKind
    {
        Literal,
        Interpolation,
        If,
        Else,
        EndIf,
        For,
        EndFor,
    }

    /// <summary>One token-level piece of a template before directives are nested: HCL applies strip markers and heredoc indentation at this level.</summary>
    private sealed class TemplateItem
    {
        public TemplateItem(TemplateItemKind kind, TextSpan span)
        {
            Kind = kind;
            Span = span;
        }

        public TemplateItemKind Kind { get; }
        public TextSpan Span { get; set; }
        public string Text { get; set; } = string.Empty;
        public bool StripBefore { get; set; }
        public bool StripAfter { get; set; }
        public HclExpression? Expression { get; set; }
        public HclIdentifier? KeyVariable { get; set; }
        public HclIdentifier? ValueVariable { get; set; }
    }

    private sealed class DirectiveFrame
    {
        public DirectiveFrame(TemplateItem? opener) => Opener = opener;

        public TemplateItem? Opener { get; }
        public List<HclExpression> Parts { get; set; } = new();
        public List<HclExpression>? ThenParts { get; set; }
        public TemplateItem? ElseItem { get; set; }
    }

    public HclExpression ParseStandaloneTemplate()
    {
        HclToken start = Peek();
        List<TemplateItem> items = ParseTemplateItems(start, HclTokenKind.EndOfFile, string.Empty);
        return BuildTemplate(items, HclTemplateKind.Standalone, new TextSpan(0, _text.Length), null);
    }

    private HclExpression ParseQuotedTemplate()
    {
        HclToken open = Read();
        List<TemplateItem> items = ParseTemplateItems(open, HclTokenKind.CloseQuote, "Unterminated template string: there is no closing quote (\") for this string before the end of the file.");
        return BuildTemplate(items, HclTemplateKind.Quoted, SpanFrom(open.Start), null);
    }

    private HclExpression ParseHeredoc()
    {
        HclToken open = Read();
        string introduction = TextOf(open).TrimEnd('\r', '\n');
        bool indented = introduction.Length > 2 && introduction[2] == '-';
        string marker = introduction.Substring(indented ? 3 : 2);
        List<TemplateItem> items = ParseTemplateItems(open, HclTokenKind.CloseHeredoc, $"Unterminated heredoc: there is no line holding only \"{marker}\" to close this heredoc before the end of the file.");
        return BuildTemplate(items, indented ? HclTemplateKind.IndentedHeredoc : HclTemplateKind.Heredoc, SpanFrom(open.Start), marker);
    }

    private HclBlockLabel ParseQuotedLabel()
    {
        HclToken open = Read();
        var value = new StringBuilder();
        PushNewlineMode(true);
        while (true)
        {
            HclToken token = Peek();
            if (token.Kind == HclTokenKind.CloseQuote)
            {
                Read();
                break;
            }
            if (token.Kind == HclTokenKind.QuotedLiteral)
            {
                Read();
                value.Append(DecodeQuotedLiteral(token));
                continue;
            }
            if (token.Kind is HclTokenKind.TemplateInterpolation or HclTokenKind.TemplateControl)
            {
                Error(token, "Invalid block label: template sequences are not allowed in a block label.");
                Read();
                Recover(HclTokenKind.TemplateSequenceEnd);
                continue;
            }
            if (token.Kind == HclTokenKind.Newline) Error(token, "Invalid multi-line string: quoted strings may not be split over multiple lines.");
            else Error(open, "Unterminated string: there is no closing quote (\") for this block label.");
            break;
        }
        PopNewlineMode();
        return new HclBlockLabel(value.ToString(), SpanFrom(open.Start), IsQuoted: true);
    }

    private List<TemplateItem> ParseTemplateItems(HclToken open, HclTokenKind close, string unterminatedMessage)
    {
        var items = new List<TemplateItem>();
        PushNewlineMode(true);
        while (true)
        {
            HclToken token = Peek();
            if (token.Kind == close)
            {
                Read();
                break;
            }
            switch (token.Kind)
            {
                case HclTokenKind.QuotedLiteral:
                    Read();
                    items.Add(new TemplateItem(TemplateItemKind.Literal, token.Span) { Text = DecodeQuotedLiteral(token) });
                    continue;
                case HclTokenKind.TemplateLiteral:
                    Read();
                    items.Add(new TemplateItem(TemplateItemKind.Literal, token.Span) { Text = DecodeTemplateLiteral(token) });
                    continue;
                case HclTokenKind.TemplateInterpolation:
                    items.Add(ParseInterpolationItem());
                    continue;
                case HclTokenKind.TemplateControl:
                    TemplateItem? directive = ParseDirectiveItem();
                    if (directive is not null) items.Add(directive);
                    continue;
                case HclTokenKind.Newline:
                    Error(token, "Invalid multi-line string: quoted strings may not be split over multiple lines; use the \\n escape or a heredoc (<<EOT) instead.");
                    break;
                default:
                    Error(open, unterminatedMessage);
                    break;
            }
            break;
        }
        PopNewlineMode();
        return items;
    }

    private TemplateItem ParseInterpolationItem()
    {
        HclToken open = Read();
        PushNewlineMode(false);
        HclExpression expression = ParseExpression();
        HclToken close = Peek();
        if (close.Kind == HclTokenKind.TemplateSequenceEnd)
        {
            Read();
        }
        else
        {
            Error(close, "Extra characters after interpolation expression: expected a closing brace (\"}\"). To write a literal \"${\" (for example for a shell script), escape it as \"$${\".");
            close = Recover(HclTokenKind.TemplateSequenceEnd);
        }
        PopNewlineMode();
        return new TemplateItem(TemplateItemKind.Interpolation, SpanFrom(open.Start))
        {
            Expression = expression,
            StripBefore = open.End - open.Start == 3,
            StripAfter = close.Kind == HclTokenKind.TemplateSequenceEnd && close.End - close.Start == 2,
        };
    }

    private TemplateItem? ParseDirectiveItem()
    {
        HclToken open = Read();
        PushNewlineMode(false);
        HclToken keyword = Peek();
        TemplateItem? item = null;
        if (IsKeyword(keyword, "if"))
        {
            Read();
            item = new TemplateItem(TemplateItemKind.If, default) { Expression = ParseExpression() };
        }
        else if (IsKeyword(keyword, "for"))
        {
            Read();
            item = ParseForDirectiveHeader();
        }
        else if (IsKeyword(keyword, "else") || IsKeyword(keyword, "endif") || IsKeyword(keyword, "endfor"))
        {
            Read();
            item = new TemplateItem(IsKeyword(keyword, "else") ? TemplateItemKind.Else : IsKeyword(keyword, "endif") ? TemplateItemKind.EndIf : TemplateItemKind.EndFor, default);
        }
        else
        {
            Error(keyword, "Invalid template directive: \"%{\" must be followed by \"if\", \"else\", \"endif\", \"for\" or \"endfor\". To write a literal \"%{\", escape it as \"%%{\".");
        }

        HclToken close = Peek();
        if (close.Kind == HclTokenKind.TemplateSequenceEnd)
        {
            Read();
        }
        else
        {
            Error(close, "Extra characters in template directive: expected a closing brace (\"}\").");
            close = Recover(HclTokenKind.TemplateSequenceEnd);
        }
        PopNewlineMode();
        if (item is null) return null;
        item.Span = SpanFrom(open.Start);
        item.StripBefore = open.End - open.Start == 3;
        item.StripAfter = close.Kind == HclTokenKind.TemplateSequenceEnd && close.End - close.Start == 2;
        return item;
    }

    /// <summary>After <c>%{ for</c>: <c>value in collection</c> or <c>key, value in collection</c>.</summary>
    private TemplateItem? ParseForDirectiveHeader()
    {
        HclToken first = Peek();
        if (first.Kind != HclTokenKind.Identifier)
        {
            Error(first, "Invalid template \"for\" directive: an iteration variable name is required after \"for\".");
            return null;
        }
        Read();
        HclIdentifier? keyVariable = null;
        var valueVariable = new HclIdentifier(TextOf(first), first.Span);
        if (Peek().Kind == HclTokenKind.Comma)
        {
            Read();
            HclToken second = Peek();
            if (second.Kind != HclTokenKind.Identifier)
            {
                Error(second, "Invalid template \"for\" directive: a value variable name is required after the comma.");
                return null;
            }
            Read();
            keyVariable = valueVariable;
            valueVariable = new HclIdentifier(TextOf(second), second.Span);
        }
        if (!IsKeyword(Peek(), "in"))
        {
            Error(Peek(), "Invalid template \"for\" directive: the \"in\" keyword is required after the iteration variables.");
            return null;
        }
        Read();
        return new TemplateItem(TemplateItemKind.For, default) { KeyVariable = keyVariable, ValueVariable = valueVariable, Expression = ParseExpression() };
    }

    private HclExpression BuildTemplate(List<TemplateItem> items, HclTemplateKind kind, TextSpan span, string? heredocMarker)
    {
        ApplyStripMarkers(items);
        if (kind == HclTemplateKind.IndentedHeredoc) RemoveCommonIndentation(items);

        var stack = new List<DirectiveFrame> { new(null) };
        foreach (TemplateItem item in items)
        {
            DirectiveFrame top = stack[stack.Count - 1];
            switch (item.Kind)
            {
                case TemplateItemKind.Literal:
                    AddLiteral(top.Parts, item);
                    break;
                case TemplateItemKind.Interpolation:
                    top.Parts.Add(Node(new HclTemplateInterpolationExpression(item.Expression!, item.StripBefore, item.StripAfter, item.Span)));
                    break;
                case TemplateItemKind.If:
                case TemplateItemKind.For:
                    stack.Add(new DirectiveFrame(item));
                    break;
                case TemplateItemKind.Else:
                    if (top.Opener?.Kind == TemplateItemKind.If && top.ElseItem is null)
                    {
                        top.ThenParts = top.Parts;
                        top.Parts = new List<HclExpression>();
                        top.ElseItem = item;
                    }
                    else
                    {
                        Error(item.Span, "Unexpected \"else\" directive: there is no open \"%{ if }\" for it to belong to.");
                    }
                    break;
                case TemplateItemKind.EndIf:
                case TemplateItemKind.EndFor:
                    TemplateItemKind opener = item.Kind == TemplateItemKind.EndIf ? TemplateItemKind.If : TemplateItemKind.For;
                    if (top.Opener?.Kind == opener)
                    {
                        stack.RemoveAt(stack.Count - 1);
                        stack[stack.Count - 1].Parts.Add(CloseDirective(top, item.Span.Start, item.Span.End));
                    }
                    else
                    {
                        string name = item.Kind == TemplateItemKind.EndIf ? "endif" : "endfor";
                        Error(item.Span, $"Unexpected \"{name}\" directive: there is no open \"%{{ {(opener == TemplateItemKind.If ? "if" : "for")} }}\" for it to close.");
                    }
                    break;
            }
        }
        while (stack.Count > 1)
        {
            DirectiveFrame unclosed = stack[stack.Count - 1];
            stack.RemoveAt(stack.Count - 1);
            string name = unclosed.Opener!.Kind == TemplateItemKind.If ? "if" : "for";
            Error(unclosed.Opener.Span, $"Unterminated template \"{name}\" directive: there is no matching \"%{{ end{name} }}\" for it.");
            int end = Math.Max(unclosed.Opener.Span.End, items[items.Count - 1].Span.End);
            stack[stack.Count - 1].Parts.Add(CloseDirective(unclosed, end, end));
        }
        return Node(new HclTemplateExpression(kind, stack[0].Parts, span, heredocMarker));
    }

    private HclExpression CloseDirective(DirectiveFrame frame, int closerStart, int closerEnd)
    {
        TemplateItem opener = frame.Opener!;
        TextSpan span = TextSpan.FromBounds(opener.Span.Start, closerEnd);
        HclExpression header = opener.Expression ?? new HclInvalidExpression(new TextSpan(opener.Span.End, 0));
        if (opener.Kind == TemplateItemKind.For)
        {
            var body = (HclTemplateExpression)Body(frame.Parts, opener.Span.End, closerStart);
            return Node(new HclTemplateForExpression(opener.KeyVariable, opener.ValueVariable!, header, body, span));
        }
        if (frame.ElseItem is null)
        {
            return Node(new HclTemplateIfExpression(header, Body(frame.Parts, opener.Span.End, closerStart), null, span));
        }
        HclTemplateExpression then = Body(frame.ThenParts!, opener.Span.End, frame.ElseItem.Span.Start);
        HclTemplateExpression @else = Body(frame.Parts, frame.ElseItem.Span.End, closerStart);
        return Node(new HclTemplateIfExpression(header, then, @else, span));
    }

    private HclTemplateExpression Body(List<HclExpression> parts, int start, int end)
    {
        var body = new HclTemplateExpression(HclTemplateKind.DirectiveBody, parts, TextSpan.FromBounds(start, Math.Max(start, end)));
        int height = 0;
        foreach (HclExpression part in parts) height = Math.Max(height, part.Height);
        body.Height = height + 1;
        return body;
    }

    /// <summary>Adjacent literal pieces (a heredoc's lines) become one literal part.</summary>
    private static void AddLiteral(List<HclExpression> parts, TemplateItem item)
    {
        if (parts.Count > 0 && parts[parts.Count - 1] is HclTemplateLiteralExpression previous)
        {
            parts[parts.Count - 1] = new HclTemplateLiteralExpression(previous.Value + item.Text, previous.Span.Union(item.Span));
            return;
        }
        parts.Add(new HclTemplateLiteralExpression(item.Text, item.Span));
    }

    /// <summary><c>${~</c> and <c>%{~</c> trim the white space ending the literal before; <c>~}</c> trims the white space starting the one after.</summary>
    private void ApplyStripMarkers(List<TemplateItem> items)
    {
        for (int i = 0; i < items.Count; i++)
        {
            TemplateItem item = items[i];
            if (item.Kind == TemplateItemKind.Literal) continue;
            if (item.StripBefore && i > 0 && items[i - 1].Kind == TemplateItemKind.Literal)
            {
                TemplateItem literal = items[i - 1];
                literal.Text = literal.Text.TrimEnd();
                int end = literal.Span.End;
                while (end > literal.Span.Start && char.IsWhiteSpace(_text[end - 1])) end--;
                literal.Span = TextSpan.FromBounds(literal.Span.Start, end);
            }
            if (item.StripAfter && i + 1 < items.Count && items[i + 1].Kind == TemplateItemKind.Literal)
            {
                TemplateItem literal = items[i + 1];
                literal.Text = literal.Text.TrimStart();
                int start = literal.Span.Start;
                while (start < literal.Span.End && char.IsWhiteSpace(_text[start])) start++;
                literal.Span = TextSpan.FromBounds(start, literal.Span.End);
            }
        }
    }

    /// <summary>
    /// <c>&lt;&lt;-</c> heredocs: the smallest count of leading white-space characters over the lines (blank lines
    /// excepted; a line starting with an interpolation counts zero) is removed from the start of every line.
    /// </summary>
    private static void RemoveCommonIndentation(List<TemplateItem> items)
    {
        int minimum = int.MaxValue;
        bool atLineStart = true;
        var lineStarts = new List<TemplateItem>();
        foreach (TemplateItem item in items)
        {
            bool isLiteral = item.Kind == TemplateItemKind.Literal;
            if (atLineStart)
            {
                atLineStart = false;
                int indentation = 0;
                if (isLiteral)
                {
                    bool blank = item.Text.TrimStart().Length == 0 && item.Text.EndsWith("\n", StringComparison.Ordinal);
                    if (blank)
                    {
                        indentation = int.MaxValue;
                    }
                    else
                    {
                        indentation = CountLeadingWhiteSpaceCodePoints(item.Text);
                        lineStarts.Add(item);
                    }
                }
                minimum = Math.Min(minimum, indentation);
            }
            if (isLiteral && item.Text.EndsWith("\n", StringComparison.Ordinal)) atLineStart = true;
        }
        if (minimum == int.MaxValue || minimum == 0) return;

        foreach (TemplateItem item in lineStarts)
        {
            int cut = 0;
            for (int removed = 0; removed < minimum && cut < item.Text.Length; removed++)
            {
                cut += char.IsHighSurrogate(item.Text[cut]) && cut + 1 < item.Text.Length ? 2 : 1;
            }
            item.Text = item.Text.Substring(cut);
            item.Span = TextSpan.FromBounds(Math.Min(item.Span.Start + cut, item.Span.End), item.Span.End);
        }
    }

    private static int CountLeadingWhiteSpaceCodePoints(string text)
    {
        int count = 0;
        for (int i = 0; i < text.Length && char.IsWhiteSpace(text[i]); i++) count++;
        return count;
    }

    /// <summary>Heredoc and standalone template text: only <c>$${</c> and <c>%%{</c> are escapes.</summary>
    private string DecodeTemplateLiteral(HclToken token)
    {
        string raw = TextOf(token);
        if (raw.IndexOf("${", StringComparison.Ordinal) < 0 && raw.IndexOf("%{", StringComparison.Ordinal) < 0) return NormalizeText(raw);
        return NormalizeText(raw.Replace("$${", "${").Replace("%%{", "%{"));
    }

    /// <summary>Quoted string text: backslash escapes and <c>$${</c>/<c>%%{</c>; an invalid escape is reported and kept as written.</summary>
    private string DecodeQuotedLiteral(HclToken token)
    {
        var builder = new StringBuilder(token.End - token.Start);
        int i = token.Start;
        while (i < token.End)
        {
            char c = _text[i];
            if ((c == '$' || c == '%') && i + 2 < token.End && _text[i + 1] == c && _text[i + 2] == '{')
            {
                builder.Append(c).Append('{');
                i += 3;
                continue;
            }
            if (c != '\\' || i + 1 >= token.End)
            {
                builder.Append(c);
                i++;
                continue;
            }
            char escape = _text[i + 1];
            switch (escape)
            {
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case 'u':
                case 'U':
                    int digits = escape == 'u' ? 4 : 8;
                    i = AppendUnicodeEscape(builder, i, digits, token.End);
                    continue;
                default:
                    Error(new TextSpan(i, 2), $"Invalid escape sequence \"\\{escape}\": the valid escapes are \\n \\r \\t \\\" \\\\ \\uNNNN and \\UNNNNNNNN.");
                    builder.Append('\\').Append(escape);
                    break;
            }
            i += 2;
        }
        return NormalizeText(builder.ToString());
    }

    /// <summary>Appends the character of <c>\uNNNN</c>/<c>\UNNNNNNNN</c> at <paramref name="start"/>; returns the offset after it.</summary>
    private int AppendUnicodeEscape(StringBuilder builder, int start, int digits, int end)
    {
        int i = start + 2;
        int codePoint = 0;
        int count = 0;
        while (count < digits && i < end && Uri.IsHexDigit(_text[i]))
        {
            codePoint = codePoint * 16 + HexDigitValue(_text[i]);
            i++;
            count++;
        }
        TextSpan span = TextSpan.FromBounds(start, i);
        if (count < digits)
            Error(span, $"Invalid escape sequence: \\{_text[start + 1]} must be followed by {digits} hexadecimal digits.");
        else if (codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
            Error(span, "Invalid escape sequence: the code point is not a Unicode scalar value.");
        else
            builder.Append(char.ConvertFromUtf32(codePoint));
        return i;
    }

    private static int HexDigitValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    /// <summary>HCL compares strings in Unicode normalization form C; text holding lone surrogates cannot be normalized and is kept.</summary>
    private static string NormalizeText(string text)
    {
        bool needsNormalization = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c < 0x300) continue;
            if (char.IsSurrogate(c))
            {
                if (!char.IsHighSurrogate(c) || i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1])) return text;
                i++;
            }
            needsNormalization = true;
        }
        return needsNormalization ? text.Normalize(NormalizationForm.FormC) : text;
    }
}
