using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using OpsTower.Policy.Formats.Hcl;

namespace OpsTower.Policy.Formats.Terraform;

/// <summary>
/// <c>regex</c>, <c>regexall</c> and <c>replace</c> with a <c>/pattern/</c>. Terraform uses Go's RE2 syntax; a pattern
/// is translated to an equivalent .NET one (ASCII <c>\d \w \s \b</c>, <c>$</c> only at the end of the text unless
/// <c>(?m)</c> leads, POSIX classes, <c>(?P&lt;name&gt;)</c>, <c>\Q…\E</c>, <c>\x{…}</c>). Whatever RE2 rejects or
/// reads otherwise and the translation does not cover — backreferences, lookaround, atomic groups, conditionals,
/// the <c>U</c> flag — gives unknown, as does a match that runs past the timeout. Matching follows Go's rules:
/// an empty match right after the previous match is skipped, and <c>$1</c>/<c>${name}</c> expand as Go's
/// <c>Regexp.Expand</c> does.
/// </summary>
internal static class TerraformRegex
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    /// <summary>A translated pattern: the regex (every group named <c>g1</c>, <c>g2</c>… in order) and the RE2 name of each group (null when unnamed).</summary>
    private sealed class Translation
    {
        public Translation(Regex regex, IReadOnlyList<string?> groupNames)
        {
            Regex = regex;
            GroupNames = groupNames;
        }

        public Regex Regex { get; }
        public IReadOnlyList<string?> GroupNames { get; }

        public string GroupValue(Match match, int index) => match.Groups["g" + index.ToString(CultureInfo.InvariantCulture)].Value;
    }

    /// <summary><c>regex</c>: the match, its groups as a list, or its named groups as an object; null when nothing matches.</summary>
    public static HclValue? Regex(string pattern, string text)
    {
        Translation? translation = Translate(pattern);
        if (translation is null) return HclValue.Unknown;
        if (MixesGroupKinds(translation)) return null;
        HclValue? result = null;
        return Run(() =>
        {
            Match match = translation.Regex.Match(text);
            result = match.Success ? Result(translation, match) : null;
        }) ? result : HclValue.Unknown;
    }

    /// <summary><c>regexall</c>: one <see cref="Regex(string, string)"/> result per match.</summary>
    public static HclValue? RegexAll(string pattern, string text)
    {
        Translation? translation = Translate(pattern);
        if (translation is null) return HclValue.Unknown;
        if (MixesGroupKinds(translation)) return null;
        var results = new List<HclValue>();
        return Run(() => results.AddRange(Matches(translation.Regex, text).Select(m => Result(translation, m)))) ? HclValue.Tuple(results) : HclValue.Unknown;
    }

    /// <summary><c>replace</c> with a pattern: every match replaced by the template, <c>$1</c>, <c>${name}</c> and <c>$$</c> expanded.</summary>
    public static HclValue Replace(string text, string pattern, string replacement)
    {
        Translation? translation = Translate(pattern);
        if (translation is null) return HclValue.Unknown;
        var result = new StringBuilder();
        bool completed = Run(() =>
        {
            int copied = 0;
            foreach (Match match in Matches(translation.Regex, text))
            {
                result.Append(text, copied, match.Index - copied);
                Expand(result, replacement, translation, match);
                copied = match.Index + match.Length;
            }
            result.Append(text, copied, text.Length - copied);
        });
        return completed ? HclValue.FromString(result.ToString()) : HclValue.Unknown;
    }

    /// <summary>False when matching ran out of time: the result is then unknown.</summary>
    private static bool Run(Action match)
    {
        try
        {
            match();
            return true;
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    /// <summary>Matches as Go's <c>FindAll</c> and <c>ReplaceAll</c> see them: an empty match where the previous one ended does not count.</summary>
    private static IEnumerable<Match> Matches(Regex regex, string text)
    {
        int previousEnd = -1;
        for (Match match = regex.Match(text); match.Success; match = match.NextMatch())
        {
            bool abutting = match.Length == 0 && match.Index == previousEnd;
            previousEnd = match.Index + match.Length;
            if (!abutting) yield return match;
        }
    }

    /// <summary>Terraform rejects a pattern with both named and unnamed groups.</summary>
    private static bool MixesGroupKinds(Translation translation) =>
        translation.GroupNames.Any(n => n is null) && translation.GroupNames.Any(n => n is not null);

    private static HclValue Result(Translation translation, Match match)
    {
        var names = translation.GroupNames;
        if (names.Count == 0) return HclValue.FromString(match.Value);
        if (names[0] is null) return HclValue.Tuple(names.Select((_, i) => HclValue.FromString(translation.GroupValue(match, i + 1))));
        return HclValue.Object(names.Select((name, i) => new KeyValuePair<string, HclValue>(name!, HclValue.FromString(translation.GroupValue(match, i + 1)))));
    }

    /// <summary>Go's <c>Regexp.Expand</c>: <c>$name</c> takes the longest run of letters, digits and '_'; a missing group is empty; a malformed <c>$</c> is literal.</summary>
    private static void Expand(StringBuilder result, string template, Translation translation, Match match)
    {
        for (int i = 0; i < template.Length; i++)
        {
            char c = template[i];
            if (c != '$')
            {
                result.Append(c);
                continue;
            }
            if (i + 1 < template.Length && template[i + 1] == '$')
            {
                result.Append('$');
                i++;
                continue;
            }
            bool brace = i + 1 < template.Length && template[i + 1] == '{';
            int start = i + (brace ? 2 : 1), end = start;
            while (end < template.Length && (char.IsLetterOrDigit(template[end]) || template[end] == '_')) end++;
            if (end == start || (brace && (end >= template.Length || template[end] != '}')))
            {
                result.Append('$');
                continue;
            }
            string name = template.Substring(start, end - start);
            i = brace ? end : end - 1;
            result.Append(GroupText(name, translation, match));
        }
    }

    private static string GroupText(string name, Translation translation, Match match)
    {
        bool numeric = name.All(ch => ch >= '0' && ch <= '9') && (name.Length == 1 || name[0] != '0');
        if (numeric)
        {
            if (name.Length > 8) return string.Empty;
            int index = int.Parse(name, CultureInfo.InvariantCulture);
            if (index == 0) return match.Value;
            return index <= translation.GroupNames.Count ? translation.GroupValue(match, index) : string.Empty;
        }
        for (int i = 0; i < translation.GroupNames.Count; i++)
        {
            if (translation.GroupNames[i] == name && match.Groups["g" + (i + 1).ToString(CultureInfo.InvariantCulture)].Success) return translation.GroupValue(match, i + 1);
        }
        return string.Empty;
    }

    // ---- RE2 to .NET ----

    private const string WordClass = "0-9A-Za-z_";
    private const string SpaceClass = "\\t\\n\\f\\r ";

    /// <summary>RE2's ASCII word boundary (.NET's <c>\b</c> is Unicode-aware).</summary>
    private const string WordBoundary = "(?:(?<=[" + WordClass + "])(?![" + WordClass + "])|(?<![" + WordClass + "])(?=[" + WordClass + "]))";
    private const string NotWordBoundary = "(?:(?<=[" + WordClass + "])(?=[" + WordClass + "])|(?<![" + WordClass + "])(?![" + WordClass + "]))";

    private static readonly Dictionary<string, string> PosixClasses = new(StringComparer.Ordinal)
    {
        ["alnum"] = "0-9A-Za-z", ["alpha"] = "A-Za-z", ["ascii"] = "\\x00-\\x7F", ["blank"] = "\\t ", ["cntrl"] = "\\x00-\\x1F\\x7F",
        ["digit"] = "0-9", ["graph"] = "!-~", ["lower"] = "a-z", ["print"] = " -~", ["punct"] = "!-/:-@\\[-`{-~",
        ["space"] = "\\t\\n\\v\\f\\r ", ["upper"] = "A-Z", ["word"] = WordClass, ["xdigit"] = "0-9A-Fa-f",
    };

    private static readonly HashSet<string> UnicodeCategories = new(StringComparer.Ordinal)
    {
        "L", "Lu", "Ll", "Lt", "Lm", "Lo", "M", "Mn", "Mc", "Me", "N", "Nd", "Nl", "No", "P", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po",
        "S", "Sm", "Sc", "Sk", "So", "Z", "Zs", "Zl", "Zp", "C", "Cc", "Cf", "Cs", "Co",
    };

    private static readonly object CacheLock = new();
    private static readonly Dictionary<string, Translation?> Cache = new(StringComparer.Ordinal);

    /// <summary>The .NET form of an RE2 pattern; null when it uses what is not translated. Throws <see cref="ArgumentException"/> for a pattern RE2 rejects too.</summary>
    private static Translation? Translate(string pattern)
    {
        lock (CacheLock)
        {
            if (Cache.TryGetValue(pattern, out Translation? cached)) return cached;
        }
        var names = new List<string?>();
        string? translated = TranslatePattern(pattern, names);
        // CultureInvariant: (?i) folds case the same way on every machine, as RE2 does.
        Translation? translation = translated is null ? null : new Translation(new Regex(translated, RegexOptions.CultureInvariant, MatchTimeout), names);
        lock (CacheLock)
        {
            if (Cache.Count >= 256) Cache.Clear();
            Cache[pattern] = translation;
        }
        return translation;
    }

    private static string? TranslatePattern(string pattern, List<string?> names)
    {
        var result = new StringBuilder();
        bool multiline = false;
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            switch (c)
            {
                case '\\':
                {
                    string? escape = Escape(pattern, ref i, inClass: false);
                    if (escape is null) return null;
                    result.Append(escape);
                    break;
                }
                case '[':
                {
                    string? @class = CharacterClass(pattern, ref i);
                    if (@class is null) return null;
                    result.Append(@class);
                    break;
                }
                case '(':
                    if (i + 1 < pattern.Length && pattern[i + 1] == '?')
                    {
                        string? group = SpecialGroup(pattern, ref i, names, result.Length == 0, ref multiline);
                        if (group is null) return null;
                        result.Append(group);
                    }
                    else
                    {
                        names.Add(null);
                        result.Append("(?<g").Append(names.Count.ToString(CultureInfo.InvariantCulture)).Append('>');
                    }
                    break;
                case '$':
                    // Without (?m), RE2's $ matches only at the very end; .NET's also before a final newline.
                    result.Append(multiline ? "$" : "\\z");
                    break;
                case '{':
                {
                    int close = pattern.IndexOf('}', i);
                    string body = close < 0 ? "" : pattern.Substring(i + 1, close - i - 1);
                    string[] bounds = body.Split(',');
                    if (close > 0 && bounds.Length <= 2 && bounds[0].Length > 0 && bounds.All(b => b.All(char.IsDigit)))
                    {
                        // RE2 refuses repeat counts over 1000.
                        if (bounds.Any(b => b.Length > 4 || (b.Length > 0 && int.Parse(b, CultureInfo.InvariantCulture) > 1000))) throw new ArgumentException("Repeat count over 1000.");
                        result.Append(pattern, i, close - i + 1);
                        i = close;
                    }
                    else
                    {
                        result.Append("\\{");
                    }
                    break;
                }
                default:
                    result.Append(c);
                    break;
            }
        }
        if (names.Where(n => n is not null).GroupBy(n => n).Any(g => g.Count() > 1)) throw new ArgumentException("Duplicate group name.");
        return result.ToString();
    }

    /// <summary><c>(?…</c>: a named group, a non-capturing group or flags; null for lookaround and other .NET-only or RE2-invalid forms.</summary>
    private static string? SpecialGroup(string pattern, ref int i, List<string?> names, bool atStart, ref bool multiline)
    {
        int start = i + 2;
        if (start >= pattern.Length) return null;
        bool pythonStyle = pattern[start] == 'P' && start + 1 < pattern.Length && pattern[start + 1] == '<';
        if (pythonStyle || (pattern[start] == '<' && start + 1 < pattern.Length && pattern[start + 1] != '=' && pattern[start + 1] != '!'))
        {
            int nameStart = start + (pythonStyle ? 2 : 1);
            int close = pattern.IndexOf('>', nameStart);
            if (close < 0) return null;
            string name = pattern.Substring(nameStart, close - nameStart);
            if (name.Length == 0 || !name.All(ch => char.IsLetterOrDigit(ch) || ch == '_')) throw new ArgumentException("Invalid group name.");
            names.Add(name);
            i = close;
            return "(?<g" + names.Count.ToString(CultureInfo.InvariantCulture) + ">";
        }
        int end = start;
        while (end < pattern.Length && (pattern[end] is 'i' or 'm' or 's' or 'U' or '-')) end++;
        if (end >= pattern.Length || (pattern[end] != ')' && pattern[end] != ':')) return null; // lookaround, atomic, comment, conditional…
        string flags = pattern.Substring(start, end - start);
        if (flags.IndexOf('U') >= 0) return null; // ungreedy: no .NET equivalent
        if (flags.IndexOf('m') >= 0)
        {
            // A leading (?m) switches $ for the whole pattern; elsewhere its scope would need tracking.
            if (!atStart || pattern[end] != ')' || flags.IndexOf('-') >= 0) return null;
            multiline = true;
        }
        i = end;
        return "(?" + flags + pattern[end];
    }

    /// <summary>An escape at <paramref name="i"/> (a backslash), advancing past it.</summary>
    private static string? Escape(string pattern, ref int i, bool inClass)
    {
        if (++i >= pattern.Length) throw new ArgumentException("Trailing backslash.");
        char c = pattern[i];
        switch (c)
        {
            case 'd': return inClass ? "0-9" : "[0-9]";
            case 'w': return inClass ? WordClass : "[" + WordClass + "]";
            case 's': return inClass ? SpaceClass : "[" + SpaceClass + "]";
            case 'D': return inClass ? null : "[^0-9]";
            case 'W': return inClass ? null : "[^" + WordClass + "]";
            case 'S': return inClass ? null : "[^" + SpaceClass + "]";
            case 'b': return inClass ? null : WordBoundary;
            case 'B': return inClass ? null : NotWordBoundary;
            case 'A': return inClass ? null : "\\A";
            case 'z': return inClass ? null : "\\z";
            case 'a' or 'f' or 't' or 'n' or 'r' or 'v': return "\\" + c;
            case 'Q':
            {
                int end = pattern.IndexOf("\\E", i + 1, StringComparison.Ordinal);
                string literal = end < 0 ? pattern.Substring(i + 1) : pattern.Substring(i + 1, end - i - 1);
                i = end < 0 ? pattern.Length - 1 : end + 1;
                return inClass ? null : System.Text.RegularExpressions.Regex.Escape(literal);
            }
            case 'x':
            {
                if (i + 1 < pattern.Length && pattern[i + 1] == '{')
                {
                    int close = pattern.IndexOf('}', i);
                    if (close < 0 || !int.TryParse(pattern.Substring(i + 2, close - i - 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code) || code > 0xFFFF) return null;
                    i = close;
                    return "\\u" + code.ToString("X4", CultureInfo.InvariantCulture);
                }
                if (i + 2 < pattern.Length && Uri.IsHexDigit(pattern[i + 1]) && Uri.IsHexDigit(pattern[i + 2]))
                {
                    i += 2;
                    return "\\x" + pattern.Substring(i - 1, 2);
                }
                throw new ArgumentException("Invalid \\x escape.");
            }
            case 'p' or 'P':
            {
                string name;
                if (i + 1 < pattern.Length && pattern[i + 1] == '{')
                {
                    int close = pattern.IndexOf('}', i);
                    if (close < 0) return null;
                    name = pattern.Substring(i + 2, close - i - 2);
                    i = close;
                }
                else
                {
                    if (i + 1 >= pattern.Length) return null;
                    name = pattern[++i].ToString();
                }
                bool negated = c == 'P';
                if (name.StartsWith("^", StringComparison.Ordinal))
                {
                    negated = !negated;
                    name = name.Substring(1);
                }
                // General categories read the same; RE2's scripts (\p{Greek}) are not .NET's blocks.
                return UnicodeCategories.Contains(name) ? (negated ? "\\P{" : "\\p{") + name + "}" : null;
            }
            default:
                // RE2 lets any punctuation be escaped; a letter or digit it does not know is an error or a backreference.
                if (c < 128 && !char.IsLetterOrDigit(c)) return "\\" + c;
                return null;
        }
    }

    /// <summary>A bracket expression at <paramref name="i"/>; null when it holds what is not translated (a negated Perl class, .NET's subtraction syntax).</summary>
    private static string? CharacterClass(string pattern, ref int i)
    {
        var result = new StringBuilder("[");
        int j = i + 1;
        if (j < pattern.Length && pattern[j] == '^')
        {
            result.Append('^');
            j++;
        }
        // A ']' first is a member, not the end.
        if (j < pattern.Length && pattern[j] == ']')
        {
            result.Append("\\]");
            j++;
        }
        for (; j < pattern.Length; j++)
        {
            char c = pattern[j];
            if (c == ']')
            {
                i = j;
                return result.Append(']').ToString();
            }
            if (c == '[' && j + 1 < pattern.Length && pattern[j + 1] == ':')
            {
                int close = pattern.IndexOf(":]", j + 2, StringComparison.Ordinal);
                if (close < 0) return null;
                string name = pattern.Substring(j + 2, close - j - 2);
                if (!PosixClasses.TryGetValue(name, out string? members)) return null;
                result.Append(members);
                j = close + 1;
                continue;
            }
            if (c == '\\')
            {
                string? escape = Escape(pattern, ref j, inClass: true);
                if (escape is null) return null;
                result.Append(escape);
                continue;
            }
            if (c == '-' && j + 1 < pattern.Length && pattern[j + 1] == '[') return null;
            if (c == '[') result.Append("\\[");
            else result.Append(c);
        }
        throw new ArgumentException("Missing ']'.");
    }
}
