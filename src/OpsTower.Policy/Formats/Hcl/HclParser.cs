using System;
using System.Collections.Generic;
using System.Linq;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Formats.Hcl;

/// <summary>
/// Parses HCL native syntax (Terraform <c>.tf</c>/<c>.tfvars</c>, Packer, Vault, Nomad…) into a tree with a span on
/// every node. Never throws on any input: problems become positioned diagnostics and the parser recovers at the next
/// line or closing brace. Nesting deeper than <see cref="MaxNestingDepth"/> is reported and skipped.
/// </summary>
public static class HclParser
{
    /// <summary>How deeply blocks and expressions may nest before the parser reports an error and skips the rest.</summary>
    public const int MaxNestingDepth = 500;

    /// <summary>A configuration file: a body of attributes and blocks.</summary>
    public static HclFile Parse(SourceFile file)
    {
        if (file is null) throw new ArgumentNullException(nameof(file));
        var parser = new HclSyntaxParser(file, standaloneTemplate: false);
        HclBody body = parser.ParseFileBody();
        return new HclFile(file, body, parser.Diagnostics, parser.Comments);
    }

    /// <summary>A lone expression, e.g. a variable value or a <c>-var</c> argument; newlines count as spaces.</summary>
    public static HclExpressionParseResult ParseExpression(SourceFile file)
    {
        if (file is null) throw new ArgumentNullException(nameof(file));
        var parser = new HclSyntaxParser(file, standaloneTemplate: false);
        HclExpression expression = parser.ParseWholeExpression();
        return new HclExpressionParseResult(file, expression, parser.Diagnostics, parser.Comments);
    }

    /// <summary>A standalone template (such as a <c>templatefile()</c> file): literal text with <c>${}</c> and <c>%{}</c> sequences.</summary>
    public static HclExpressionParseResult ParseTemplate(SourceFile file)
    {
        if (file is null) throw new ArgumentNullException(nameof(file));
        var parser = new HclSyntaxParser(file, standaloneTemplate: true);
        HclExpression template = parser.ParseStandaloneTemplate();
        return new HclExpressionParseResult(file, template, parser.Diagnostics, parser.Comments);
    }
}

/// <summary>
/// Recursive descent over the token list, modelled on HashiCorp's parser so that diagnostics land where HCL puts
/// them. Newlines are significant in bodies and objects and ignored inside brackets, parentheses and template
/// sequences: a stack of modes decides whether <see cref="Peek"/> skips them.
/// </summary>
internal sealed partial class HclSyntaxParser
{
    /// <summary>Expressions deeper than this are replaced by an invalid node, so that recursive walkers of the tree cannot overflow.</summary>
    private const int MaxTreeHeight = 2 * HclParser.MaxNestingDepth;

    private readonly SourceFile _file;
    private readonly string _text;
    private readonly List<HclToken> _tokens;
    private readonly List<ParseDiagnostic> _diagnostics = new();
    private readonly List<HclComment> _comments = new();
    private readonly List<bool> _newlineModes = new() { true };
    private int _index;
    private int _previousEnd;
    private int _depth;
    private bool _depthReported;

    /// <summary>
    /// Set by an error, cleared at the start of the next body item: while set, follow-on errors of the same broken
    /// construct are not reported (as HCL does), so one mistake gives one diagnostic.
    /// </summary>
    private bool _recovering;

    public HclSyntaxParser(SourceFile file, bool standaloneTemplate)
    {
        _file = file;
        _text = file.Text;
        _tokens = HclLexer.Tokenize(_text, standaloneTemplate, _comments, _diagnostics);
    }

    /// <summary>In file order (the lexer's and the parser's interleaved; a stable sort keeps same-position ones in report order).</summary>
    public IReadOnlyList<ParseDiagnostic> Diagnostics => _diagnostics.OrderBy(d => d.Span.Start).ToList();

    public IReadOnlyList<HclComment> Comments => _comments;

    public HclBody ParseFileBody()
    {
        List<HclBodyItem> items = ParseBodyItems(HclTokenKind.EndOfFile);
        return new HclBody(items, new TextSpan(0, _text.Length));
    }

    public HclExpression ParseWholeExpression()
    {
        _newlineModes.Add(false);
        HclExpression expression = ParseExpression();
        HclToken next = Peek();
        if (next.Kind != HclTokenKind.EndOfFile) Error(next, "Extra characters after expression: the expression is complete, but more text follows.");
        return expression;
    }

    // ---- tokens ----

    private bool NewlinesSignificant => _newlineModes[_newlineModes.Count - 1];

    private void PushNewlineMode(bool significant) => _newlineModes.Add(significant);

    private void PopNewlineMode() => _newlineModes.RemoveAt(_newlineModes.Count - 1);

    private int PeekIndex()
    {
        int i = _index;
        if (!NewlinesSignificant)
        {
            while (_tokens[i].Kind == HclTokenKind.Newline) i++;
        }
        return i;
    }

    private HclToken Peek() => _tokens[PeekIndex()];

    private HclToken Read()
    {
        int i = PeekIndex();
        HclToken token = _tokens[i];
        if (token.Kind != HclTokenKind.EndOfFile) _index = i + 1;
        _previousEnd = Math.Max(_previousEnd, token.End);
        return token;
    }

    /// <summary>Reads the next token whatever the newline mode (for recovery).</summary>
    private HclToken ReadRaw()
    {
        HclToken token = _tokens[_index];
        if (token.Kind != HclTokenKind.EndOfFile) _index++;
        _previousEnd = Math.Max(_previousEnd, token.End);
        return token;
    }

    private string TextOf(HclToken token) => _text.Substring(token.Start, token.End - token.Start);

    private bool IsKeyword(HclToken token, string keyword) =>
        token.Kind == HclTokenKind.Identifier && token.End - token.Start == keyword.Length && string.CompareOrdinal(_text, token.Start, keyword, 0, keyword.Length) == 0;

    /// <summary>From <paramref name="start"/> to the end of the last token read.</summary>
    private TextSpan SpanFrom(int start) => TextSpan.FromBounds(start, Math.Max(start, _previousEnd));

    // ---- diagnostics and recovery ----

    /// <summary>Reports an error unless one is already being recovered from (the lexer has reported invalid characters).</summary>
    private void Error(HclToken at, string message)
    {
        if (at.Kind == HclTokenKind.Invalid) _recovering = true;
        else Error(at.Span, message);
    }

    private void Error(TextSpan span, string message)
    {
        if (_recovering) return;
        ErrorAlways(span, message);
    }

    /// <summary>Reports an error even while recovering: for structural mistakes HCL always reports.</summary>
    private void ErrorAlways(TextSpan span, string message)
    {
        _diagnostics.Add(new ParseDiagnostic(DiagnosticSeverity.Error, message, span));
        _recovering = true;
    }

    private static bool IsOpener(HclTokenKind kind) => kind is HclTokenKind.OpenBrace or HclTokenKind.OpenBracket or HclTokenKind.OpenParen
        or HclTokenKind.OpenQuote or HclTokenKind.OpenHeredoc or HclTokenKind.TemplateInterpolation or HclTokenKind.TemplateControl;

    private static bool IsCloser(HclTokenKind kind) => kind is HclTokenKind.CloseBrace or HclTokenKind.CloseBracket or HclTokenKind.CloseParen
        or HclTokenKind.CloseQuote or HclTokenKind.CloseHeredoc or HclTokenKind.TemplateSequenceEnd;

    /// <summary>Skips to and reads the <paramref name="closer"/> matching an opener already read; returns it, or the end of file.</summary>
    private HclToken Recover(HclTokenKind closer)
    {
        int nesting = 0;
        while (true)
        {
            HclToken token = ReadRaw();
            HclTokenKind kind = token.Kind;
            if (kind == HclTokenKind.EndOfFile) return token;
            if (closer == HclTokenKind.TemplateSequenceEnd ? kind is HclTokenKind.TemplateInterpolation or HclTokenKind.TemplateControl : kind == OpenerOf(closer))
            {
                nesting++;
            }
            else if (kind == closer)
            {
                if (nesting == 0) return token;
                nesting--;
            }
        }
    }

    private static HclTokenKind OpenerOf(HclTokenKind closer) => closer switch
    {
        HclTokenKind.CloseBrace => HclTokenKind.OpenBrace,
        HclTokenKind.CloseBracket => HclTokenKind.OpenBracket,
        HclTokenKind.CloseParen => HclTokenKind.OpenParen,
        _ => HclTokenKind.Invalid,
    };

    /// <summary>
    /// Skips the rest of a broken body item: up to the next newline outside any brackets (left unread), the end of
    /// file, or — inside a block — an unmatched <c>}</c> (left unread, so the block still closes).
    /// </summary>
    private void RecoverAfterBodyItem(bool stopAtCloseBrace)
    {
        int nesting = 0;
        while (true)
        {
            HclToken token = _tokens[_index];
            if (token.Kind == HclTokenKind.EndOfFile) return;
            if (nesting == 0 && token.Kind == HclTokenKind.Newline) return;
            if (nesting == 0 && stopAtCloseBrace && token.Kind == HclTokenKind.CloseBrace) return;
            if (IsOpener(token.Kind)) nesting++;
            else if (IsCloser(token.Kind) && nesting > 0) nesting--;
            ReadRaw();
        }
    }

    /// <summary>Nesting has reached the limit, or the thread's stack is nearly used up.</summary>
    private bool TooDeep => _depth >= HclParser.MaxNestingDepth || !HclStackGuard.HasRoom();

    /// <summary>Reports nesting beyond <see cref="HclParser.MaxNestingDepth"/> once and skips the deep part without recursing.</summary>
    private HclInvalidExpression SkipTooDeep()
    {
        HclToken at = Peek();
        ReportTooDeep(at.Span);
        int start = _previousEnd;
        int nesting = 0;
        while (true)
        {
            HclTokenKind kind = _tokens[_index].Kind;
            if (kind == HclTokenKind.EndOfFile) break;
            if (kind == HclTokenKind.Newline && nesting == 0 && NewlinesSignificant) break;
            if (IsOpener(kind)) nesting++;
            else if (IsCloser(kind) && nesting-- == 0) break;
            ReadRaw();
        }
        return new HclInvalidExpression(SpanFrom(start));
    }

    private void ReportTooDeep(TextSpan span)
    {
        if (!_depthReported)
        {
            _depthReported = true;
            _diagnostics.Add(new ParseDiagnostic(DiagnosticSeverity.Error, $"Nesting too deep: blocks and expressions may nest at most {HclParser.MaxNestingDepth} levels (fewer when the thread's stack is small); the deeper part is skipped.", span));
        }
        _recovering = true;
    }

    /// <summary>Records a new node's height; a node that would make the tree too tall is replaced by an invalid one.</summary>
    private HclExpression Node(HclExpression node)
    {
        int height = 0;
        foreach (HclNode child in node.Children)
        {
            height = Math.Max(height, child.Height);
        }
        node.Height = height + 1;
        if (node.Height <= MaxTreeHeight) return node;
        ReportTooDeep(node.Span);
        return new HclInvalidExpression(node.Span);
    }

    // ---- bodies ----

    private List<HclBodyItem> ParseBodyItems(HclTokenKind end)
    {
        var items = new List<HclBodyItem>();
        var attributesByName = new Dictionary<string, HclAttribute>(StringComparer.Ordinal);
        while (true)
        {
            HclToken next = Peek();
            if (next.Kind == end || next.Kind == HclTokenKind.EndOfFile) return items;
            if (next.Kind == HclTokenKind.Newline)
            {
                Read();
                continue;
            }

            _recovering = false;
            if (next.Kind != HclTokenKind.Identifier)
            {
                Error(next, next.Kind switch
                {
                    HclTokenKind.OpenQuote => "Invalid argument name: argument names must not be quoted.",
                    HclTokenKind.CloseBrace => "Unexpected '}': there is no open block for it to close.",
                    _ => "Argument or block definition required: an argument or block definition is expected here.",
                });
                RecoverAfterBodyItem(stopAtCloseBrace: end == HclTokenKind.CloseBrace);
                if (_tokens[_index].Start == next.Start && _tokens[_index].Kind == next.Kind) ReadRaw(); // always make progress
                continue;
            }

            HclBodyItem? item = ParseBodyItem(end == HclTokenKind.CloseBrace);
            if (item is null) continue;
            if (item is HclAttribute attribute)
            {
                if (attributesByName.TryGetValue(attribute.Name, out HclAttribute? first))
                {
                    LinePosition firstAt = _file.GetPosition(first.NameSpan.Start);
                    ErrorAlways(attribute.NameSpan, $"Attribute redefined: the argument \"{attribute.Name}\" was already set at line {firstAt.Line}, column {firstAt.Column}; each argument may be set only once.");
                }
                else
                {
                    attributesByName.Add(attribute.Name, attribute);
                }
            }
            items.Add(item);
        }
    }

    private HclBodyItem? ParseBodyItem(bool inBlock)
    {
        HclToken name = Read();
        HclToken next = Peek();
        switch (next.Kind)
        {
            case HclTokenKind.Equals:
                return ParseAttribute(name, singleLine: false, inBlock);
            case HclTokenKind.OpenQuote:
            case HclTokenKind.OpenBrace:
            case HclTokenKind.Identifier:
                return ParseBlock(name, inBlock);
            default:
                Error(name.Span, "Argument or block definition required: use an equals sign \"=\" to set an argument, or braces to open a block.");
                RecoverAfterBodyItem(inBlock);
                return null;
        }
    }

    private HclAttribute ParseAttribute(HclToken name, bool singleLine, bool inBlock)
    {
        HclToken equals = Read();
        int errorsBefore = _diagnostics.Count;
        HclExpression expression = ParseExpression();
        int end = Math.Max(_previousEnd, expression.Span.End);
        if (_recovering && _diagnostics.Count > errorsBefore)
        {
            RecoverAfterBodyItem(inBlock);
        }
        else if (!singleLine)
        {
            HclToken after = Peek();
            if (after.Kind == HclTokenKind.Newline)
            {
                Read();
            }
            else if (after.Kind != HclTokenKind.EndOfFile)
            {
                Error(after, after.Kind == HclTokenKind.Comma
                    ? "Unexpected comma after argument: argument definitions must be separated by newlines, not commas."
                    : "Missing newline after argument: an argument definition must end with a newline.");
                RecoverAfterBodyItem(inBlock);
            }
        }
        return new HclAttribute(TextOf(name), name.Span, equals.Span, expression, TextSpan.FromBounds(name.Start, end)) { Height = expression.Height + 1 };
    }

    private HclBlock ParseBlock(HclToken type, bool inBlock)
    {
        var labels = new List<HclBlockLabel>();
        while (true)
        {
            HclToken next = Peek();
            if (next.Kind == HclTokenKind.OpenBrace) break;
            if (next.Kind == HclTokenKind.OpenQuote)
            {
                labels.Add(ParseQuotedLabel());
                continue;
            }
            if (next.Kind == HclTokenKind.Identifier)
            {
                Read();
                labels.Add(new HclBlockLabel(TextOf(next), next.Span, IsQuoted: false));
                continue;
            }

            Error(next, next.Kind switch
            {
                HclTokenKind.Equals => "Invalid block definition: the equals sign \"=\" introduces an argument and must not be used when defining a block.",
                HclTokenKind.Newline => "Invalid block definition: a block's opening brace \"{\" must be on the same line as its type and labels.",
                _ => "Invalid block definition: either a quoted string block label or an opening brace (\"{\") is expected here.",
            });
            RecoverAfterBodyItem(inBlock);
            TextSpan headerEnd = new(_previousEnd, 0);
            return new HclBlock(TextOf(type), type.Span, labels, new HclBody(Array.Empty<HclBodyItem>(), headerEnd), headerEnd, null, SpanFrom(type.Start));
        }

        HclToken open = Read();
        HclToken? close;
        List<HclBodyItem> items;
        if (TooDeep)
        {
            ReportTooDeep(open.Span);
            items = new List<HclBodyItem>();
            close = NullIfEnd(Recover(HclTokenKind.CloseBrace));
        }
        else
        {
            _depth++;
            (items, close) = ParseBlockContent(open);
            _depth--;
        }

        int blockEnd = close?.End ?? Math.Max(open.End, _previousEnd);
        HclToken endOfLine = Peek();
        if (endOfLine.Kind == HclTokenKind.Newline)
        {
            Read();
        }
        else if (endOfLine.Kind != HclTokenKind.EndOfFile)
        {
            Error(endOfLine, "Missing newline after block definition: a block definition must end with a newline.");
            RecoverAfterBodyItem(inBlock);
        }

        var body = new HclBody(items, TextSpan.FromBounds(open.Start, blockEnd)) { Height = 1 + items.ConvertAll(i => i.Height).MaxOrZero() };
        return new HclBlock(TextOf(type), type.Span, labels, body, open.Span, close?.Span, TextSpan.FromBounds(type.Start, blockEnd)) { Height = body.Height + 1 };
    }

    private static HclToken? NullIfEnd(HclToken token) => token.Kind == HclTokenKind.EndOfFile ? null : token;

    private (List<HclBodyItem> Items, HclToken? Close) ParseBlockContent(HclToken open)
    {
        HclToken first = Peek();
        if (first.Kind is HclTokenKind.Newline or HclTokenKind.EndOfFile or HclTokenKind.CloseBrace)
        {
            List<HclBodyItem> items = ParseBodyItems(HclTokenKind.CloseBrace);
            if (Peek().Kind == HclTokenKind.CloseBrace) return (items, Read());
            Error(open.Span, "Unclosed configuration block: there is no closing brace for this block before the end of the file.");
            return (items, null);
        }

        // "a { b = 1 }": a one-line block holds at most one argument and closes on the same line.
        List<HclBodyItem> single = ParseSingleLineBlockContent();
        HclToken next = Peek();
        switch (next.Kind)
        {
            case HclTokenKind.CloseBrace:
                return (single, Read());
            case HclTokenKind.Comma:
                ErrorAlways(next.Span, "Invalid single-argument block definition: a single-line block can hold only one argument; to set several, put one argument per line.");
                break;
            case HclTokenKind.Newline:
                ErrorAlways(next.Span, "Invalid single-argument block definition: a block whose argument is on its opening line must be closed on that same line.");
                break;
            default:
                Error(next, next.Kind == HclTokenKind.EndOfFile
                    ? "Unclosed configuration block: there is no closing brace for this block before the end of the file."
                    : "Invalid single-argument block definition: a single-line block must end with a closing brace right after its argument.");
                break;
        }
        return (single, NullIfEnd(Recover(HclTokenKind.CloseBrace)));
    }

    private List<HclBodyItem> ParseSingleLineBlockContent()
    {
        _recovering = false;
        HclToken name = Read();
        if (name.Kind != HclTokenKind.Identifier)
        {
            Error(name, "Argument or block definition required: an argument definition is expected here.");
            RecoverAfterBodyItem(stopAtCloseBrace: true);
            return new List<HclBodyItem>();
        }
        HclToken next = Peek();
        if (next.Kind == HclTokenKind.Equals) return new List<HclBodyItem> { ParseAttribute(name, singleLine: true, inBlock: true) };

        if (next.Kind is HclTokenKind.OpenQuote or HclTokenKind.OpenBrace or HclTokenKind.Identifier)
            ErrorAlways(TextSpan.FromBounds(name.Start, next.End), "Argument definition required: a single-line block can contain only one argument; place a nested block on a line of its own within its parent block.");
        else
            Error(name.Span, "Argument or block definition required: use an equals sign \"=\" to set an argument.");
        RecoverAfterBodyItem(stopAtCloseBrace: true);
        return new List<HclBodyItem>();
    }
}
