using System;
using System.Collections.Generic;
using OpsTower.Policy.Engine.Discovery;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Formats.CodeOwners;

/// <summary>One CODEOWNERS line: a gitignore-style pattern and its owners (none means the path has no owner).</summary>
public sealed class CodeOwnersEntry
{
    private readonly GitIgnore _matcher;

    public CodeOwnersEntry(string pattern, TextSpan patternSpan, IReadOnlyList<string> owners)
    {
        Pattern = pattern;
        PatternSpan = patternSpan;
        Owners = owners;
        _matcher = new GitIgnore("", pattern);
    }

    public string Pattern { get; }
    public TextSpan PatternSpan { get; }
    public IReadOnlyList<string> Owners { get; }

    /// <summary>True when the pattern matches the path (a file, or a folder when it ends in '/') or a folder above it.</summary>
    public bool Matches(string path)
    {
        bool isFolder = path.EndsWith("/", StringComparison.Ordinal);
        string[] parts = path.TrimEnd('/').Split('/');
        for (int i = 1; i <= parts.Length; i++)
        {
            string prefix = string.Join("/", parts, 0, i);
            if (_matcher.IsIgnored(prefix, isDirectory: i < parts.Length || isFolder) == true) return true;
        }
        return false;
    }
}

/// <summary>
/// A CODEOWNERS file (GitHub reads <c>.github/CODEOWNERS</c>, <c>CODEOWNERS</c> and <c>docs/CODEOWNERS</c>); patterns are
/// relative to the repository root, which is the folder holding it, or the one above <c>.github</c>/<c>docs</c>.
/// </summary>
public sealed class CodeOwnersFile
{
    private CodeOwnersFile(SourceFile file, IReadOnlyList<CodeOwnersEntry> entries, IReadOnlyList<TextSpan> comments)
    {
        File = file;
        Entries = entries;
        Comments = comments;
    }

    public SourceFile File { get; }
    public IReadOnlyList<CodeOwnersEntry> Entries { get; }

    /// <summary>The spans of the <c>#</c> comments, from the '#' to the line end (for suppressions).</summary>
    public IReadOnlyList<TextSpan> Comments { get; }

    /// <summary>The repository root the patterns are relative to ('/' separated, "" or ending in '/').</summary>
    public string RepositoryRoot
    {
        get
        {
            string folder = File.Path.Substring(0, File.Path.LastIndexOf('/') + 1);
            foreach (string inner in new[] { ".github/", "docs/" })
                if (folder.EndsWith(inner, StringComparison.Ordinal) && (folder.Length == inner.Length || folder[folder.Length - inner.Length - 1] == '/'))
                    return folder.Substring(0, folder.Length - inner.Length);
            return folder;
        }
    }

    /// <summary>The entry that decides a path's owners: the last one matching (GitHub's rule), or null.</summary>
    public CodeOwnersEntry? OwnerOf(string path)
    {
        for (int i = Entries.Count - 1; i >= 0; i--)
            if (Entries[i].Matches(path)) return Entries[i];
        return null;
    }

    public static CodeOwnersFile Parse(SourceFile file)
    {
        var entries = new List<CodeOwnersEntry>();
        var comments = new List<TextSpan>();
        for (int line = 1; line <= file.LineCount; line++)
        {
            string text = file.GetLineText(line);
            int hash = text.IndexOf('#');
            // '\#' escapes a pattern that starts with '#'.
            if (hash >= 0 && !(hash > 0 && text[hash - 1] == '\\'))
            {
                comments.Add(new TextSpan(file.GetLineStart(line) + hash, text.Length - hash));
                text = text.Substring(0, hash);
            }
            var words = new List<(string Word, int Start)>();
            int i = 0;
            while (i < text.Length)
            {
                while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
                int start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i])) i++;
                if (i > start) words.Add((text.Substring(start, i - start), start));
            }
            if (words.Count == 0) continue;
            var owners = new List<string>();
            for (int w = 1; w < words.Count; w++) owners.Add(words[w].Word);
            entries.Add(new CodeOwnersEntry(words[0].Word, new TextSpan(file.GetLineStart(line) + words[0].Start, words[0].Word.Length), owners));
        }
        return new CodeOwnersFile(file, entries, comments);
    }
}
