using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using OpsTower.Policy.Engine;
using OpsTower.Policy.Formats.Hcl;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Formats.Terraform;

/// <summary>
/// The files that <c>file</c>, <c>templatefile</c>, <c>fileset</c> and the other file functions may read: text the
/// evaluator was given, by path relative to the scan root. Nothing is read from disk here, so a path that leaves
/// the scan root, or a file the evaluator was not given, is unknown. Only a complete listing of the tree
/// (<see cref="TerraformOptions.Files"/>) lets a missing file be an error and <c>fileset</c> be known.
/// </summary>
internal sealed class TerraformFiles
{
    /// <summary>The engine's default per-file limit (<c>ScanOptions.MaxFileBytes</c>): a larger file is unknown.</summary>
    public const int MaxFileBytes = 8 * 1024 * 1024;

    public static TerraformFiles None { get; } = new(Array.Empty<SourceFile>(), isComplete: false);

    private readonly Dictionary<string, SourceFile> _byPath = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SupportFile> _supportByPath = new(StringComparer.Ordinal);
    private readonly HashSet<string> _directories = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, HclExpressionParseResult> _templates = new(StringComparer.Ordinal);

    /// <param name="supportFiles">Files known by path and read only when a function asks for them.</param>
    public TerraformFiles(IEnumerable<SourceFile> files, bool isComplete, IEnumerable<SupportFile>? supportFiles = null)
    {
        IsComplete = isComplete;
        foreach (SourceFile file in files)
        {
            string? path = TerraformPaths.Resolve("", file.Path);
            if (path is null || path.Length == 0 || _byPath.ContainsKey(path)) continue;
            _byPath.Add(path, file);
            AddDirectories(path);
        }
        foreach (SupportFile file in supportFiles ?? Array.Empty<SupportFile>())
        {
            string? path = TerraformPaths.Resolve("", file.Path);
            if (path is null || path.Length == 0 || _byPath.ContainsKey(path) || _supportByPath.ContainsKey(path)) continue;
            _supportByPath.Add(path, file);
            AddDirectories(path);
        }
    }

    private void AddDirectories(string path)
    {
        for (string directory = TerraformPaths.DirectoryOf(path); ; directory = TerraformPaths.DirectoryOf(directory))
        {
            if (!_directories.Add(directory) || directory.Length == 0) break;
        }
    }

    /// <summary>True when these are all the files of the tree, so a path not among them does not exist.</summary>
    public bool IsComplete { get; }

    public SourceFile? Find(string path) =>
        _byPath.TryGetValue(path, out SourceFile? file) ? file
        : _supportByPath.TryGetValue(path, out SupportFile? support) ? support.Read()
        : null;

    /// <summary>A folder holding at least one of the files (the scan root is one).</summary>
    public bool IsDirectory(string path) => _directories.Contains(path);

    /// <summary>The files below a folder, by their path relative to it.</summary>
    public IEnumerable<string> Below(string directory)
    {
        string prefix = directory.Length == 0 ? "" : directory + "/";
        return _byPath.Keys.Where(p => p.StartsWith(prefix, StringComparison.Ordinal)).Select(p => p.Substring(prefix.Length));
    }

    /// <summary>A file parsed as a template once, however many calls render it.</summary>
    public HclExpressionParseResult Template(SourceFile file) => _templates.GetOrAdd(file.Path, _ => HclParser.ParseTemplate(file));
}

/// <summary>What a file function found at a path.</summary>
internal enum TerraformFileLookup
{
    /// <summary>The file, readable.</summary>
    Found,

    /// <summary>Terraform would fail: no such file (in a complete listing), or a folder.</summary>
    Error,

    /// <summary>Not known here: outside the scan root, not given to the evaluator, too large, or not valid UTF-8 text.</summary>
    Unknown,
}

/// <summary>
/// The file functions' view from one module instance: relative paths resolve against Terraform's working folder,
/// the root module's folder (<c>path.root</c> and <c>path.cwd</c> are "." and <c>path.module</c> is relative to it,
/// as Terraform makes them), never against the calling module's folder.
/// </summary>
internal sealed class TerraformFileContext
{
    public TerraformFileContext(TerraformFiles files, string workingDirectory, bool inTemplate = false)
    {
        Files = files;
        WorkingDirectory = workingDirectory;
        InTemplate = inTemplate;
    }

    public TerraformFiles Files { get; }

    /// <summary>The root module's folder, relative to the scan root.</summary>
    public string WorkingDirectory { get; }

    /// <summary>True while a <c>templatefile</c> renders: Terraform forbids calling it again from there.</summary>
    public bool InTemplate { get; }

    public TerraformFileContext ForTemplate() => new(Files, WorkingDirectory, inTemplate: true);

    /// <summary>
    /// The scan-relative path a Terraform path names; null when it is absolute, starts from the home folder (<c>~</c>,
    /// which Terraform expands), or climbs out of the scan root.
    /// </summary>
    public string? Resolve(string path)
    {
        if (path.Length > 0 && (path[0] == '/' || path[0] == '\\' || path[0] == '~')) return null;
        if (path.Length > 1 && path[1] == ':') return null; // a Windows drive
        return TerraformPaths.Resolve(WorkingDirectory, path);
    }

    /// <summary>Looks a file up as <c>file()</c> reads it: valid UTF-8 text within the size limit.</summary>
    public TerraformFileLookup Read(string path, out SourceFile? file)
    {
        file = null;
        string? resolved = Resolve(path);
        if (resolved is null) return TerraformFileLookup.Unknown;
        if (Files.IsDirectory(resolved)) return TerraformFileLookup.Error;
        file = Files.Find(resolved);
        if (file is null) return Files.IsComplete ? TerraformFileLookup.Error : TerraformFileLookup.Unknown;
        // U+FFFD may stand for bytes that were not UTF-8 (Terraform rejects those); the decoded text cannot tell.
        if (file.Text.Length > TerraformFiles.MaxFileBytes || file.Text.IndexOf('\uFFFD') >= 0 || Encoding.UTF8.GetByteCount(file.Text) > TerraformFiles.MaxFileBytes)
        {
            file = null;
            return TerraformFileLookup.Unknown;
        }
        return TerraformFileLookup.Found;
    }

    /// <summary><c>fileexists</c>: true for a file, an error for a folder, false only when the listing is complete.</summary>
    public HclValue? Exists(string path)
    {
        string? resolved = Resolve(path);
        if (resolved is null) return HclValue.Unknown;
        if (Files.IsDirectory(resolved)) return null;
        if (Files.Find(resolved) is not null) return HclValue.True;
        return Files.IsComplete ? HclValue.False : HclValue.Unknown;
    }

    /// <summary>
    /// <c>fileset</c>: the files below <paramref name="path"/> whose path relative to it matches the pattern
    /// (<c>*</c>, <c>**</c>, <c>?</c>, <c>[…]</c>, <c>{a,b}</c>, <c>\</c>), as a set; known only from a complete listing.
    /// </summary>
    public HclValue? Glob(string path, string pattern)
    {
        string? directory = Resolve(path);
        if (directory is null || !Files.IsComplete) return HclValue.Unknown;
        var segments = pattern.Split('/').Where(s => s.Length > 0 && s != ".").ToList();
        // Terraform joins the pattern to the path, so ".." or a leading "/" would look outside it: not followed here.
        if (segments.Contains("..") || pattern.StartsWith("/", StringComparison.Ordinal)) return HclValue.Unknown;
        Regex? regex = GlobRegex(segments);
        if (regex is null) return null;
        try
        {
            return HclValue.Tuple(Files.Below(directory).Where(p => regex.IsMatch(p)).OrderBy(p => p, StringComparer.Ordinal).Select(HclValue.FromString).ToList());
        }
        catch (RegexMatchTimeoutException)
        {
            return HclValue.Unknown;
        }
    }

    /// <summary>A regular expression for the pattern's segments; null for a malformed pattern (Terraform reports it).</summary>
    private static Regex? GlobRegex(IReadOnlyList<string> segments)
    {
        var regex = new StringBuilder("^");
        for (int s = 0; s < segments.Count; s++)
        {
            string segment = segments[s];
            if (segment == "**")
            {
                // Zero or more folders; at the end, anything below.
                regex.Append(s == segments.Count - 1 ? ".*" : "(?:[^/]*/)*");
                continue;
            }
            int braces = 0;
            for (int i = 0; i < segment.Length; i++)
            {
                char c = segment[i];
                switch (c)
                {
                    case '*':
                        regex.Append("[^/]*");
                        while (i + 1 < segment.Length && segment[i + 1] == '*') i++;
                        break;
                    case '?': regex.Append("[^/]"); break;
                    case '\\':
                        if (++i == segment.Length) return null;
                        regex.Append(Regex.Escape(segment[i].ToString()));
                        break;
                    case '{': braces++; regex.Append("(?:"); break;
                    case '}' when braces > 0: braces--; regex.Append(')'); break;
                    case ',' when braces > 0: regex.Append('|'); break;
                    case '[':
                    {
                        // The first member follows '[' (or '[^', '[!'); a ']' there is a member, not the end.
                        int first = i + 1 < segment.Length && (segment[i + 1] == '^' || segment[i + 1] == '!') ? i + 2 : i + 1;
                        int close = first + 1 > segment.Length ? -1 : segment.IndexOf(']', first + 1);
                        if (close < 0) return null;
                        string body = segment.Substring(i + 1, close - i - 1);
                        bool negated = body[0] == '^' || body[0] == '!';
                        if (negated) body = body.Substring(1);
                        regex.Append(negated ? "[^" : "[");
                        foreach (char member in body) regex.Append(member == '-' ? "-" : Regex.Escape(member.ToString()).Replace("]", "\\]"));
                        regex.Append(']');
                        i = close;
                        break;
                    }
                    default:
                        regex.Append(Regex.Escape(c.ToString()));
                        break;
                }
            }
            if (braces != 0) return null;
            if (s < segments.Count - 1) regex.Append('/');
        }
        regex.Append('$');
        try
        {
            return new Regex(regex.ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            return null; // a class like [z-a]
        }
    }
}
