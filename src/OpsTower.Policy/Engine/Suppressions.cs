using System;
using System.Collections.Generic;
using System.Linq;
using OpsTower.Policy.Formats.CodeOwners;
using OpsTower.Policy.Formats.Compose;
using OpsTower.Policy.Formats.Dockerfile;
using OpsTower.Policy.Formats.GitHubActions;
using OpsTower.Policy.Formats.Hcl;
using OpsTower.Policy.Formats.Kubernetes;
using OpsTower.Policy.Formats.Terraform;
using OpsTower.Policy.Formats.Yaml;
using OpsTower.Policy.Rules;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Engine;

/// <summary>
/// One suppression comment: <c>opstower-policy:ignore OTP1001,OTP1002 -- why</c> silences those rules' findings that
/// start on <see cref="TargetLine"/>; <c>opstower-policy:ignore-file OTP1004</c> silences the rule in the whole file.
/// </summary>
public sealed class SuppressionDirective
{
    internal SuppressionDirective(SourceFile file, TextSpan span, bool wholeFile, int targetLine, IReadOnlyList<string> ruleIds, string? justification,
        TextSpan? document = null)
    {
        Document = document;
        File = file;
        Span = span;
        WholeFile = wholeFile;
        TargetLine = targetLine;
        RuleIds = ruleIds;
        Justification = justification;
    }

    public SourceFile File { get; }

    /// <summary>The comment's span.</summary>
    public TextSpan Span { get; }

    public bool WholeFile { get; }

    /// <summary>For a directive in an embedded document, that document's span: an <c>ignore-file</c> covers only it.</summary>
    public TextSpan? Document { get; }

    /// <summary>The 1-based line whose findings it silences; 0 for a whole-file directive or one with no line after it.</summary>
    public int TargetLine { get; }

    /// <summary>Upper-cased, as written (unknown ids included, so they can be reported).</summary>
    public IReadOnlyList<string> RuleIds { get; }

    public string? Justification { get; }

    /// <summary>The same directive at the outer file's positions, for one found in an embedded document.</summary>
    internal SuppressionDirective MovedTo(EmbeddedSource source)
    {
        int target = TargetLine == 0 ? 0 : source.Outer.GetPosition(source.MapOffset(source.Inner.GetLineStart(TargetLine))).Line;
        return new SuppressionDirective(source.Outer, source.MapSpan(Span), WholeFile, target, RuleIds, Justification,
            source.MapSpan(new TextSpan(0, source.Inner.Text.Length)));
    }

    public bool Applies(Finding finding) =>
        RuleIds.Contains(finding.RuleId, StringComparer.Ordinal)
        && (WholeFile ? Document is not { } document || (finding.Span.Start >= document.Start && finding.Span.Start < document.End) : finding.Position.Start.Line == TargetLine);
}

/// <summary>Finds suppression comments, using each format's own comment positions, so a '#' in a string or heredoc is never one.</summary>
public static class SuppressionComments
{
    public const string Marker = "opstower-policy:ignore";
    public const string FileMarker = "opstower-policy:ignore-file";

    /// <summary>The suppression directives in a parsed file, in file order.</summary>
    public static IReadOnlyList<SuppressionDirective> Find(ParsedDocument document, SourceFile file)
    {
        // Most files have no directive: skip collecting comments (a second YAML load for some formats) for them.
        if (file.Text.IndexOf(Marker, StringComparison.Ordinal) < 0) return Array.Empty<SuppressionDirective>();
        var comments = CommentSpans(document, file);
        var sorted = comments.OrderBy(c => c.Start).ToList();
        bool[]? codeLines = null;
        var directives = new List<SuppressionDirective>();
        foreach (var span in sorted)
        {
            if (!TryParse(file.GetText(span), out bool wholeFile, out var ids, out string? justification)) continue;
            codeLines ??= CodeLines(file, sorted);
            int target = wholeFile ? 0 : TargetLine(file, span, codeLines);
            directives.Add(new SuppressionDirective(file, span, wholeFile, target, ids, justification));
        }
        return directives;
    }

    /// <summary>The comments of a file as its parser saw them (the span includes the delimiters).</summary>
    private static IReadOnlyList<TextSpan> CommentSpans(ParsedDocument document, SourceFile file)
    {
        switch (document.Model)
        {
            case DockerfileDocument dockerfile: return dockerfile.Comments.Select(c => c.Span).ToList();
            case TerraformFile terraform: return terraform.Syntax.Comments.Select(c => c.Span).ToList();
            case TerraformVariablesFile variables: return variables.Syntax.Comments.Select(c => c.Span).ToList();
            case HclFile hcl: return hcl.Comments.Select(c => c.Span).ToList();
            case KubernetesFile kubernetes: return kubernetes.Yaml.Comments.Select(c => c.Span).ToList();
            case ComposeFile compose: return compose.Yaml.Comments.Select(c => c.Span).ToList();
            case WorkflowFile workflow: return workflow.Yaml.Comments.Select(c => c.Span).ToList();
            case CodeOwnersFile codeOwners: return codeOwners.Comments;
        }
        switch (document.Kind)
        {
            // These models keep no YamlFile; the files are small, so reading their comments costs a second load.
            case FileKind.RepositorySettings:
            case FileKind.BranchingStrategy:
            case FileKind.PreCommitConfig:
            case FileKind.CodecovConfig:
                return YamlLoader.Load(file).Comments.Select(c => c.Span).ToList();
            case FileKind.PythonTestConfig when !file.Path.EndsWith(".toml", StringComparison.Ordinal):
                return IniComments(file);
            default:
                // JSON has no comments; jest configs, MSBuild XML and pyproject.toml are not searched.
                return Array.Empty<TextSpan>();
        }
    }

    /// <summary>Whole-line '#' and ';' comments, the only ones Python's configparser (and our coverage parser) knows.</summary>
    private static List<TextSpan> IniComments(SourceFile file)
    {
        var comments = new List<TextSpan>();
        for (int line = 1; line <= file.LineCount; line++)
        {
            string text = file.GetLineText(line);
            int first = 0;
            while (first < text.Length && char.IsWhiteSpace(text[first])) first++;
            if (first < text.Length && text[first] is '#' or ';')
                comments.Add(TextSpan.FromBounds(file.GetLineStart(line) + first, file.GetLineStart(line) + text.Length));
        }
        return comments;
    }

    /// <summary>
    /// Reads a comment's text (delimiters included). The comment must start with the marker; ids follow, separated by
    /// commas or spaces, and anything after a <c>--</c> is the justification.
    /// </summary>
    internal static bool TryParse(string comment, out bool wholeFile, out IReadOnlyList<string> ruleIds, out string? justification)
    {
        wholeFile = false;
        ruleIds = Array.Empty<string>();
        justification = null;
        string content = StripDelimiters(comment);
        string rest;
        if (content.StartsWith(FileMarker, StringComparison.Ordinal))
        {
            wholeFile = true;
            rest = content.Substring(FileMarker.Length);
        }
        else if (content.StartsWith(Marker, StringComparison.Ordinal))
        {
            rest = content.Substring(Marker.Length);
        }
        else
        {
            return false;
        }
        // 'opstower-policy:ignored' or 'opstower-policy:ignore-all' are other words, not the directive.
        if (rest.Length > 0 && !char.IsWhiteSpace(rest[0])) return false;

        int dash = SeparatorIndex(rest);
        string ids = dash < 0 ? rest : rest.Substring(0, dash);
        if (dash >= 0)
        {
            string why = rest.Substring(dash + 2).Trim();
            justification = why.Length == 0 ? null : why;
        }
        ruleIds = ids.Split(new[] { ',', ' ', '\t', '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries)
            .Select(id => id.ToUpperInvariant())
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return true;
    }

    private static string StripDelimiters(string comment)
    {
        string text = comment.Trim();
        if (text.StartsWith("/*", StringComparison.Ordinal))
        {
            text = text.Substring(2);
            if (text.EndsWith("*/", StringComparison.Ordinal)) text = text.Substring(0, text.Length - 2);
        }
        else if (text.StartsWith("//", StringComparison.Ordinal))
        {
            text = text.Substring(2);
        }
        else if (text.StartsWith("#", StringComparison.Ordinal) || text.StartsWith(";", StringComparison.Ordinal))
        {
            text = text.Substring(1);
        }
        return text.Trim();
    }

    /// <summary>The first <c>--</c> that starts a word (so an id list never ends in a justification by accident).</summary>
    private static int SeparatorIndex(string rest)
    {
        for (int i = rest.IndexOf("--", StringComparison.Ordinal); i >= 0; i = rest.IndexOf("--", i + 1, StringComparison.Ordinal))
            if (i == 0 || char.IsWhiteSpace(rest[i - 1])) return i;
        return -1;
    }

    /// <summary>
    /// A trailing comment applies to its own line; a comment on lines of its own applies to the next line with code
    /// (blank and comment-only lines are skipped), or to the rest of its last line when code follows a block comment.
    /// </summary>
    private static int TargetLine(SourceFile file, TextSpan comment, bool[] codeLines)
    {
        int startLine = file.GetPosition(comment.Start).Line;
        int lineStart = file.GetLineStart(startLine);
        if (!IsBlank(file.Text, lineStart, comment.Start)) return startLine;
        int endLine = file.GetPosition(comment.End).Line;
        if (!IsBlank(file.Text, comment.End, file.GetLineEnd(endLine)) && codeLines[endLine]) return endLine;
        for (int line = endLine + 1; line <= file.LineCount; line++)
            if (codeLines[line]) return line;
        return 0;
    }

    /// <summary>Per 1-based line: whether it has a character outside every comment that is not white space.</summary>
    private static bool[] CodeLines(SourceFile file, IReadOnlyList<TextSpan> sortedComments)
    {
        var code = new bool[file.LineCount + 1];
        int next = 0;
        string text = file.Text;
        for (int line = 1; line <= file.LineCount; line++)
        {
            int end = file.GetLineEnd(line);
            for (int i = file.GetLineStart(line); i < end; i++)
            {
                while (next < sortedComments.Count && sortedComments[next].End <= i) next++;
                if (next < sortedComments.Count && sortedComments[next].Start <= i)
                {
                    i = sortedComments[next].End - 1; // may run past this line: a block comment's lines are not code
                    continue;
                }
                if (IsSpace(text[i])) continue;
                code[line] = true;
                break;
            }
        }
        return code;
    }

    private static bool IsBlank(string text, int start, int end)
    {
        for (int i = start; i < end; i++)
            if (!IsSpace(text[i])) return false;
        return true;
    }

    // A byte order mark is not code.
    private static bool IsSpace(char c) => char.IsWhiteSpace(c) || c == '\uFEFF';
}

/// <summary>Marks the findings that suppression comments silence and reports comments that name no rule or silence nothing.</summary>
internal static class SuppressionMatcher
{
    public static (List<Finding> Findings, List<ScanNotification> Notifications) Apply(
        IReadOnlyList<Finding> findings, IEnumerable<SuppressionDirective> directives, RuleCatalog catalog, ICollection<string> activeRuleIds)
    {
        var byPath = directives.GroupBy(d => d.File.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var notifications = new List<ScanNotification>();
        if (byPath.Count == 0) return (findings.ToList(), notifications);

        var used = new HashSet<(SuppressionDirective, string)>();
        var result = new List<Finding>(findings.Count);
        foreach (var finding in findings)
        {
            var applying = byPath.TryGetValue(finding.File.Path, out var inFile) ? inFile.Where(d => d.Applies(finding)).ToList() : null;
            if (applying is null || applying.Count == 0)
            {
                result.Add(finding);
                continue;
            }
            foreach (var directive in applying) used.Add((directive, finding.RuleId));
            result.Add(finding.WithSuppressions(applying
                .Select(d => new Suppression(SuppressionKind.InSource, d.Justification, d.File, d.Span))
                .ToList()));
        }

        foreach (var directive in byPath.Values.SelectMany(d => d))
        {
            var position = directive.File.GetPositionSpan(directive.Span);
            string path = directive.File.Path;
            if (directive.RuleIds.Count == 0)
                notifications.Add(new ScanNotification(NotificationLevel.Note,
                    $"This suppression names no rule; write the ids after it (for example '{SuppressionComments.Marker} OTP1001').", path, position));
            foreach (string id in directive.RuleIds)
            {
                if (catalog.Find(id) is null)
                {
                    notifications.Add(new ScanNotification(NotificationLevel.Note,
                        $"This suppression names '{id}', which is not a rule ('opstower-policy rules' lists them).", path, position));
                }
                else if (activeRuleIds.Contains(id) && !used.Contains((directive, id)))
                {
                    // A rule the policy turns off cannot match, so only suppressions of rules that ran are stale.
                    string scope = directive.WholeFile ? (directive.Document is null ? "in this file" : "in this embedded document") : directive.TargetLine == 0 ? "(no line follows it)" : $"on line {directive.TargetLine}";
                    notifications.Add(new ScanNotification(NotificationLevel.Note,
                        $"This suppression of {id} matches no finding {scope}; remove it.", path, position, id));
                }
            }
        }
        return (result, notifications);
    }
}
