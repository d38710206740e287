using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace OpsTower.Policy.Formats.Shell;

/// <summary>What joins a simple command to the next one.</summary>
public enum ShellOperator
{
    /// <summary>The script (or the substitution) ends.</summary>
    End,
    Newline,
    Semicolon,
    And,
    Or,
    /// <summary><c>|</c> or <c>|&amp;</c>: the command's output feeds the next command.</summary>
    Pipe,
    Background,
}

/// <summary>One shell word with its offsets in the script text the <see cref="ShellScript"/> was parsed from.</summary>
public sealed class ShellWord
{
    public ShellWord(string text, string value, int start, int end, IReadOnlyList<ShellScript> substitutions)
    {
        Text = text;
        Value = value;
        Start = start;
        End = end;
        Substitutions = substitutions;
    }

    /// <summary>The word as written, quotes included.</summary>
    public string Text { get; }

    /// <summary>The word with quotes and backslash escapes removed; <c>$VAR</c> and <c>$(…)</c> are kept as written.</summary>
    public string Value { get; }

    public int Start { get; }

    /// <summary>Exclusive.</summary>
    public int End { get; }

    /// <summary>The scripts of the word's <c>$(…)</c>, backtick and <c>&lt;(…)</c> substitutions, offsets in the same text.</summary>
    public IReadOnlyList<ShellScript> Substitutions { get; }

    public override string ToString() => Text;
}

/// <summary>A redirection such as <c>&gt; /dev/null</c>, <c>2&gt;&amp;1</c> or <c>&lt;&lt;EOF</c>.</summary>
public sealed record ShellRedirection(string Operator, ShellWord? Target, int Start, int End);

/// <summary>A simple command: its words (assignments and wrappers included), its redirections and the operator after it.</summary>
public sealed class ShellCommand
{
    // Words that start a compound command or prefix a pipeline; the command proper follows them.
    private static readonly HashSet<string> ReservedWords = new(StringComparer.Ordinal)
    {
        "!", "{", "}", "if", "then", "else", "elif", "do", "while", "until", "time",
    };

    // Programs that run their arguments as a command; value: options that take a separate argument.
    private static readonly Dictionary<string, string[]> Wrappers = new(StringComparer.Ordinal)
    {
        ["sudo"] = new[] { "-u", "-g", "-p", "-C", "-D", "-h", "-r", "-t", "-U" },
        ["env"] = new[] { "-u", "-C", "-S" },
        ["exec"] = new[] { "-a" },
        ["command"] = Array.Empty<string>(),
        ["nohup"] = Array.Empty<string>(),
        ["nice"] = new[] { "-n" },
        ["time"] = Array.Empty<string>(),
    };

    public ShellCommand(IReadOnlyList<ShellWord> words, IReadOnlyList<ShellRedirection> redirections, ShellOperator following, int start, int end)
    {
        Words = words;
        Redirections = redirections;
        Following = following;
        Start = start;
        End = end;
        ProgramIndex = FindProgramIndex(words);
    }

    public IReadOnlyList<ShellWord> Words { get; }
    public IReadOnlyList<ShellRedirection> Redirections { get; }
    public ShellOperator Following { get; }

    /// <summary>Offset of the first word or redirection.</summary>
    public int Start { get; }

    /// <summary>Exclusive offset after the last word or redirection.</summary>
    public int End { get; }

    /// <summary>
    /// Index in <see cref="Words"/> of the program that actually runs, after reserved words (<c>if</c>, <c>!</c>…),
    /// variable assignments and wrappers (<c>sudo -E</c>, <c>env X=1</c>, <c>exec</c>…); -1 when there is none.
    /// </summary>
    public int ProgramIndex { get; }

    public ShellWord? Program => ProgramIndex < 0 ? null : Words[ProgramIndex];

    /// <summary>The program's file name without its directory (<c>/usr/bin/curl</c> → <c>curl</c>), or "".</summary>
    public string ProgramName => Program is null ? "" : BaseName(Program.Value);

    /// <summary>The words after the program.</summary>
    public IEnumerable<ShellWord> Arguments => ProgramIndex < 0 ? Enumerable.Empty<ShellWord>() : Words.Skip(ProgramIndex + 1);

    /// <summary>The words before the program that are wrappers (<c>sudo</c>, <c>env</c>…), by name.</summary>
    public IEnumerable<ShellWord> WrapperWords =>
        Words.Take(ProgramIndex < 0 ? Words.Count : ProgramIndex).Where(w => Wrappers.ContainsKey(BaseName(w.Value)));

    public static string BaseName(string path)
    {
        int slash = path.LastIndexOf('/');
        return slash < 0 ? path : path.Substring(slash + 1);
    }

    private static int FindProgramIndex(IReadOnlyList<ShellWord> words)
    {
        int i = 0;
        while (i < words.Count)
        {
            string value = words[i].Value;
            if (ReservedWords.Contains(value) || IsAssignment(value))
            {
                i++;
                continue;
            }
            if (!Wrappers.TryGetValue(BaseName(value), out var optionsWithArgument)) return i;
            i++;
            // Skip the wrapper's own options (and env's assignments) to reach the command it runs.
            while (i < words.Count)
            {
                string option = words[i].Value;
                if (option == "--") { i++; break; }
                if (option.StartsWith("-", StringComparison.Ordinal) && option.Length > 1)
                {
                    i += Array.IndexOf(optionsWithArgument, option) >= 0 ? 2 : 1;
                    continue;
                }
                if (IsAssignment(option)) { i++; continue; }
                break;
            }
        }
        return -1;
    }

    private static bool IsAssignment(string word)
    {
        int equals = word.IndexOf('=');
        if (equals <= 0) return false;
        for (int i = 0; i < equals; i++)
        {
            char c = word[i];
            if (!(c == '_' || char.IsLetter(c) || (i > 0 && char.IsDigit(c)))) return false;
        }
        return true;
    }

    public override string ToString() => string.Join(" ", Words.Select(w => w.Text));
}

/// <summary>
/// A shell script split into simple commands: enough of POSIX sh (quotes, escapes, line continuations, comments,
/// <c>$(…)</c>, backticks, <c>${…}</c>, redirections, here-documents, subshell parentheses) to tell which programs
/// run with which words, and where each word is in the text. Not an interpreter: nothing is expanded.
/// </summary>
public sealed class ShellScript
{
    private ShellScript(IReadOnlyList<ShellCommand> commands) => Commands = commands;

    /// <summary>The simple commands in order (not those inside substitutions; see <see cref="AllCommands"/>).</summary>
    public IReadOnlyList<ShellCommand> Commands { get; }

    /// <summary>Every command, with those inside substitutions after the command whose word holds them.</summary>
    public IEnumerable<ShellCommand> AllCommands
    {
        get
        {
            foreach (var command in Commands)
            {
                yield return command;
                foreach (var word in command.Words)
                foreach (var nested in word.Substitutions)
                foreach (var inner in nested.AllCommands)
                    yield return inner;
            }
        }
    }

    /// <summary>The commands grouped into pipelines (commands joined by <c>|</c>), this script's level only.</summary>
    public IEnumerable<IReadOnlyList<ShellCommand>> Pipelines
    {
        get
        {
            var current = new List<ShellCommand>();
            foreach (var command in Commands)
            {
                current.Add(command);
                if (command.Following == ShellOperator.Pipe) continue;
                yield return current;
                current = new List<ShellCommand>();
            }
            if (current.Count > 0) yield return current;
        }
    }

    /// <summary>Every script: this one and those in substitutions, at any depth.</summary>
    public IEnumerable<ShellScript> AllScripts
    {
        get
        {
            yield return this;
            foreach (var command in Commands)
            foreach (var word in command.Words)
            foreach (var nested in word.Substitutions)
            foreach (var script in nested.AllScripts)
                yield return script;
        }
    }

    public static ShellScript Parse(string text) => new Parser(text).ParseScript(0, closeParen: false, out _);

    public override string ToString() => string.Join(" ; ", Commands);

    private sealed class Parser
    {
        private readonly string _text;

        // Here-document delimiters seen on the current line; their bodies start after the next newline.
        private readonly List<(string Delimiter, bool StripTabs)> _pendingHeredocs = new();

        public Parser(string text) => _text = text;

        /// <summary>Parses commands from <paramref name="position"/>; with <paramref name="closeParen"/>, stops after the unmatched ')'.</summary>
        public ShellScript ParseScript(int position, bool closeParen, out int end)
        {
            var commands = new List<ShellCommand>();
            var words = new List<ShellWord>();
            var redirections = new List<ShellRedirection>();
            int depth = 0;
            int i = position;

            void Finish(ShellOperator following)
            {
                if (words.Count == 0 && redirections.Count == 0) return;
                int start = Math.Min(words.Count > 0 ? words[0].Start : int.MaxValue, redirections.Count > 0 ? redirections[0].Start : int.MaxValue);
                int stop = Math.Max(words.Count > 0 ? words[words.Count - 1].End : 0, redirections.Count > 0 ? redirections[redirections.Count - 1].End : 0);
                commands.Add(new ShellCommand(words.ToArray(), redirections.ToArray(), following, start, stop));
                words.Clear();
                redirections.Clear();
            }

            while (i < _text.Length)
            {
                char c = _text[i];
                if (c == '\\' && i + 1 < _text.Length && _text[i + 1] == '\n') { i += 2; continue; }
                if (c == '\\' && i + 2 < _text.Length && _text[i + 1] == '\r' && _text[i + 2] == '\n') { i += 3; continue; }
                if (c == ' ' || c == '\t' || c == '\r') { i++; continue; }
                if (c == '\n')
                {
                    Finish(ShellOperator.Newline);
                    i = SkipHeredocBodies(i + 1);
                    continue;
                }
                if (c == '#')
                {
                    while (i < _text.Length && _text[i] != '\n') i++;
                    continue;
                }
                if (c == ';') { Finish(ShellOperator.Semicolon); i += i + 1 < _text.Length && _text[i + 1] == ';' ? 2 : 1; continue; }
                if (c == '&' && At(i + 1, '&')) { Finish(ShellOperator.And); i += 2; continue; }
                if (c == '|' && At(i + 1, '|')) { Finish(ShellOperator.Or); i += 2; continue; }
                if (c == '|') { Finish(ShellOperator.Pipe); i += At(i + 1, '&') ? 2 : 1; continue; }
                if (c == '&' && !At(i + 1, '>')) { Finish(ShellOperator.Background); i++; continue; }
                if (c == '(')
                {
                    Finish(ShellOperator.Semicolon);
                    depth++;
                    i++;
                    continue;
                }
                if (c == ')')
                {
                    if (depth == 0 && closeParen)
                    {
                        Finish(ShellOperator.End);
                        end = i + 1;
                        return new ShellScript(commands);
                    }
                    Finish(ShellOperator.Semicolon);
                    depth = Math.Max(0, depth - 1);
                    i++;
                    continue;
                }
                if (TryReadRedirectionOperator(i, out string op, out int afterOp))
                {
                    int targetStart = SkipBlanks(afterOp);
                    ShellWord? target = null;
                    int stop = afterOp;
                    if (targetStart < _text.Length && !IsBreak(_text[targetStart]))
                    {
                        target = ReadWord(targetStart);
                        stop = target.End;
                        if (op is "<<" or "<<-") _pendingHeredocs.Add((target.Value, op == "<<-"));
                    }
                    redirections.Add(new ShellRedirection(op, target, i, stop));
                    i = stop;
                    continue;
                }
                var word = ReadWord(i);
                if (word.End == i)
                {
                    // An operator character in a place the grammar does not allow (`&>(`): skip it rather than stall.
                    i++;
                    continue;
                }
                words.Add(word);
                i = word.End;
            }
            Finish(ShellOperator.End);
            end = _text.Length;
            return new ShellScript(commands);
        }

        private bool At(int index, char c) => index < _text.Length && _text[index] == c;

        private int SkipBlanks(int i)
        {
            while (i < _text.Length && (_text[i] == ' ' || _text[i] == '\t')) i++;
            return i;
        }

        private static bool IsBreak(char c) => c is ' ' or '\t' or '\r' or '\n' or ';' or '&' or '|' or '(' or ')' or '<' or '>';

        /// <summary>Reads <c>[n]&gt;</c>, <c>&gt;&gt;</c>, <c>&gt;&amp;</c>, <c>&amp;&gt;</c>, <c>&lt;&lt;-</c>, <c>&lt;&lt;&lt;</c>… but not <c>&lt;(</c> (a process substitution word).</summary>
        private bool TryReadRedirectionOperator(int i, out string op, out int end)
        {
            int j = i;
            while (j < _text.Length && char.IsDigit(_text[j])) j++;
            int opStart = j;
            if (j < _text.Length && _text[j] == '&' && At(j + 1, '>') && j == i) j++;
            if (j >= _text.Length || (_text[j] != '<' && _text[j] != '>') || At(j + 1, '('))
            {
                op = "";
                end = i;
                return false;
            }
            char first = _text[j];
            j++;
            if (first == '<' && At(j, '<'))
            {
                j++;
                if (At(j, '<') || At(j, '-')) j++;
            }
            else if (At(j, first) || At(j, '&') || At(j, '|') || (first == '<' && At(j, '>')))
            {
                j++;
            }
            op = _text.Substring(opStart, j - opStart);
            end = j;
            return true;
        }

        /// <summary>Skips the bodies of here-documents announced on the line that just ended.</summary>
        private int SkipHeredocBodies(int i)
        {
            foreach (var (delimiter, stripTabs) in _pendingHeredocs)
            {
                while (i < _text.Length)
                {
                    int lineEnd = _text.IndexOf('\n', i);
                    if (lineEnd < 0) lineEnd = _text.Length;
                    string line = _text.Substring(i, lineEnd - i).TrimEnd('\r');
                    if (stripTabs) line = line.TrimStart('\t');
                    i = Math.Min(lineEnd + 1, _text.Length);
                    if (line == delimiter) break;
                }
            }
            _pendingHeredocs.Clear();
            return i;
        }

        private ShellWord ReadWord(int start)
        {
            var value = new StringBuilder();
            var substitutions = new List<ShellScript>();
            int i = start;
            while (i < _text.Length)
            {
                char c = _text[i];
                if (c == '<' || c == '>')
                {
                    // Process substitution <(…) / >(…) is a word; any other '<' or '>' ends the word.
                    if (!At(i + 1, '(') || i != start) break;
                    substitutions.Add(ParseScript(i + 2, closeParen: true, out int after));
                    value.Append(_text, i, after - i);
                    i = after;
                    continue;
                }
                if (IsBreak(c)) break;
                switch (c)
                {
                    case '\\':
                        if (At(i + 1, '\n')) { i += 2; continue; }
                        if (At(i + 1, '\r') && At(i + 2, '\n')) { i += 3; continue; }
                        if (i + 1 < _text.Length) value.Append(_text[i + 1]);
                        i += 2;
                        continue;
                    case '\'':
                    {
                        int close = _text.IndexOf('\'', i + 1);
                        if (close < 0) close = _text.Length;
                        value.Append(_text, i + 1, close - i - 1);
                        i = Math.Min(close + 1, _text.Length);
                        continue;
                    }
                    case '"':
                        i = ReadDoubleQuoted(i + 1, value, substitutions);
                        continue;
                    case '$':
                        i = ReadDollar(i, value, substitutions);
                        continue;
                    case '`':
                        i = ReadBackticks(i, value, substitutions);
                        continue;
                    default:
                        value.Append(c);
                        i++;
                        continue;
                }
            }
            int end = Math.Min(i, _text.Length);
            return new ShellWord(_text.Substring(start, end - start), value.ToString(), start, end, substitutions);
        }

        /// <summary>Reads from after the opening quote to after the closing one.</summary>
        private int ReadDoubleQuoted(int i, StringBuilder value, List<ShellScript> substitutions)
        {
            while (i < _text.Length)
            {
                char c = _text[i];
                if (c == '"') return i + 1;
                if (c == '\\' && i + 1 < _text.Length)
                {
                    char next = _text[i + 1];
                    if (next == '\n') { i += 2; continue; }
                    if (next is '$' or '`' or '"' or '\\') value.Append(next);
                    else value.Append(c).Append(next);
                    i += 2;
                    continue;
                }
                if (c == '$') { i = ReadDollar(i, value, substitutions); continue; }
                if (c == '`') { i = ReadBackticks(i, value, substitutions); continue; }
                value.Append(c);
                i++;
            }
            return i;
        }

        /// <summary>Reads <c>$(…)</c>, <c>$((…))</c>, <c>${…}</c>, <c>$'…'</c> or a plain <c>$</c>, keeping the text as written.</summary>
        private int ReadDollar(int i, StringBuilder value, List<ShellScript> substitutions)
        {
            int start = i;
            if (At(i + 1, '(') && At(i + 2, '('))
            {
                i = SkipBalanced(i + 3, '(', ')', 2);
            }
            else if (At(i + 1, '('))
            {
                substitutions.Add(ParseScript(i + 2, closeParen: true, out i));
            }
            else if (At(i + 1, '{'))
            {
                i = SkipBalanced(i + 2, '{', '}', 1);
            }
            else if (At(i + 1, '\''))
            {
                // ANSI-C quoting: backslash escapes inside single quotes.
                i += 2;
                while (i < _text.Length && _text[i] != '\'') i += _text[i] == '\\' ? 2 : 1;
                i = Math.Min(i + 1, _text.Length);
            }
            else
            {
                i++;
            }
            value.Append(_text, start, i - start);
            return i;
        }

        private int ReadBackticks(int i, StringBuilder value, List<ShellScript> substitutions)
        {
            int start = i;
            int j = i + 1;
            while (j < _text.Length && _text[j] != '`') j += _text[j] == '\\' ? 2 : 1;
            int close = Math.Min(j, _text.Length);
            // The inner text is parsed in place so offsets stay those of the outer text.
            var inner = new Parser(_text.Substring(0, close)).ParseScript(start + 1, closeParen: false, out _);
            substitutions.Add(inner);
            int end = Math.Min(close + 1, _text.Length);
            value.Append(_text, start, end - start);
            return end;
        }

        /// <summary>Returns the index after the bracket that brings <paramref name="depth"/> to zero, skipping quoted text.</summary>
        private int SkipBalanced(int i, char open, char close, int depth)
        {
            while (i < _text.Length && depth > 0)
            {
                char c = _text[i];
                if (c == '\\') { i += 2; continue; }
                if (c == '\'')
                {
                    int q = _text.IndexOf('\'', i + 1);
                    i = q < 0 ? _text.Length : q + 1;
                    continue;
                }
                if (c == open) depth++;
                else if (c == close) depth--;
                i++;
            }
            return Math.Min(i, _text.Length);
        }
    }
}
