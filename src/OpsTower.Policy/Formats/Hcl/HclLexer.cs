using System.Collections.Generic;
using System.Globalization;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Formats.Hcl;

/// <summary>
/// Splits HCL native syntax into tokens. The scanner is modal: outside strings it reads expression tokens, inside
/// quoted strings, heredocs and standalone templates it reads literal text up to the next <c>${</c>/<c>%{</c>, and a
/// stack of open braces tells which <c>}</c> ends a template sequence. Comments are collected aside, never emitted.
/// </summary>
internal sealed class HclLexer
{
    private enum FrameKind
    {
        Brace,
        Interpolation,
        Control,
        Quoted,
        Heredoc,
        Template,
    }

    private sealed class Frame
    {
        public Frame(FrameKind kind, string? marker = null)
        {
            Kind = kind;
            Marker = marker;
            AtLineStart = kind == FrameKind.Heredoc;
        }

        public FrameKind Kind { get; }

        /// <summary>The heredoc's closing marker.</summary>
        public string? Marker { get; }

        /// <summary>For heredocs: the next character begins a line, so it may be the closing marker.</summary>
        public bool AtLineStart { get; set; }
    }

    private readonly string _text;
    private readonly List<HclToken> _tokens = new();
    private readonly List<HclComment> _comments = new();
    private readonly List<ParseDiagnostic> _diagnostics;
    private readonly List<Frame> _frames = new();
    private int _position;

    private HclLexer(string text, List<ParseDiagnostic> diagnostics)
    {
        _text = text;
        _diagnostics = diagnostics;
    }

    /// <summary>Tokens ending with one <see cref="HclTokenKind.EndOfFile"/>.</summary>
    public static List<HclToken> Tokenize(string text, bool standaloneTemplate, List<HclComment> comments, List<ParseDiagnostic> diagnostics)
    {
        var lexer = new HclLexer(text, diagnostics);
        if (standaloneTemplate) lexer._frames.Add(new Frame(FrameKind.Template));
        while (lexer._position < text.Length) lexer.ScanNext();
        lexer._tokens.Add(new HclToken(HclTokenKind.EndOfFile, text.Length, text.Length));
        comments.AddRange(lexer._comments);
        return lexer._tokens;
    }

    private Frame? Top => _frames.Count == 0 ? null : _frames[_frames.Count - 1];

    private char CharAt(int offset) => offset < _text.Length ? _text[offset] : '\0';

    private void ScanNext()
    {
        Frame? top = Top;
        if (top is not null && (top.Kind == FrameKind.Quoted || top.Kind == FrameKind.Heredoc || top.Kind == FrameKind.Template))
            ScanTemplateText(top);
        else
            ScanExpressionToken(top);
    }

    private void Emit(HclTokenKind kind, int start, int end)
    {
        _tokens.Add(new HclToken(kind, start, end));
        _position = end;
    }

    private void PopFrame() => _frames.RemoveAt(_frames.Count - 1);

    private void ScanTemplateText(Frame frame)
    {
        int start = _position;
        if (frame.Kind == FrameKind.Heredoc && frame.AtLineStart)
        {
            frame.AtLineStart = false;
            if (TryScanHeredocEnd(frame.Marker!)) return;
        }

        bool quoted = frame.Kind == FrameKind.Quoted;
        HclTokenKind literalKind = quoted ? HclTokenKind.QuotedLiteral : HclTokenKind.TemplateLiteral;
        int i = start;
        while (i < _text.Length)
        {
            char c = _text[i];
            if ((c == '$' || c == '%') && CharAt(i + 1) == '{')
            {
                if (i > start)
                {
                    Emit(literalKind, start, i);
                    return;
                }
                int end = i + 2;
                if (CharAt(end) == '~') end++;
                Emit(c == '$' ? HclTokenKind.TemplateInterpolation : HclTokenKind.TemplateControl, i, end);
                _frames.Add(new Frame(c == '$' ? FrameKind.Interpolation : FrameKind.Control));
                return;
            }
            if ((c == '$' || c == '%') && CharAt(i + 1) == c && CharAt(i + 2) == '{')
            {
                i += 3; // "$${" and "%%{" are escapes: literal text
                continue;
            }
            if (quoted)
            {
                if (c == '"')
                {
                    if (i > start)
                    {
                        Emit(literalKind, start, i);
                    }
                    else
                    {
                        Emit(HclTokenKind.CloseQuote, i, i + 1);
                        PopFrame();
                    }
                    return;
                }
                if (c == '\n' || c == '\r')
                {
                    // Quoted strings cannot span lines: the string ends here and the parser reports it; the newline
                    // is left for the enclosing expression so that the next line parses normally.
                    if (i > start) Emit(literalKind, start, i);
                    else PopFrame();
                    return;
                }
                if (c == '\\' && i + 1 < _text.Length && _text[i + 1] != '\n' && _text[i + 1] != '\r')
                {
                    i += 2;
                    continue;
                }
            }
            else if (c == '\n' || c == '\r')
            {
                int end = c == '\r' && CharAt(i + 1) == '\n' ? i + 2 : i + 1;
                Emit(literalKind, start, end);
                frame.AtLineStart = true;
                return;
            }
            i++;
        }
        Emit(literalKind, start, i);
    }

    /// <summary>A heredoc ends at a line holding only its marker, optionally indented, with optional trailing spaces.</summary>
    private bool TryScanHeredocEnd(string marker)
    {
        int i = _position;
        while (i < _text.Length && (_text[i] == ' ' || _text[i] == '\t')) i++;
        if (i + marker.Length > _text.Length || string.CompareOrdinal(_text, i, marker, 0, marker.Length) != 0) return false;
        int end = i + marker.Length;
        int after = end;
        while (after < _text.Length && (_text[after] == ' ' || _text[after] == '\t')) after++;
        if (after < _text.Length && _text[after] != '\n' && _text[after] != '\r') return false;
        Emit(HclTokenKind.CloseHeredoc, _position, end);
        _position = after;
        PopFrame();
        return true;
    }

    private void ScanExpressionToken(Frame? top)
    {
        int start = _position;
        char c = _text[start];
        switch (c)
        {
            case ' ':
            case '\t':
                int i = start + 1;
                while (i < _text.Length && (_text[i] == ' ' || _text[i] == '\t')) i++;
                _position = i;
                return;
            case '\n':
                Emit(HclTokenKind.Newline, start, start + 1);
                return;
            case '\r':
                Emit(HclTokenKind.Newline, start, CharAt(start + 1) == '\n' ? start + 2 : start + 1);
                return;
            case '#':
                ScanLineComment(start, HclCommentKind.Hash);
                return;
            case '/':
                if (CharAt(start + 1) == '/') ScanLineComment(start, HclCommentKind.DoubleSlash);
                else if (CharAt(start + 1) == '*') ScanBlockComment(start);
                else Emit(HclTokenKind.Slash, start, start + 1);
                return;
            case '"':
                Emit(HclTokenKind.OpenQuote, start, start + 1);
                _frames.Add(new Frame(FrameKind.Quoted));
                return;
            case '<':
                if (CharAt(start + 1) == '<' && TryScanHeredocStart(start)) return;
                EmitOneOrTwo(start, '=', HclTokenKind.LessEqual, HclTokenKind.Less);
                return;
            case '>':
                EmitOneOrTwo(start, '=', HclTokenKind.GreaterEqual, HclTokenKind.Greater);
                return;
            case '!':
                EmitOneOrTwo(start, '=', HclTokenKind.NotEqual, HclTokenKind.Bang);
                return;
            case '=':
                if (CharAt(start + 1) == '>') Emit(HclTokenKind.FatArrow, start, start + 2);
                else EmitOneOrTwo(start, '=', HclTokenKind.EqualEqual, HclTokenKind.Equals);
                return;
            case '&':
            case '|':
                if (CharAt(start + 1) == c) Emit(c == '&' ? HclTokenKind.And : HclTokenKind.Or, start, start + 2);
                else EmitInvalid(start, start + 1, $"Invalid character '{c}': bitwise operators are not supported; did you mean '{c}{c}'?");
                return;
            case '.':
                if (CharAt(start + 1) == '.' && CharAt(start + 2) == '.') Emit(HclTokenKind.Ellipsis, start, start + 3);
                else Emit(HclTokenKind.Dot, start, start + 1);
                return;
            case ':':
                EmitOneOrTwo(start, ':', HclTokenKind.DoubleColon, HclTokenKind.Colon);
                return;
            case '{':
                Emit(HclTokenKind.OpenBrace, start, start + 1);
                _frames.Add(new Frame(FrameKind.Brace));
                return;
            case '}':
                if (top is not null && (top.Kind == FrameKind.Interpolation || top.Kind == FrameKind.Control))
                {
                    Emit(HclTokenKind.TemplateSequenceEnd, start, start + 1);
                    PopFrame();
                    return;
                }
                if (top is not null) PopFrame();
                Emit(HclTokenKind.CloseBrace, start, start + 1);
                return;
            case '~':
                if (CharAt(start + 1) == '}' && top is not null && (top.Kind == FrameKind.Interpolation || top.Kind == FrameKind.Control))
                {
                    Emit(HclTokenKind.TemplateSequenceEnd, start, start + 2);
                    PopFrame();
                }
                else
                {
                    EmitInvalid(start, start + 1, "Invalid character '~': a strip marker may only appear just inside the braces of a template sequence.");
                }
                return;
            case '\'':
                EmitInvalid(start, start + 1, "Invalid character: single quotes are not valid; use double quotes (\") to enclose strings.");
                return;
            case '+': Emit(HclTokenKind.Plus, start, start + 1); return;
            case '-': Emit(HclTokenKind.Minus, start, start + 1); return;
            case '*': Emit(HclTokenKind.Star, start, start + 1); return;
            case '%': Emit(HclTokenKind.Percent, start, start + 1); return;
            case '?': Emit(HclTokenKind.Question, start, start + 1); return;
            case ',': Emit(HclTokenKind.Comma, start, start + 1); return;
            case '(': Emit(HclTokenKind.OpenParen, start, start + 1); return;
            case ')': Emit(HclTokenKind.CloseParen, start, start + 1); return;
            case '[': Emit(HclTokenKind.OpenBracket, start, start + 1); return;
            case ']': Emit(HclTokenKind.CloseBracket, start, start + 1); return;
        }

        if (c >= '0' && c <= '9')
        {
            Emit(HclTokenKind.Number, start, ScanNumber(start));
            return;
        }
        int identifierLength = IdentifierStartLength(start);
        if (identifierLength > 0)
        {
            Emit(HclTokenKind.Identifier, start, ScanIdentifierRest(start + identifierLength));
            return;
        }

        // A run of characters that start nothing becomes one token and one diagnostic, not one per character.
        int invalidEnd = start;
        do invalidEnd += char.IsHighSurrogate(_text[invalidEnd]) && invalidEnd + 1 < _text.Length ? 2 : 1;
        while (invalidEnd < _text.Length && StartsNothing(invalidEnd));
        string message = c == '\uFEFF' && start == 0
            ? "Invalid character: a byte order mark is not permitted in HCL files."
            : "Invalid character: this character cannot be used here.";
        EmitInvalid(start, invalidEnd, message);
    }

    private bool StartsNothing(int offset)
    {
        char c = _text[offset];
        if (c < 128) return c < 32 && c != '\t' && c != '\n' && c != '\r' || c == '$' || c == '@' || c == '^' || c == '`' || c == '\\' || c == ';' || c == 127;
        return IdentifierStartLength(offset) == 0;
    }

    private void EmitOneOrTwo(int start, char second, HclTokenKind twoCharKind, HclTokenKind oneCharKind)
    {
        if (CharAt(start + 1) == second) Emit(twoCharKind, start, start + 2);
        else Emit(oneCharKind, start, start + 1);
    }

    private void EmitInvalid(int start, int end, string message)
    {
        _diagnostics.Add(new ParseDiagnostic(DiagnosticSeverity.Error, message, TextSpan.FromBounds(start, end)));
        Emit(HclTokenKind.Invalid, start, end);
    }

    private void ScanLineComment(int start, HclCommentKind kind)
    {
        int end = start;
        while (end < _text.Length && _text[end] != '\n' && _text[end] != '\r') end++;
        _comments.Add(new HclComment(kind, _text.Substring(start, end - start), TextSpan.FromBounds(start, end)));
        _position = end; // the newline stays a token: a line comment acts as one
    }

    private void ScanBlockComment(int start)
    {
        int close = _text.IndexOf("*/", start + 2, System.StringComparison.Ordinal);
        int end = close < 0 ? _text.Length : close + 2;
        if (close < 0)
            _diagnostics.Add(new ParseDiagnostic(DiagnosticSeverity.Error, "Unterminated comment: there is no '*/' to close this '/*' comment.", new TextSpan(start, 2)));
        _comments.Add(new HclComment(HclCommentKind.Block, _text.Substring(start, end - start), TextSpan.FromBounds(start, end)));
        _position = end;
    }

    /// <summary><c>&lt;&lt;</c>, an optional <c>-</c>, an identifier and a newline open a heredoc; anything else is two less-thans.</summary>
    private bool TryScanHeredocStart(int start)
    {
        int nameStart = start + 2;
        if (CharAt(nameStart) == '-') nameStart++;
        int identifierLength = IdentifierStartLength(nameStart);
        if (identifierLength == 0) return false;
        int nameEnd = ScanIdentifierRest(nameStart + identifierLength);
        int end;
        if (CharAt(nameEnd) == '\n') end = nameEnd + 1;
        else if (CharAt(nameEnd) == '\r') end = CharAt(nameEnd + 1) == '\n' ? nameEnd + 2 : nameEnd + 1;
        else return false;
        Emit(HclTokenKind.OpenHeredoc, start, end);
        _frames.Add(new Frame(FrameKind.Heredoc, _text.Substring(nameStart, nameEnd - nameStart)));
        return true;
    }

    /// <summary>decimal+ ("." decimal+)? (("e"|"E") ("+"|"-")? decimal+)?</summary>
    private int ScanNumber(int start)
    {
        int i = SkipDigits(start);
        if (CharAt(i) == '.' && IsDigit(CharAt(i + 1))) i = SkipDigits(i + 1);
        if (CharAt(i) == 'e' || CharAt(i) == 'E')
        {
            int exponent = i + 1;
            if (CharAt(exponent) == '+' || CharAt(exponent) == '-') exponent++;
            if (IsDigit(CharAt(exponent))) i = SkipDigits(exponent);
        }
        return i;
    }

    private int SkipDigits(int i)
    {
        while (IsDigit(CharAt(i))) i++;
        return i;
    }

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private int ScanIdentifierRest(int i)
    {
        while (i < _text.Length)
        {
            int length = IdentifierPartLength(i);
            if (length == 0) break;
            i += length;
        }
        return i;
    }

    /// <summary>UTF-16 length of the ID_Start code point (or '_') at offset, 0 when there is none.</summary>
    private int IdentifierStartLength(int offset)
    {
        if (offset >= _text.Length) return 0;
        char c = _text[offset];
        if (c < 128) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ? 1 : 0;
        switch (CharUnicodeInfo.GetUnicodeCategory(_text, offset))
        {
            case UnicodeCategory.UppercaseLetter:
            case UnicodeCategory.LowercaseLetter:
            case UnicodeCategory.TitlecaseLetter:
            case UnicodeCategory.ModifierLetter:
            case UnicodeCategory.OtherLetter:
            case UnicodeCategory.LetterNumber:
                return CodePointLength(offset);
            default:
                return 0;
        }
    }

    /// <summary>UTF-16 length of the ID_Continue code point (or '-') at offset, 0 when there is none.</summary>
    private int IdentifierPartLength(int offset)
    {
        char c = _text[offset];
        if (c < 128) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(c) || c == '_' || c == '-' ? 1 : 0;
        int startLength = IdentifierStartLength(offset);
        if (startLength > 0) return startLength;
        switch (CharUnicodeInfo.GetUnicodeCategory(_text, offset))
        {
            case UnicodeCategory.NonSpacingMark:
            case UnicodeCategory.SpacingCombiningMark:
            case UnicodeCategory.DecimalDigitNumber:
            case UnicodeCategory.ConnectorPunctuation:
                return CodePointLength(offset);
            default:
                return 0;
        }
    }

    private int CodePointLength(int offset) =>
        char.IsHighSurrogate(_text[offset]) && offset + 1 < _text.Length && char.IsLowSurrogate(_text[offset + 1]) ? 2 : 1;
}
