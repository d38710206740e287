using System;
using System.Collections.Generic;

namespace OpsTower.Policy.Engine.Discovery;

/// <summary>
/// The patterns of one .gitignore file, with git's semantics: last match wins, '!' re-includes, a trailing '/'
/// matches directories only, a pattern with a '/' before its end is anchored to the file's folder, '**' spans folders.
/// </summary>
public sealed class GitIgnore
{
    private readonly List<Pattern> _patterns = new();

    /// <param name="baseDirectory">
    /// The folder the .gitignore sits in, with '/' separators, in the same terms as the paths later asked about
    /// (both absolute, or both relative to one root; "" is that root).
    /// </param>
    public GitIgnore(string baseDirectory, string content)
    {
        BaseDirectory = baseDirectory.TrimEnd('/');
        foreach (string rawLine in content.Split('\n'))
        {
            var pattern = Pattern.TryParse(rawLine.TrimEnd('\r'));
            if (pattern is not null) _patterns.Add(pattern);
        }
    }

    public string BaseDirectory { get; }

    /// <summary>True: ignored; false: re-included by a '!' pattern; null: no pattern of this file speaks of it.</summary>
    public bool? IsIgnored(string relativePath, bool isDirectory)
    {
        string path = relativePath.TrimEnd('/');
        if (BaseDirectory.Length > 0)
        {
            if (!path.StartsWith(BaseDirectory + "/", StringComparison.Ordinal)) return null;
            path = path.Substring(BaseDirectory.Length + 1);
        }

        for (int i = _patterns.Count - 1; i >= 0; i--)
        {
            if (_patterns[i].Matches(path, isDirectory)) return !_patterns[i].Negated;
        }
        return null;
    }

    private sealed class Pattern
    {
        private readonly string _glob;
        private readonly bool _anchored;
        private readonly bool _directoryOnly;

        private Pattern(string glob, bool negated, bool anchored, bool directoryOnly)
        {
            _glob = glob;
            Negated = negated;
            _anchored = anchored;
            _directoryOnly = directoryOnly;
        }

        public bool Negated { get; }

        public static Pattern? TryParse(string line)
        {
            line = TrimUnescapedTrailingSpaces(line);
            if (line.Length == 0 || line[0] == '#') return null;
            bool negated = false;
            if (line[0] == '!')
            {
                negated = true;
                line = line.Substring(1);
            }
            else if (line.StartsWith("\\!", StringComparison.Ordinal) || line.StartsWith("\\#", StringComparison.Ordinal))
            {
                line = line.Substring(1);
            }

            bool directoryOnly = line.EndsWith("/", StringComparison.Ordinal);
            line = line.TrimEnd('/');
            if (line.Length == 0) return null;
            // Any '/' left (leading or inner) anchors the pattern to the .gitignore's folder; "**/x" then still
            // matches at any depth because Glob lets "**/" span zero or more folders.
            bool anchored = line.IndexOf('/') >= 0;
            line = line.TrimStart('/');
            return new Pattern(line, negated, anchored, directoryOnly);
        }

        public bool Matches(string path, bool isDirectory)
        {
            // A pattern matching a folder also covers everything under it.
            string[] segments = path.Split('/');
            for (int depth = 1; depth <= segments.Length; depth++)
            {
                bool isLast = depth == segments.Length;
                bool candidateIsDirectory = !isLast || isDirectory;
                if (_directoryOnly && !candidateIsDirectory) continue;
                if (_anchored)
                {
                    if (Glob.Match(_glob, string.Join("/", segments, 0, depth))) return true;
                }
                else if (Glob.Match(_glob, segments[depth - 1]))
                {
                    return true;
                }
            }
            return false;
        }

        private static string TrimUnescapedTrailingSpaces(string line)
        {
            int end = line.Length;
            while (end > 0 && line[end - 1] == ' ' && !(end > 1 && line[end - 2] == '\\')) end--;
            return line.Substring(0, end);
        }
    }
}
