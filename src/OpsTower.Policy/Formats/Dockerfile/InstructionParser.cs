using System;
using System.Collections.Generic;
using System.Text;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Formats.Dockerfile;

/// <summary>An instruction parsed from its logical line, before heredoc bodies and line numbers are known.</summary>
internal sealed class InstructionParts
{
    public InstructionParts(string keyword, TextSpan keywordSpan)
    {
        Keyword = keyword;
        KeywordSpan = keywordSpan;
    }

    public string Keyword { get; }
    public TextSpan KeywordSpan { get; }
    // Created on first use: most instructions have no flags and no key-value pairs.
    private List<DockerFlag>? _flags;
    private List<DockerKeyValue>? _keyValues;

    public List<DockerFlag> Flags => _flags ??= new();

    /// <summary>The last flag read, if any.</summary>
    public DockerFlag? LastFlag => _flags is { Count: > 0 } flags ? flags[flags.Count - 1] : null;
    public bool IsExecForm { get; set; }
    public List<DockerToken> Arguments { get; } = new();
    public string ArgumentText { get; set; } = "";
    public OffsetMap? ArgumentOffsets { get; set; }
    public List<DockerKeyValue> KeyValues => _keyValues ??= new();
    public InstructionParts? Trigger { get; set; }

    /// <summary>RUN, COPY and ADD in shell form take heredocs; for ONBUILD its trigger decides.</summary>
    public bool CanContainHeredoc
    {
        get
        {
            var subject = Keyword == "ONBUILD" && Trigger is not null ? Trigger : this;
            return (subject.Keyword == "RUN" || subject.Keyword == "COPY" || subject.Keyword == "ADD") && !subject.IsExecForm;
        }
    }

    /// <summary>The heredocs belong to the instruction that uses them: an ONBUILD's trigger, else this one.</summary>
    public DockerInstruction ToInstruction(int spanEnd, IReadOnlyList<DockerHeredoc> heredocs, int startLine, int endLine)
    {
        var ownHeredocs = Trigger is null ? heredocs : Array.Empty<DockerHeredoc>();
        var trigger = Trigger?.ToInstruction(spanEnd, heredocs, startLine, endLine);
        return new DockerInstruction(
            Keyword, KeywordSpan, TextSpan.FromBounds(KeywordSpan.Start, Math.Max(spanEnd, KeywordSpan.End)),
            (IReadOnlyList<DockerFlag>?)_flags ?? Array.Empty<DockerFlag>(), IsExecForm,
            Arguments, ArgumentText, ArgumentOffsets!, (IReadOnlyList<DockerKeyValue>?)_keyValues ?? Array.Empty<DockerKeyValue>(), ownHeredocs, trigger, startLine, endLine);
    }
}

/// <summary>
/// Splits a logical line into keyword, flags and arguments and parses the arguments per instruction, following
/// BuildKit's <c>splitCommand</c>, <c>extractBuilderFlags</c> and the line parsers in <c>line_parsers.go</c>.
/// </summary>
internal sealed class InstructionParser
{
    private static readonly HashSet<string> KnownKeywords = new(StringComparer.Ordinal)
    {
        "ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK", "LABEL",
        "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR",
    };

    private readonly char _escapeToken;
    private readonly List<ParseDiagnostic> _diagnostics;
    private readonly List<JsonArrayElement> _jsonElements = new();

    // The word being read by ExtractFlags or ParseWords, reused across instructions (neither runs inside the other).
    private readonly StringBuilder _word = new();

    private readonly ShellWordLexer _unquoteLexer;

    public InstructionParser(char escapeToken, List<ParseDiagnostic> diagnostics)
    {
        _escapeToken = escapeToken;
        _diagnostics = diagnostics;
        _unquoteLexer = new ShellWordLexer(escapeToken, rawQuotes: false, rawEscapes: false, skipUnsetEnv: true);
    }

    public char EscapeToken => _escapeToken;

    public static bool IsKnownKeyword(string keyword) => KnownKeywords.Contains(keyword);

    public InstructionParts Parse(LogicalLine line, int from, int to, bool isTrigger)
    {
        string text = line.Text;
        while (from < to && char.IsWhiteSpace(text[from])) from++;
        while (to > from && char.IsWhiteSpace(text[to - 1])) to--;
        int commandEnd = from;
        while (commandEnd < to && !IsSplitSpace(text[commandEnd])) commandEnd++;

        var parts = new InstructionParts(KeywordOf(text, from, commandEnd), line.Span(from, commandEnd));
        int argumentStart = to;
        if (commandEnd < to)
        {
            int flagsStart = commandEnd;
            while (flagsStart < to && IsSplitSpace(text[flagsStart])) flagsStart++;
            argumentStart = ExtractFlags(line, flagsStart, to, parts);
        }
        while (argumentStart < to && char.IsWhiteSpace(text[argumentStart])) argumentStart++;
        int anchor = parts.LastFlag?.Span.End ?? parts.KeywordSpan.End;
        parts.ArgumentText = text.Substring(argumentStart, to - argumentStart);
        parts.ArgumentOffsets = line.OffsetsFor(argumentStart, to, anchor);

        var arguments = new Range(line, argumentStart, to);
        switch (parts.Keyword)
        {
            case "ADD":
            case "COPY":
            case "VOLUME":
                ParseMaybeJsonToList(arguments, parts);
                break;
            case "CMD":
            case "ENTRYPOINT":
            case "RUN":
            case "SHELL":
                ParseMaybeJson(arguments, parts);
                break;
            case "ARG":
                ParseNameOrNameValue(arguments, parts);
                break;
            case "ENV":
            case "LABEL":
                ParseNameValue(arguments, parts);
                break;
            case "EXPOSE":
            case "FROM":
                AddWhitespaceDelimited(arguments, parts);
                break;
            case "HEALTHCHECK":
                ParseHealthCheck(arguments, parts);
                break;
            case "MAINTAINER":
            case "STOPSIGNAL":
            case "USER":
            case "WORKDIR":
                if (!arguments.IsEmpty) parts.Arguments.Add(Token(arguments, parts));
                break;
            case "ONBUILD":
                ParseOnBuild(arguments, parts, isTrigger);
                break;
            case "":
                Warning("a line continuation without an instruction", line.Span(from, to));
                break;
            default:
                // BuildKit's parser ignores the arguments of an unknown instruction.
                Warning($"unknown instruction: {parts.Keyword}", parts.KeywordSpan);
                break;
        }
        return parts;
    }

    /// <summary>The split that BuildKit's <c>[\t\v\f\r ]+</c> expression makes (no Unicode spaces, unlike TrimSpace).</summary>
    private static bool IsSplitSpace(char c) => c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r';

    /// <summary>
    /// Reads leading <c>--name[=value]</c> words; a bare <c>--</c> ends them. Returns where the arguments start.
    /// Flags always use '\' as their escape, whatever the escape directive says (as BuildKit does).
    /// </summary>
    private int ExtractFlags(LogicalLine line, int start, int end, InstructionParts parts)
    {
        const int InSpaces = 0, InWord = 1, InQuote = 2;
        string text = line.Text;
        var word = _word.Clear();
        int phase = InSpaces;
        char quote = '\0';
        bool blankOk = false;
        int wordStart = start;
        for (int pos = start; pos <= end; pos++)
        {
            char ch = pos < end ? text[pos] : '\0';
            if (phase == InSpaces)
            {
                if (pos == end) break;
                if (char.IsWhiteSpace(ch)) continue;
                if (ch != '-' || pos + 1 == end || text[pos + 1] != '-') return pos;
                phase = InWord;
                wordStart = pos;
            }
            if (pos == end)
            {
                if (!IsDoubleDash(word) && (blankOk || word.Length > 0)) parts.Flags.Add(CreateFlag(line, word.ToString(), wordStart, end));
                break;
            }
            if (phase == InWord)
            {
                if (char.IsWhiteSpace(ch))
                {
                    phase = InSpaces;
                    if (IsDoubleDash(word)) return pos;
                    if (blankOk || word.Length > 0) parts.Flags.Add(CreateFlag(line, word.ToString(), wordStart, pos));
                    word.Clear();
                    blankOk = false;
                    continue;
                }
                if (ch == '\'' || ch == '"')
                {
                    quote = ch;
                    blankOk = true;
                    phase = InQuote;
                    continue;
                }
                if (ch == '\\')
                {
                    if (pos + 1 == end) continue;
                    ch = text[++pos];
                }
                word.Append(ch);
                continue;
            }
            if (ch == quote)
            {
                phase = InWord;
                continue;
            }
            if (ch == '\\')
            {
                if (pos + 1 == end)
                {
                    phase = InWord;
                    continue;
                }
                ch = text[++pos];
            }
            word.Append(ch);
        }
        return end;
    }

    private static bool IsDoubleDash(StringBuilder word) => word.Length == 2 && word[0] == '-' && word[1] == '-';

    private static DockerFlag CreateFlag(LogicalLine line, string word, int start, int end)
    {
        string body = word.Substring(2);
        int equals = body.IndexOf('=');
        if (equals < 0) return new DockerFlag(body, null, line.Span(start, end), null);
        int rawEquals = line.Text.IndexOf('=', start, end - start);
        TextSpan? valueSpan = rawEquals < 0 ? null : line.Span(rawEquals + 1, end);
        return new DockerFlag(body.Substring(0, equals), body.Substring(equals + 1), line.Span(start, end), valueSpan);
    }

    private void ParseMaybeJson(Range arguments, InstructionParts parts)
    {
        if (arguments.IsEmpty) return;
        switch (JsonArrayReader.Read(arguments.Line.Text, arguments.Start, arguments.End, _jsonElements))
        {
            case JsonArrayOutcome.StringArray:
                AddJsonElements(arguments.Line, parts);
                break;
            case JsonArrayOutcome.NotStringArray:
                Error("when using JSON array syntax, arrays must be comprised of strings only", arguments.Span);
                break;
            default:
                parts.Arguments.Add(Token(arguments, parts));
                break;
        }
    }

    /// <summary>A token of the range, sharing the argument text's string when the range is all of it (RUN, CMD…).</summary>
    private static DockerToken Token(Range range, InstructionParts parts)
    {
        string whole = parts.ArgumentText;
        bool isWhole = range.End - range.Start == whole.Length && string.CompareOrdinal(range.Line.Text, range.Start, whole, 0, whole.Length) == 0;
        return isWhole ? new DockerToken(whole, range.Span) : range.Token();
    }

    /// <summary>The upper-case keyword; a known one is returned as its constant, so no string is allocated for it.</summary>
    private static string KeywordOf(string text, int start, int end)
    {
        foreach (string keyword in KnownKeywords)
        {
            if (keyword.Length == end - start && string.Compare(text, start, keyword, 0, keyword.Length, StringComparison.OrdinalIgnoreCase) == 0)
                return keyword;
        }
        return text.Substring(start, end - start).ToUpperInvariant();
    }

    private void ParseMaybeJsonToList(Range arguments, InstructionParts parts)
    {
        switch (JsonArrayReader.Read(arguments.Line.Text, arguments.Start, arguments.End, _jsonElements))
        {
            case JsonArrayOutcome.StringArray:
                AddJsonElements(arguments.Line, parts);
                break;
            case JsonArrayOutcome.NotStringArray:
                Error("when using JSON array syntax, arrays must be comprised of strings only", arguments.Span);
                break;
            default:
                AddWhitespaceDelimited(arguments, parts);
                break;
        }
    }

    private void AddJsonElements(LogicalLine line, InstructionParts parts)
    {
        parts.IsExecForm = true;
        foreach (var element in _jsonElements) parts.Arguments.Add(new DockerToken(element.Value, line.Span(element.Start, element.End)));
    }

    /// <summary>BuildKit's <c>parseStringsWhitespaceDelimited</c> (the arguments are already trimmed, so no empty words).</summary>
    private static void AddWhitespaceDelimited(Range arguments, InstructionParts parts)
    {
        string text = arguments.Line.Text;
        int i = arguments.Start;
        while (i < arguments.End)
        {
            int wordStart = i;
            while (i < arguments.End && !IsSplitSpace(text[i])) i++;
            parts.Arguments.Add(new Range(arguments.Line, wordStart, i).Token());
            while (i < arguments.End && IsSplitSpace(text[i])) i++;
        }
    }

    private void ParseHealthCheck(Range arguments, InstructionParts parts)
    {
        if (arguments.IsEmpty) return;
        string text = arguments.Line.Text;
        int separator = arguments.Start;
        while (separator < arguments.End && !char.IsWhiteSpace(text[separator])) separator++;
        int next = separator;
        while (next < arguments.End && char.IsWhiteSpace(text[next])) next++;
        parts.Arguments.Add(new Range(arguments.Line, arguments.Start, separator).Token());
        ParseMaybeJson(new Range(arguments.Line, next, arguments.End), parts);
    }

    private void ParseOnBuild(Range arguments, InstructionParts parts, bool isTrigger)
    {
        if (arguments.IsEmpty)
        {
            Error("ONBUILD requires at least one argument", parts.KeywordSpan);
            return;
        }
        if (isTrigger)
        {
            // BuildKit rejects ONBUILD ONBUILD; not descending further also bounds the recursion.
            Error("Chaining ON BUILD via `ONBUILD ONBUILD` isn't allowed", parts.KeywordSpan);
            return;
        }
        var trigger = Parse(arguments.Line, arguments.Start, arguments.End, isTrigger: true);
        if (trigger.Keyword == "FROM" || trigger.Keyword == "MAINTAINER")
            Error($"{trigger.Keyword} isn't allowed as an ON BUILD trigger", trigger.KeywordSpan);
        parts.Trigger = trigger;
    }

    /// <summary>ARG: every word is <c>name</c> or <c>name=value</c>.</summary>
    private void ParseNameOrNameValue(Range arguments, InstructionParts parts)
    {
        var words = ParseWords(arguments);
        if (words.Count == 0)
        {
            Error("ARG requires at least one argument", parts.KeywordSpan);
            return;
        }
        foreach (var word in words)
        {
            parts.Arguments.Add(new DockerToken(word.Value, word.Span));
            int equals = word.Value.IndexOf('=');
            if (equals < 0)
            {
                parts.KeyValues.Add(new DockerKeyValue(Unquote(word.Value, word.Span), null, word.Span, null, word.Span));
                continue;
            }
            AddKeyValue(arguments.Line, word, equals, parts);
        }
    }

    /// <summary>ENV and LABEL: <c>key=value …</c>, or the legacy <c>key value</c> when the first word has no '='.</summary>
    private void ParseNameValue(Range arguments, InstructionParts parts)
    {
        var words = ParseWords(arguments);
        if (words.Count == 0)
        {
            Error($"{parts.Keyword} requires at least one argument", parts.KeywordSpan);
            return;
        }

        if (words[0].Value.IndexOf('=') < 0)
        {
            string text = arguments.Line.Text;
            int keyEnd = arguments.Start;
            while (keyEnd < arguments.End && !IsSplitSpace(text[keyEnd])) keyEnd++;
            if (keyEnd == arguments.End)
            {
                Error($"{parts.Keyword} must have two arguments", arguments.Span);
                return;
            }
            int valueStart = keyEnd;
            while (valueStart < arguments.End && IsSplitSpace(text[valueStart])) valueStart++;
            var key = new Range(arguments.Line, arguments.Start, keyEnd);
            var value = new Range(arguments.Line, valueStart, arguments.End);
            parts.Arguments.Add(key.Token());
            parts.Arguments.Add(value.Token());
            parts.KeyValues.Add(new DockerKeyValue(
                Unquote(key.Text, key.Span), Unquote(value.Text, value.Span), key.Span, value.Span, arguments.Span));
            return;
        }

        foreach (var word in words)
        {
            int equals = word.Value.IndexOf('=');
            if (equals < 0)
            {
                Error($"Syntax error - can't find = in \"{word.Value}\". Must be of the form: name=value", word.Span);
                return;
            }
            parts.Arguments.Add(new DockerToken(word.Value, word.Span));
            AddKeyValue(arguments.Line, word, equals, parts);
        }
    }

    private void AddKeyValue(LogicalLine line, RawWord word, int equals, InstructionParts parts)
    {
        string rawKey = word.Value.Substring(0, equals);
        string rawValue = word.Value.Substring(equals + 1);
        var keySpan = line.Span(word.Start, word.Start + equals);
        var valueSpan = line.Span(word.Start + equals + 1, word.End);
        parts.KeyValues.Add(new DockerKeyValue(Unquote(rawKey, keySpan), Unquote(rawValue, valueSpan), keySpan, valueSpan, word.Span));
    }

    /// <summary>
    /// What BuildKit's shell lexer makes of a word before expansion: quotes removed, escapes applied, <c>$VAR</c>
    /// kept. A word it cannot lex is kept as written with a warning: BuildKit's parser accepts it, the build then fails.
    /// </summary>
    private string Unquote(string raw, TextSpan span)
    {
        if (_unquoteLexer.TryProcessWord(raw, 0, raw.Length, out string result, out string error)) return result;
        Warning($"failed to process \"{raw}\": {error}", span);
        return raw;
    }

    /// <summary>BuildKit's <c>parseWords</c>: space-separated words, quotes and escapes kept in the text.</summary>
    private List<RawWord> ParseWords(Range range)
    {
        const int InSpaces = 0, InWord = 1, InQuote = 2;
        string text = range.Line.Text;
        int end = range.End;
        var words = new List<RawWord>();
        var word = _word.Clear();
        int phase = InSpaces;
        char quote = '\0';
        bool blankOk = false;
        int wordStart = range.Start;
        for (int pos = range.Start; pos <= end; pos++)
        {
            char ch = pos < end ? text[pos] : '\0';
            if (phase == InSpaces)
            {
                if (pos == end) break;
                if (char.IsWhiteSpace(ch)) continue;
                phase = InWord;
                wordStart = pos;
            }
            if (pos == end)
            {
                if (blankOk || word.Length > 0) words.Add(new RawWord(word.ToString(), wordStart, end, range.Line));
                break;
            }
            if (phase == InWord)
            {
                if (char.IsWhiteSpace(ch))
                {
                    phase = InSpaces;
                    if (blankOk || word.Length > 0) words.Add(new RawWord(word.ToString(), wordStart, pos, range.Line));
                    word.Clear();
                    blankOk = false;
                    continue;
                }
                if (ch == '\'' || ch == '"')
                {
                    quote = ch;
                    blankOk = true;
                    phase = InQuote;
                }
                if (ch == _escapeToken)
                {
                    // An escape at the very end is dropped; otherwise it stays, with the character it escapes.
                    if (pos + 1 == end) continue;
                    word.Append(ch);
                    ch = text[++pos];
                }
                word.Append(ch);
                continue;
            }
            if (ch == quote) phase = InWord;
            if (ch == _escapeToken && quote != '\'')
            {
                if (pos + 1 == end)
                {
                    phase = InWord;
                    continue;
                }
                word.Append(ch);
                ch = text[++pos];
            }
            word.Append(ch);
        }
        return words;
    }

    private void Error(string message, TextSpan span) => _diagnostics.Add(new ParseDiagnostic(DiagnosticSeverity.Error, message, span));

    private void Warning(string message, TextSpan span) => _diagnostics.Add(new ParseDiagnostic(DiagnosticSeverity.Warning, message, span));

    /// <summary>A stretch of a logical line.</summary>
    private readonly struct Range
    {
        public Range(LogicalLine line, int start, int end)
        {
            Line = line;
            Start = start;
            End = end;
        }

        public LogicalLine Line { get; }
        public int Start { get; }
        public int End { get; }
        public bool IsEmpty => End <= Start;
        public string Text => Line.Text.Substring(Start, End - Start);
        public TextSpan Span => Line.Span(Start, End);
        public DockerToken Token() => new(Text, Span);
    }

    /// <summary>A word of <see cref="ParseWords"/>: its text (quotes kept) and where it lies in the logical line.</summary>
    private readonly struct RawWord
    {
        public RawWord(string value, int start, int end, LogicalLine line)
        {
            Value = value;
            Start = start;
            End = end;
            Span = line.Span(start, end);
        }

        public string Value { get; }
        public int Start { get; }
        public int End { get; }
        public TextSpan Span { get; }
    }
}
