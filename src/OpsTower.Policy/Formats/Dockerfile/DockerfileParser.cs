using System;
using System.Collections.Generic;
using System.Text;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Formats.Dockerfile;

/// <summary>
/// Parses a Dockerfile with BuildKit's semantics (<c>frontend/dockerfile/parser</c>): parser directives, line
/// continuations, per-instruction argument parsing, heredocs, and the stages its FROM lines form. It never throws on
/// input: every problem becomes a <see cref="ParseDiagnostic"/> and parsing goes on with the next instruction.
/// </summary>
public static class DockerfileParser
{
    /// <summary>BuildKit's parser accepts these; its instruction layer then rejects the build ("no build stage in current context").</summary>
    internal const string NoBuildStageMessage = "no build stage in current context: only ARG may come before the first FROM";

    internal const string NoInstructionsMessage = "file with no instructions";

    public static DockerfileDocument Parse(SourceFile file)
    {
        if (file is null) throw new ArgumentNullException(nameof(file));
        return new Reader(file).Read();
    }

    private sealed class Reader
    {
        private readonly SourceFile _file;
        private readonly string _text;
        private readonly int _lineCount;
        private readonly bool _hasByteOrderMark;
        private readonly List<ParserDirective> _directives = new();
        private readonly HashSet<string> _seenDirectives = new(StringComparer.Ordinal);
        private readonly List<DockerComment> _comments = new();
        private readonly List<DockerInstruction> _instructions = new();
        private readonly List<ParseDiagnostic> _diagnostics = new();
        private readonly LogicalLine.Builder _builder = new();

        // Heredoc lexers and their word lists, reused for every instruction (lexers keep no state between calls).
        private readonly ShellWordLexer _markerLexer = new('\\', rawQuotes: true, rawEscapes: true, skipUnsetEnv: true);
        private readonly ShellWordLexer _delimiterLexer = new('\\', rawQuotes: false, rawEscapes: false, skipUnsetEnv: true);
        private readonly ShellWordLexer _rawDelimiterLexer = new('\\', rawQuotes: true, rawEscapes: false, skipUnsetEnv: true);
        private readonly List<LexedWord> _markerWords = new();
        private readonly List<LexedWord> _delimiterWords = new();
        private readonly List<LexedWord> _rawDelimiterWords = new();
        private InstructionParser? _instructionParser;
        private char _escapeToken = '\\';
        private bool _directivesDone;

        public Reader(SourceFile file)
        {
            _file = file;
            _text = file.Text;
            _hasByteOrderMark = _text.Length > 0 && _text[0] == '\uFEFF';
            // After a final line break SourceFile has an empty last line that BuildKit's line scanner never sees.
            _lineCount = file.LineCount > 1 && file.GetLineStart(file.LineCount) == _text.Length ? file.LineCount - 1 : file.LineCount;
        }

        public DockerfileDocument Read()
        {
            int line = 1;
            while (line <= _lineCount) line = ReadInstructionAt(line);
            if (_instructions.Count == 0) Error(NoInstructionsMessage, new TextSpan(0, 0));
            var stages = new StageBuilder(_escapeToken, _diagnostics).Build(_instructions);
            return new DockerfileDocument(_file, _escapeToken, _directives, _instructions, stages, _comments, _diagnostics);
        }

        private int LineContentStart(int line) => _file.GetLineStart(line) + (line == 1 && _hasByteOrderMark ? 1 : 0);

        private int SkipWhiteSpace(int start, int end)
        {
            while (start < end && char.IsWhiteSpace(_text[start])) start++;
            return start;
        }

        /// <summary>Reads the instruction (or comment, directive, blank line) starting at a line; returns the next line to read.</summary>
        private int ReadInstructionAt(int line)
        {
            int end = _file.GetLineEnd(line);
            int start = SkipWhiteSpace(LineContentStart(line), end);
            bool isDirective = TryReadDirective(start, end);
            if (start < end && _text[start] == '#')
            {
                if (!isDirective) AddComment(start, end);
                return line + 1;
            }

            var builder = _builder;
            builder.Reset(_text, start);
            bool complete = AppendPiece(builder, start, end);
            if (complete && builder.Length == 0) return line + 1;

            int current = line;
            while (!complete && current < _lineCount)
            {
                current++;
                int pieceStart = LineContentStart(current);
                int pieceEnd = _file.GetLineEnd(current);
                int firstVisible = SkipWhiteSpace(pieceStart, pieceEnd);
                // Inside a continuation BuildKit skips comment lines and blank lines without ending the instruction.
                if (firstVisible < pieceEnd && _text[firstVisible] == '#')
                {
                    AddComment(firstVisible, pieceEnd);
                    continue;
                }
                if (firstVisible == pieceEnd) continue;
                complete = AppendPiece(builder, pieceStart, pieceEnd);
            }

            var logical = builder.Build();
            // One parser for the file: the escape directive can only change before the first instruction.
            if (_instructionParser is null || _instructionParser.EscapeToken != _escapeToken) _instructionParser = new InstructionParser(_escapeToken, _diagnostics);
            var parts = _instructionParser.Parse(logical, 0, logical.Length, isTrigger: false);
            IReadOnlyList<DockerHeredoc> heredocs = Array.Empty<DockerHeredoc>();
            if (parts.CanContainHeredoc && logical.Text.IndexOf("<<", StringComparison.Ordinal) >= 0)
            {
                var read = new List<DockerHeredoc>();
                current = ReadHeredocs(logical, current, read);
                heredocs = read;
            }
            _instructions.Add(parts.ToInstruction(_file.GetLineEnd(current), heredocs, line, current));
            return current + 1;
        }

        /// <summary>
        /// Appends one physical line, without its continuation escape when it ends with one (BuildKit's
        /// <c>([^\\])\\[ \t]*$|^\\[ \t]*$</c>: an escape that is itself escaped does not continue the line).
        /// Returns true when the instruction ends on this line.
        /// </summary>
        private bool AppendPiece(LogicalLine.Builder builder, int start, int end)
        {
            int last = end - 1;
            while (last >= start && (_text[last] == ' ' || _text[last] == '\t')) last--;
            if (last >= start && _text[last] == _escapeToken && (last == start || _text[last - 1] != _escapeToken))
            {
                builder.Append(start, last);
                return false;
            }
            builder.Append(start, end);
            return true;
        }

        private void AddComment(int start, int end) =>
            _comments.Add(new DockerComment(_text.Substring(start + 1, end - start - 1).Trim(), TextSpan.FromBounds(start, end)));

        /// <summary>
        /// BuildKit's DirectiveParser: <c>#\s*name\s*=\s*value</c> for syntax, escape and check, only in the leading
        /// run of such lines; the first line of any other kind (a plain comment, a blank line) ends the run.
        /// </summary>
        private bool TryReadDirective(int start, int end)
        {
            if (_directivesDone) return false;
            _directivesDone = true;
            if (start >= end || _text[start] != '#') return false;

            int i = SkipWhiteSpace(start + 1, end);
            int nameStart = i;
            if (i >= end || !IsAsciiLetter(_text[i])) return false;
            while (i < end && (IsAsciiLetter(_text[i]) || (_text[i] >= '0' && _text[i] <= '9'))) i++;
            string name = _text.Substring(nameStart, i - nameStart).ToLowerInvariant();
            while (i < end && IsRegexSpace(_text[i])) i++;
            if (i >= end || _text[i] != '=') return false;
            i++;
            int valueEnd = end;
            while (valueEnd > i && IsRegexSpace(_text[valueEnd - 1])) valueEnd--;
            int valueStart = i;
            while (valueStart < valueEnd && IsRegexSpace(_text[valueStart])) valueStart++;
            if (valueStart == valueEnd)
            {
                // "(.+?)" must take a character: with only white space left, the regexp settles on the last one.
                if (end == i) return false;
                valueStart = end - 1;
                valueEnd = end;
            }
            if (name != "syntax" && name != "escape" && name != "check") return false;

            _directivesDone = false;
            var span = TextSpan.FromBounds(start, valueEnd);
            if (!_seenDirectives.Add(name))
            {
                Error($"only one {name} parser directive can be used", span);
                return true;
            }
            string value = _text.Substring(valueStart, valueEnd - valueStart);
            if (name == "escape")
            {
                if (value == "`" || value == "\\") _escapeToken = value[0];
                else Error($"invalid escape token '{value}' does not match ` or \\", TextSpan.FromBounds(valueStart, valueEnd));
            }
            _directives.Add(new ParserDirective(name, value, span, TextSpan.FromBounds(valueStart, valueEnd)));
            return true;
        }

        private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

        // Go's regexp \s: no vertical tab.
        private static bool IsRegexSpace(char c) => c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';

        /// <summary>
        /// Finds the heredoc markers on the instruction's line the way BuildKit does (shell words matching
        /// <c>^(\d*)&lt;&lt;(-?)([^&lt;]*)$</c>) and reads their bodies from the following lines in order.
        /// Returns the last line consumed.
        /// </summary>
        private int ReadHeredocs(LogicalLine logical, int current, List<DockerHeredoc> heredocs)
        {
            var words = _markerWords;
            if (!_markerLexer.TryProcessWords(logical.Text, 0, logical.Length, words)) return current;

            foreach (var word in words)
            {
                if (!TryMatchHeredocMarker(word.Value, out bool chomp, out string delimiterWord)) continue;
                var markerSpan = logical.Span(word.Start, word.End);
                if (!TryReadHeredocName(delimiterWord, markerSpan, out string name, out bool expand)) continue;

                int firstBodyLine = current + 1;
                int lastBodyLine = current;
                bool terminated = false;
                var content = new StringBuilder();
                while (current < _lineCount)
                {
                    current++;
                    int lineStart = _file.GetLineStart(current);
                    int lineEnd = _file.GetLineEnd(current);
                    int candidate = lineStart;
                    if (chomp) while (candidate < lineEnd && _text[candidate] == '\t') candidate++;
                    if (lineEnd - candidate == name.Length && string.CompareOrdinal(_text, candidate, name, 0, name.Length) == 0)
                    {
                        terminated = true;
                        break;
                    }
                    int nextLineStart = current < _file.LineCount ? _file.GetLineStart(current + 1) : _text.Length;
                    content.Append(_text, lineStart, nextLineStart - lineStart);
                    lastBodyLine = current;
                }

                var contentSpan = lastBodyLine >= firstBodyLine
                    ? TextSpan.FromBounds(_file.GetLineStart(firstBodyLine), _file.GetLineEnd(lastBodyLine))
                    : new TextSpan(firstBodyLine <= _file.LineCount ? _file.GetLineStart(firstBodyLine) : _text.Length, 0);
                if (!terminated) Error($"unterminated heredoc {name}", markerSpan);
                string body = chomp ? ChompLeadingTabs(content.ToString()) : content.ToString();
                heredocs.Add(new DockerHeredoc(name, expand, chomp, body, markerSpan, contentSpan));
            }
            return current;
        }

        private static bool TryMatchHeredocMarker(string word, out bool chomp, out string delimiterWord)
        {
            chomp = false;
            delimiterWord = "";
            int i = 0;
            while (i < word.Length && word[i] >= '0' && word[i] <= '9') i++;
            if (i + 1 >= word.Length || word[i] != '<' || word[i + 1] != '<') return false;
            i += 2;
            if (i < word.Length && word[i] == '-')
            {
                chomp = true;
                i++;
            }
            delimiterWord = word.Substring(i);
            return delimiterWord.Length > 0 && delimiterWord.IndexOf('<') < 0;
        }

        /// <summary>
        /// The delimiter is the word with quotes removed; the body is expanded unless some part of it was quoted
        /// (BuildKit compares the quote counts of the word lexed with and without raw quotes).
        /// </summary>
        private bool TryReadHeredocName(string delimiterWord, TextSpan markerSpan, out string name, out bool expand)
        {
            name = "";
            expand = true;
            var words = _delimiterWords;
            var rawWords = _rawDelimiterWords;
            if (!_delimiterLexer.TryProcessWords(delimiterWord, 0, delimiterWord.Length, words)
                || !_rawDelimiterLexer.TryProcessWords(delimiterWord, 0, delimiterWord.Length, rawWords))
            {
                Error($"invalid heredoc delimiter: {delimiterWord}", markerSpan);
                return false;
            }
            if (words.Count != 1) return false;
            if (rawWords.Count != 1)
            {
                Error($"internal lexing of heredoc produced inconsistent results: {delimiterWord}", markerSpan);
                return false;
            }
            name = words[0].Value;
            expand = CountQuotes(words[0].Value) == CountQuotes(rawWords[0].Value);
            return true;
        }

        private static int CountQuotes(string text)
        {
            int count = 0;
            foreach (char c in text)
                if (c == '\'' || c == '"') count++;
            return count;
        }

        private static string ChompLeadingTabs(string content)
        {
            var result = new StringBuilder(content.Length);
            bool atLineStart = true;
            foreach (char c in content)
            {
                if (atLineStart && c == '\t') continue;
                atLineStart = c == '\n';
                result.Append(c);
            }
            return result.ToString();
        }

        private void Error(string message, TextSpan span) => _diagnostics.Add(new ParseDiagnostic(DiagnosticSeverity.Error, message, span));
    }
}
