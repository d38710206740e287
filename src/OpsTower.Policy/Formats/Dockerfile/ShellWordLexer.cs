using System;
using System.Collections.Generic;
using System.Text;

namespace OpsTower.Policy.Formats.Dockerfile;

/// <summary>A word found by <see cref="ShellWordLexer.TryProcessWords"/>, with the index range of its source text.</summary>
internal readonly struct LexedWord
{
    public LexedWord(string value, int start, int end)
    {
        Value = value;
        Start = start;
        End = end;
    }

    public string Value { get; }
    public int Start { get; }
    public int End { get; }
}

/// <summary>
/// A port of BuildKit's <c>shell.Lex</c>: quote removal, escapes and <c>$VAR</c>/<c>${VAR…}</c> expansion,
/// used to unquote ENV/ARG/LABEL values, to resolve FROM against global ARGs and to find heredoc markers.
/// </summary>
internal sealed class ShellWordLexer
{
    // BuildKit recurses once per nested ${…}; a bound keeps hostile input from exhausting the stack.
    private const int MaxSubstitutionDepth = 64;

    // Pattern matching in ${VAR#…} is quadratic; beyond this the result is reported as unknown instead.
    private const int MaxPatternWork = 1_000_000;

    private readonly char _escapeToken;
    private readonly bool _rawQuotes;
    private readonly bool _skipUnsetEnv;
    private readonly IReadOnlyDictionary<string, string?>? _variables;
    private readonly bool _defaultRawEscapes;
    private string _source = "";
    private int _position;
    private int _end;
    private bool _rawEscapes;
    private int _depth;

    /// <param name="escapeToken">The escape directive's character ('\' or '`').</param>
    /// <param name="rawQuotes">Keep quote characters in the result.</param>
    /// <param name="rawEscapes">Keep escape characters in the result.</param>
    /// <param name="skipUnsetEnv">Keep references to unset variables as written.</param>
    /// <param name="variables">
    /// Set variables; a null value means declared without a known value (an ARG without default): it reads as
    /// empty for <c>:-</c> and <c>:+</c>, and makes the result unknown wherever its value is used. Unset variables
    /// are kept as written with <paramref name="skipUnsetEnv"/>, else their use makes the result unknown too.
    /// </param>
    public ShellWordLexer(char escapeToken, bool rawQuotes, bool rawEscapes, bool skipUnsetEnv, IReadOnlyDictionary<string, string?>? variables = null)
    {
        _escapeToken = escapeToken;
        _rawQuotes = rawQuotes;
        _defaultRawEscapes = rawEscapes;
        _skipUnsetEnv = skipUnsetEnv;
        _variables = variables;
    }

    /// <summary>True when the last result depends on a variable whose value is not known.</summary>
    public bool UsedUnknownValue { get; private set; }

    /// <summary>BuildKit's ProcessWord: the whole text as one word, white space kept.</summary>
    public bool TryProcessWord(string source, int start, int end, out string result, out string error)
    {
        Reset(source, start, end);
        error = "";
        if (IsLiteral(source, start, end))
        {
            // Nothing to unquote, escape or expand (most values): the text is the result, so skip the builders.
            result = start == 0 && end == source.Length ? source : source.Substring(start, end - start);
            return true;
        }
        try
        {
            result = ProcessStopOn(-1, _defaultRawEscapes, null);
            return true;
        }
        catch (ShellSyntaxException e)
        {
            result = "";
            error = e.Message;
            return false;
        }
    }

    /// <summary>BuildKit's ProcessWords: the text split into words after quote and variable processing.</summary>
    public bool TryProcessWords(string source, int start, int end, List<LexedWord> words)
    {
        Reset(source, start, end);
        words.Clear();
        var collector = new WordCollector(words);
        try
        {
            ProcessStopOn(-1, _defaultRawEscapes, collector);
            collector.Finish();
            return true;
        }
        catch (ShellSyntaxException)
        {
            words.Clear();
            return false;
        }
    }

    /// <summary>Whether the text has none of the characters that <see cref="ProcessStopOn"/> treats specially.</summary>
    private bool IsLiteral(string source, int start, int end)
    {
        for (int i = start; i < end; i++)
        {
            char c = source[i];
            if (c == '$' || c == '\'' || c == '"' || c == _escapeToken) return false;
        }
        return true;
    }

    private void Reset(string source, int start, int end)
    {
        _source = source;
        _position = start;
        _end = end;
        _rawEscapes = _defaultRawEscapes;
        _depth = 0;
        UsedUnknownValue = false;
    }

    private string ProcessStopOn(int stopChar, bool rawEscapes, WordCollector? words)
    {
        var result = new StringBuilder();
        bool savedRawEscapes = _rawEscapes;
        _rawEscapes = rawEscapes;
        try
        {
            while (_position < _end)
            {
                char ch = _source[_position];
                if (stopChar >= 0 && ch == stopChar)
                {
                    _position++;
                    return result.ToString();
                }
                int segmentStart = _position;
                if (ch == '$')
                {
                    string expanded = ProcessDollar();
                    result.Append(expanded);
                    words?.AddString(expanded, segmentStart, _position);
                }
                else if (ch == '\'' || ch == '"')
                {
                    string quoted = ch == '\'' ? ProcessSingleQuote() : ProcessDoubleQuote();
                    result.Append(quoted);
                    words?.AddRawString(quoted, segmentStart, _position);
                }
                else
                {
                    _position++;
                    if (ch == _escapeToken)
                    {
                        if (_rawEscapes)
                        {
                            words?.AddRawChar(ch, segmentStart, _position);
                            result.Append(ch);
                        }
                        if (_position >= _end) break;
                        ch = _source[_position++];
                        words?.AddRawChar(ch, segmentStart, _position);
                    }
                    else
                    {
                        words?.AddChar(ch, segmentStart, _position);
                    }
                    result.Append(ch);
                }
            }
            if (stopChar >= 0) throw new ShellSyntaxException("unexpected end of statement while looking for matching " + (char)stopChar);
            return result.ToString();
        }
        finally
        {
            _rawEscapes = savedRawEscapes;
        }
    }

    private string ProcessSingleQuote()
    {
        var result = new StringBuilder();
        _position++;
        if (_rawQuotes) result.Append('\'');
        while (true)
        {
            if (_position >= _end) throw new ShellSyntaxException("unexpected end of statement while looking for matching single-quote");
            char ch = _source[_position++];
            if (ch == '\'')
            {
                if (_rawQuotes) result.Append(ch);
                return result.ToString();
            }
            result.Append(ch);
        }
    }

    private string ProcessDoubleQuote()
    {
        var result = new StringBuilder();
        _position++;
        if (_rawQuotes) result.Append('"');
        while (true)
        {
            if (_position >= _end) throw new ShellSyntaxException("unexpected end of statement while looking for matching double-quote");
            char ch = _source[_position];
            if (ch == '"')
            {
                _position++;
                if (_rawQuotes) result.Append(ch);
                return result.ToString();
            }
            if (ch == '$')
            {
                result.Append(ProcessDollar());
                continue;
            }
            _position++;
            if (ch == _escapeToken)
            {
                if (_rawEscapes) result.Append(ch);
                if (_position >= _end) continue;
                char next = _source[_position];
                // Inside double quotes only " $ and the escape token itself can be escaped.
                if (next == '"' || next == '$' || next == _escapeToken)
                {
                    ch = next;
                    _position++;
                }
            }
            result.Append(ch);
        }
    }

    private string ProcessDollar()
    {
        _position++;
        if (_position >= _end || _source[_position] != '{')
        {
            string name = ProcessName();
            if (name.Length == 0) return "$";
            if (!TryGetVariable(name, out string value, out bool isKnown) && _skipUnsetEnv) return "$" + name;
            return Use(value, isKnown);
        }

        _position++;
        if (_position >= _end) throw new ShellSyntaxException("syntax error: missing '}'");
        char first = _source[_position];
        if (first == '{' || first == '}' || first == ':') throw new ShellSyntaxException("syntax error: bad substitution");
        string variable = ProcessName();
        if (_position >= _end) throw new ShellSyntaxException("syntax error: missing '}'");
        char modifier = _source[_position++];
        string modifierText = modifier.ToString();
        if (modifier == '}')
        {
            if (!TryGetVariable(variable, out string value, out bool isKnown) && _skipUnsetEnv) return "${" + variable + "}";
            return Use(value, isKnown);
        }

        if (++_depth > MaxSubstitutionDepth) throw new ShellSyntaxException("substitutions nested too deeply");
        try
        {
            if (modifier == '/') return ProcessReplacement(variable);

            bool nullIsUnset = false;
            if (modifier == ':')
            {
                nullIsUnset = true;
                if (_position >= _end) throw new ShellSyntaxException("syntax error: missing '}'");
                modifier = _source[_position++];
                modifierText += modifier;
            }
            else if (modifier != '+' && modifier != '-' && modifier != '?' && modifier != '#' && modifier != '%')
            {
                throw new ShellSyntaxException($"unsupported modifier ({modifierText}) in substitution");
            }

            string word = ProcessStopOn('}', modifier == '#' || modifier == '%', null);
            bool isSet = TryGetVariable(variable, out string current, out bool isKnown);
            if (_skipUnsetEnv && !isSet) return "${" + variable + modifierText + word + "}";

            switch (modifier)
            {
                case '-':
                    return !isSet || (nullIsUnset && current.Length == 0) ? word : Use(current, isKnown);
                case '+':
                    return !isSet || (nullIsUnset && current.Length == 0) ? "" : word;
                case '?':
                    if (!isSet) throw new ShellSyntaxException($"{variable}: {(word.Length == 0 ? "is not allowed to be unset" : word)}");
                    if (nullIsUnset && current.Length == 0) throw new ShellSyntaxException($"{variable}: {(word.Length == 0 ? "is not allowed to be empty" : word)}");
                    return Use(current, isKnown);
                case '#':
                case '%':
                    bool greedy = word.Length > 0 && word[0] == modifier;
                    var pattern = ParsePattern(greedy ? word.Substring(1) : word);
                    current = Use(current, isKnown);
                    return modifier == '%' ? TrimSuffix(current, pattern, greedy) : TrimPrefix(current, pattern, greedy);
                default:
                    throw new ShellSyntaxException($"unsupported modifier ({modifierText}) in substitution");
            }
        }
        finally
        {
            _depth--;
        }
    }

    private string ProcessReplacement(string variable)
    {
        bool replaceAll = _position < _end && _source[_position] == '/';
        if (replaceAll) _position++;
        string pattern = ProcessStopOn('/', true, null);
        string replacement = ProcessStopOn('}', true, null);
        bool isSet = TryGetVariable(variable, out string value, out bool isKnown);
        if (_skipUnsetEnv && !isSet) return "${" + variable + "/" + pattern + "/" + replacement + "}";
        value = Use(value, isKnown);

        var tokens = ParsePattern(pattern);
        var result = new StringBuilder();
        int position = 0;
        while (position <= value.Length)
        {
            if (!TryFindLongestMatch(value, position, tokens, out int matchStart, out int matchEnd) || matchEnd == matchStart)
            {
                // Go's regexp inserts the replacement around every empty match; not worth reproducing.
                if (matchEnd == matchStart && matchStart >= 0) UsedUnknownValue = true;
                break;
            }
            result.Append(value, position, matchStart - position).Append(replacement);
            position = matchEnd;
            if (!replaceAll) break;
        }
        if (position < value.Length) result.Append(value, position, value.Length - position);
        return result.ToString();
    }

    private string ProcessName()
    {
        var name = new StringBuilder();
        while (_position < _end)
        {
            char ch = _source[_position];
            if (name.Length == 0 && char.IsDigit(ch))
            {
                while (_position < _end && char.IsDigit(_source[_position])) name.Append(_source[_position++]);
                return name.ToString();
            }
            if (name.Length == 0 && IsSpecialParameter(ch))
            {
                _position++;
                return ch.ToString();
            }
            if (!char.IsLetter(ch) && !char.IsDigit(ch) && ch != '_') break;
            name.Append(ch);
            _position++;
        }
        return name.ToString();
    }

    private static bool IsSpecialParameter(char ch) =>
        ch == '@' || ch == '*' || ch == '#' || ch == '?' || ch == '-' || ch == '$' || ch == '!' || ch == '0';

    /// <summary>Looks a variable up; a variable set without a known value reads as empty (as an ARG without default does).</summary>
    private bool TryGetVariable(string name, out string value, out bool isKnown)
    {
        value = "";
        isKnown = false;
        if (_variables is null || !_variables.TryGetValue(name, out string? known)) return false;
        isKnown = known is not null;
        value = known ?? "";
        return true;
    }

    /// <summary>A variable's value going into the result: when it is not known, neither is the result.</summary>
    private string Use(string value, bool isKnown)
    {
        if (!isKnown) UsedUnknownValue = true;
        return value;
    }

    // Shell patterns: '*' any run, '?' one character, '\' makes the next character literal.
    private enum PatternKind { Literal, AnyOne, AnyRun }

    private readonly struct PatternToken
    {
        public PatternToken(PatternKind kind, char literal)
        {
            Kind = kind;
            Literal = literal;
        }

        public PatternKind Kind { get; }
        public char Literal { get; }
    }

    private static List<PatternToken> ParsePattern(string pattern)
    {
        var tokens = new List<PatternToken>();
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '*') tokens.Add(new PatternToken(PatternKind.AnyRun, c));
            else if (c == '?') tokens.Add(new PatternToken(PatternKind.AnyOne, c));
            else if (c == '\\')
            {
                // BuildKit drops the backslash before } and /, and accepts only \* \? \\ otherwise.
                if (i + 1 < pattern.Length && (pattern[i + 1] == '}' || pattern[i + 1] == '/')) continue;
                if (i + 1 >= pattern.Length || (pattern[i + 1] != '*' && pattern[i + 1] != '?' && pattern[i + 1] != '\\'))
                    throw new ShellSyntaxException("invalid escape in pattern");
                tokens.Add(new PatternToken(PatternKind.Literal, pattern[++i]));
            }
            else tokens.Add(new PatternToken(PatternKind.Literal, c));
        }
        return tokens;
    }

    private static string TrimPrefix(string value, List<PatternToken> pattern, bool longest)
    {
        CheckPatternWork(value, pattern);
        for (int k = 0; k <= value.Length; k++)
        {
            int length = longest ? value.Length - k : k;
            if (Matches(value, 0, length, pattern)) return value.Substring(length);
        }
        return value;
    }

    private static string TrimSuffix(string value, List<PatternToken> pattern, bool longest)
    {
        CheckPatternWork(value, pattern);
        for (int k = 0; k <= value.Length; k++)
        {
            int length = longest ? value.Length - k : k;
            if (Matches(value, value.Length - length, value.Length, pattern)) return value.Substring(0, value.Length - length);
        }
        return value;
    }

    private static bool TryFindLongestMatch(string value, int from, List<PatternToken> pattern, out int matchStart, out int matchEnd)
    {
        CheckPatternWork(value, pattern);
        for (int start = from; start <= value.Length; start++)
        {
            for (int end = value.Length; end >= start; end--)
            {
                if (Matches(value, start, end, pattern))
                {
                    matchStart = start;
                    matchEnd = end;
                    return true;
                }
            }
        }
        matchStart = matchEnd = -1;
        return false;
    }

    private static void CheckPatternWork(string value, List<PatternToken> pattern)
    {
        if ((long)(value.Length + 1) * (value.Length + 1) * (pattern.Count + 1) > MaxPatternWork)
            throw new ShellSyntaxException("pattern too large to evaluate");
    }

    /// <summary>Whether value[start..end) matches the whole pattern (iterative wildcard matching, no backtracking blow-up).</summary>
    private static bool Matches(string value, int start, int end, List<PatternToken> pattern)
    {
        int v = start, p = 0, starP = -1, starV = start;
        while (v < end)
        {
            if (p < pattern.Count && pattern[p].Kind == PatternKind.AnyRun)
            {
                starP = p++;
                starV = v;
            }
            else if (p < pattern.Count && (pattern[p].Kind == PatternKind.AnyOne || pattern[p].Literal == value[v]))
            {
                p++;
                v++;
            }
            else if (starP >= 0)
            {
                p = starP + 1;
                v = ++starV;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Count && pattern[p].Kind == PatternKind.AnyRun) p++;
        return p == pattern.Count;
    }

    /// <summary>BuildKit's wordsStruct: splits on unquoted white space, keeping quoted text together.</summary>
    private sealed class WordCollector
    {
        private readonly List<LexedWord> _words;
        private readonly StringBuilder _word = new();
        private bool _inWord;
        private int _start;
        private int _lastEnd;

        public WordCollector(List<LexedWord> words) => _words = words;

        public void AddChar(char ch, int start, int end)
        {
            if (char.IsWhiteSpace(ch))
            {
                if (_inWord && _word.Length != 0) Push();
                return;
            }
            AddRawChar(ch, start, end);
        }

        public void AddRawChar(char ch, int start, int end)
        {
            Begin(start);
            _word.Append(ch);
            _lastEnd = end;
        }

        public void AddString(string text, int start, int end)
        {
            foreach (char ch in text) AddChar(ch, start, end);
        }

        public void AddRawString(string text, int start, int end)
        {
            Begin(start);
            _word.Append(text);
            _lastEnd = end;
        }

        public void Finish()
        {
            if (_word.Length > 0) Push();
        }

        private void Begin(int start)
        {
            if (!_inWord) _start = start;
            _inWord = true;
        }

        private void Push()
        {
            _words.Add(new LexedWord(_word.ToString(), _start, Math.Max(_start, _lastEnd)));
            _word.Clear();
            _inWord = false;
        }
    }

    private sealed class ShellSyntaxException : Exception
    {
        public ShellSyntaxException(string message) : base(message)
        {
        }
    }
}
