using System;
using System.Collections.Generic;
using System.IO;
using OpsTower.Policy.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace OpsTower.Policy.Formats.Yaml;

/// <summary>
/// Loads YAML into positioned nodes from YamlDotNet's event stream. Each <c>---</c> document is parsed on its own, so
/// a broken document becomes a positioned diagnostic while the others still load. Nodes are built with an explicit
/// stack (YamlDotNet's parser is iterative too), so deep nesting gives a diagnostic rather than a stack overflow.
/// </summary>
public static class YamlLoader
{
    /// <summary>Collections nested deeper than this make their document fail with a diagnostic (no real manifest comes close).</summary>
    public const int MaxDepth = 1000;

    public static YamlFile Load(SourceFile file)
    {
        var documents = new List<YamlDocument>();
        var diagnostics = new List<ParseDiagnostic>();
        var commentSegments = new List<TextSpan>();
        foreach (var segment in SplitDocuments(file.Text))
            new SegmentLoader(file, segment, documents, diagnostics, commentSegments).Run();
        // Comments take a second scan of the text, and only suppressions read them (in files naming the marker): scan on first use.
        var comments = new Lazy<IReadOnlyList<YamlComment>>(() =>
        {
            var list = new List<YamlComment>();
            foreach (var segment in commentSegments) ReadComments(file, segment, list);
            return list;
        });
        return new YamlFile(file, documents, comments, diagnostics);
    }

    /// <summary>
    /// Splits the text before each column-0 <c>---</c> line. YAML forbids such a line inside any scalar or collection,
    /// so this is where documents start; a segment holding only <c>%</c> directives stays with the next one.
    /// </summary>
    internal static IReadOnlyList<TextSpan> SplitDocuments(string text)
    {
        var starts = new List<int> { 0 };
        bool segmentHasContent = false;
        int lineStart = 0;
        while (lineStart < text.Length)
        {
            int lineEnd = text.IndexOf('\n', lineStart);
            int next = lineEnd < 0 ? text.Length : lineEnd + 1;
            if (IsDocumentStartMarker(text, lineStart) && lineStart > 0 && segmentHasContent)
            {
                starts.Add(lineStart);
                segmentHasContent = false;
            }
            // The first character Trim() would keep, without allocating the line.
            int first = lineStart;
            while (first < next && char.IsWhiteSpace(text[first])) first++;
            if (first < next && text[first] != '#' && text[first] != '%') segmentHasContent = true;
            lineStart = next;
        }
        var segments = new List<TextSpan>();
        for (int i = 0; i < starts.Count; i++)
            segments.Add(TextSpan.FromBounds(starts[i], i + 1 < starts.Count ? starts[i + 1] : text.Length));
        return segments;
    }

    private static bool IsDocumentStartMarker(string text, int lineStart) =>
        string.CompareOrdinal(text, lineStart, "---", 0, 3) == 0
        && (lineStart + 3 >= text.Length || text[lineStart + 3] is ' ' or '\t' or '\r' or '\n');

    /// <summary>The text YamlDotNet reads for one segment.</summary>
    private static string SegmentText(SourceFile file, TextSpan segment)
    {
        string text = file.Text.Substring(segment.Start, segment.Length);
        // A byte-order mark is not YAML content; a space keeps every offset where it was.
        return text.Length > 0 && text[0] == '\uFEFF' ? " " + text.Substring(1) : text;
    }

    private static int Offset(TextSpan segment, Mark mark) => segment.Start + (int)Math.Min(mark.Index, segment.Length);

    /// <summary>
    /// Reads a segment's comments with a token scan of their own: YamlDotNet 18's parser fails on a comment event
    /// after a flow collection that closes a block mapping ("did not find expected key"), where the YAML is valid.
    /// </summary>
    private static void ReadComments(SourceFile file, TextSpan segment, List<YamlComment> comments)
    {
        var scanner = new Scanner(new StringReader(SegmentText(file, segment)), skipComments: false);
        try
        {
            while (scanner.MoveNext())
            {
                // After a syntax error YamlDotNet's scanner repeats its error token forever; the parse reports it.
                if (scanner.Current is YamlDotNet.Core.Tokens.Error) return;
                if (scanner.Current is YamlDotNet.Core.Tokens.Comment comment)
                    comments.Add(new YamlComment(comment.Value, TextSpan.FromBounds(Offset(segment, comment.Start), Math.Max(Offset(segment, comment.Start), Offset(segment, comment.End))), comment.IsInline));
            }
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            // The parse reports invalid YAML; the comments read so far are kept.
        }
    }

    /// <summary>True when the text looks like a template (Helm, Jinja) rather than YAML.</summary>
    public static bool LooksTemplated(string text) => text.IndexOf("{{", StringComparison.Ordinal) >= 0;

    private sealed class Frame
    {
        public Frame(bool isMapping, int start, bool isFlow, string? tag, string? anchor)
        {
            IsMapping = isMapping;
            Start = start;
            IsFlow = isFlow;
            Tag = tag;
            Anchor = anchor;
        }

        public bool IsMapping { get; }
        public int Start { get; }
        public bool IsFlow { get; }
        public string? Tag { get; }
        public string? Anchor { get; }
        public List<YamlNode> Children { get; } = new();
    }

    private sealed class SegmentLoader
    {
        private readonly SourceFile _file;
        private readonly TextSpan _segment;
        private readonly List<YamlDocument> _documents;
        private readonly List<ParseDiagnostic> _diagnostics;
        private readonly List<TextSpan> _commentSegments;
        private readonly Stack<Frame> _stack = new();
        private readonly Dictionary<string, YamlNode> _anchors = new(StringComparer.Ordinal);
        private readonly HashSet<string> _openAnchors = new(StringComparer.Ordinal);
        private bool _inDocument;
        private bool _documentFailed;
        private int _documentStart;
        private YamlNode? _root;

        /// <param name="commentSegments">Gets this segment when its comments are to be read.</param>
        public SegmentLoader(SourceFile file, TextSpan segment, List<YamlDocument> documents, List<ParseDiagnostic> diagnostics, List<TextSpan> commentSegments)
        {
            _file = file;
            _segment = segment;
            _documents = documents;
            _diagnostics = diagnostics;
            _commentSegments = commentSegments;
        }

        public void Run()
        {
            string text = SegmentText(_file, _segment);
            if (FirstTooDeepBracket(text) is int tooDeep)
            {
                _diagnostics.Add(new ParseDiagnostic(DiagnosticSeverity.Error,
                    $"YAML collections are nested more than {MaxDepth} levels deep here; the document is skipped.", new TextSpan(_segment.Start + tooDeep, 1)));
                _documents.Add(new YamlDocument(_documents.Count, null, _segment));
                return;
            }
            if (text.IndexOf('#') >= 0) _commentSegments.Add(_segment);
            var parser = new Parser(new Scanner(new StringReader(text), skipComments: true));
            int lastOffset = _segment.Start;
            try
            {
                while (parser.MoveNext())
                {
                    lastOffset = Offset(parser.Current!.End);
                    Handle(parser.Current!);
                }
            }
            catch (YamlException e)
            {
                Fail(TextSpan.FromBounds(Offset(e.Start), Math.Max(Offset(e.Start), Offset(e.End))), $"Invalid YAML: {e.Message}");
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
            {
                // YamlDotNet throws these instead of a YamlException on some malformed input; it is still invalid YAML.
                Fail(new TextSpan(lastOffset, 0), $"Invalid YAML: the reader stopped after this point ({e.Message})");
            }
        }

        private void Fail(TextSpan span, string message)
        {
            _diagnostics.Add(new ParseDiagnostic(DiagnosticSeverity.Error, message, span));
            if (_inDocument) _documents.Add(new YamlDocument(_documents.Count, null, TextSpan.FromBounds(_documentStart, _segment.End)));
        }

        /// <summary>
        /// The offset of the first '[' or '{' past <see cref="MaxDepth"/> unclosed ones (comments aside), or null.
        /// YamlDotNet's scanner takes quadratic time on deeply nested flow collections, so such text is refused
        /// before it reaches it; a bracket inside a quoted or block scalar can only make the count larger.
        /// </summary>
        private static int? FirstTooDeepBracket(string text)
        {
            int depth = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '#' && (i == 0 || text[i - 1] is ' ' or '\t' or '\n' or '\r'))
                {
                    while (i < text.Length && text[i] != '\n') i++;
                    continue;
                }
                if (c is '[' or '{' && ++depth > MaxDepth) return i;
                if (c is ']' or '}' && depth > 0) depth--;
            }
            return null;
        }

        private int Offset(Mark mark) => YamlLoader.Offset(_segment, mark);

        private TextSpan SpanOf(ParsingEvent e) => TextSpan.FromBounds(Offset(e.Start), Math.Max(Offset(e.Start), Offset(e.End)));

        private void Handle(ParsingEvent e)
        {
            switch (e)
            {
                case DocumentStart:
                    _inDocument = true;
                    _documentFailed = false;
                    _documentStart = Offset(e.Start);
                    _root = null;
                    _stack.Clear();
                    _anchors.Clear();
                    _openAnchors.Clear();
                    return;
                case DocumentEnd:
                    _inDocument = false;
                    _documents.Add(new YamlDocument(_documents.Count, _documentFailed ? null : _root,
                        TextSpan.FromBounds(_documentStart, Math.Max(_documentStart, Offset(e.End)))));
                    return;
            }
            if (_documentFailed) return;

            switch (e)
            {
                case Scalar scalar:
                    Add(new YamlScalar(scalar.Value, StyleOf(scalar.Style), ScalarSpan(scalar), TagOf(scalar.Tag), AnchorOf(scalar.Anchor)));
                    break;
                case MappingStart start:
                    Open(new Frame(true, Offset(start.Start), start.Style == MappingStyle.Flow, TagOf(start.Tag), AnchorOf(start.Anchor)), start);
                    break;
                case SequenceStart start:
                    Open(new Frame(false, Offset(start.Start), start.Style == SequenceStyle.Flow, TagOf(start.Tag), AnchorOf(start.Anchor)), start);
                    break;
                case MappingEnd or SequenceEnd:
                    Close(e);
                    break;
                case AnchorAlias alias:
                    Add(Resolve(alias));
                    break;
            }
        }

        private void Open(Frame frame, ParsingEvent e)
        {
            // Block collections can nest too (one indentation step per level).
            if (_stack.Count >= MaxDepth)
            {
                _diagnostics.Add(new ParseDiagnostic(DiagnosticSeverity.Error,
                    $"YAML collections are nested more than {MaxDepth} levels deep here; the document is skipped.", SpanOf(e)));
                _documentFailed = true;
                return;
            }
            if (frame.Anchor is not null) _openAnchors.Add(frame.Anchor);
            _stack.Push(frame);
        }

        private void Close(ParsingEvent e)
        {
            var frame = _stack.Pop();
            int end = frame.IsFlow ? Offset(e.End) : frame.Children.Count > 0 ? MaxEnd(frame.Children) : Offset(e.Start);
            var span = TextSpan.FromBounds(frame.Start, Math.Max(frame.Start, end));
            if (frame.Anchor is not null) _openAnchors.Remove(frame.Anchor);
            Add(frame.IsMapping
                ? BuildMapping(span, frame)
                : new YamlSequence(span, frame.Tag, frame.Anchor, frame.Children.ToArray()));
        }

        private static int MaxEnd(List<YamlNode> nodes)
        {
            int end = 0;
            foreach (var node in nodes) end = Math.Max(end, node.Span.End);
            return end;
        }

        private void Add(YamlNode node)
        {
            if (node.Anchor is not null) _anchors[node.Anchor] = node;
            if (_stack.Count == 0) _root = node;
            else _stack.Peek().Children.Add(node);
        }

        private YamlNode Resolve(AnchorAlias alias)
        {
            string name = alias.Value.Value;
            if (_anchors.TryGetValue(name, out var node)) return node;
            string message = _openAnchors.Contains(name)
                ? $"The alias *{name} refers to a node that contains it; it is read as null."
                : $"The alias *{name} names no anchor defined before it in this document; it is read as null.";
            _diagnostics.Add(new ParseDiagnostic(DiagnosticSeverity.Error, message, SpanOf(alias)));
            return new YamlScalar("", YamlScalarStyle.Plain, SpanOf(alias));
        }

        /// <summary>Pairs keys with values, applies <c>&lt;&lt;</c> merge keys, and keeps the last of repeated keys.</summary>
        private YamlMapping BuildMapping(TextSpan span, Frame frame)
        {
            var children = frame.Children;
            var entries = new List<YamlEntry>(children.Count / 2);
            // Most mappings are small: keys are found by a scan until one outgrows it (see YamlMapping.LinearLookupLimit).
            Dictionary<string, int>? indexByKey = null;
            List<YamlMapping>? merges = null;
            for (int i = 0; i + 1 < children.Count; i += 2)
            {
                var key = children[i];
                var value = children[i + 1];
                if (key is YamlScalar { IsPlain: true, Tag: null, Value: "<<" } && TryCollectMerges(value, merges ??= new List<YamlMapping>())) continue;
                var entry = new YamlEntry(key, value);
                if (entry.KeyText is { } text && YamlMapping.IndexOfKey(entries, indexByKey, text) is int earlier and >= 0)
                {
                    _diagnostics.Add(new ParseDiagnostic(DiagnosticSeverity.Warning,
                        $"The key '{text}' is repeated in this mapping; the last value is used, and other tools may pick the first.", key.Span));
                    entries[earlier] = entry;
                    continue;
                }
                AddEntry(entries, ref indexByKey, entry);
            }
            if (merges is not null)
                foreach (var source in merges)
                foreach (var merged in source.Entries)
                {
                    if (merged.KeyText is { } text && YamlMapping.IndexOfKey(entries, indexByKey, text) >= 0) continue;
                    AddEntry(entries, ref indexByKey, merged);
                }
            return new YamlMapping(span, frame.Tag, frame.Anchor, entries, indexByKey);
        }

        /// <summary>Appends an entry whose key is not in the mapping yet, and indexes the keys once there are too many to scan.</summary>
        private static void AddEntry(List<YamlEntry> entries, ref Dictionary<string, int>? indexByKey, YamlEntry entry)
        {
            if (indexByKey is not null && entry.KeyText is { } key) indexByKey[key] = entries.Count;
            entries.Add(entry);
            if (indexByKey is null && entries.Count > YamlMapping.LinearLookupLimit)
            {
                indexByKey = new Dictionary<string, int>(StringComparer.Ordinal);
                for (int i = 0; i < entries.Count; i++)
                    if (entries[i].KeyText is { } text) indexByKey[text] = i;
            }
        }

        private static bool TryCollectMerges(YamlNode value, List<YamlMapping> merges)
        {
            if (value is YamlMapping mapping)
            {
                merges.Add(mapping);
                return true;
            }
            if (value is YamlSequence sequence && sequence.Items.Count > 0)
            {
                foreach (var item in sequence.Items)
                    if (item is not YamlMapping) return false;
                foreach (var item in sequence.Items) merges.Add((YamlMapping)item);
                return true;
            }
            return false;
        }

        /// <summary>A block scalar's event ends after its trailing line breaks; its span stops at its last character.</summary>
        private TextSpan ScalarSpan(Scalar scalar)
        {
            var span = SpanOf(scalar);
            if (scalar.Style is not (ScalarStyle.Literal or ScalarStyle.Folded)) return span;
            int end = span.End;
            while (end > span.Start && _file.Text[end - 1] is '\n' or '\r' or ' ' or '\t') end--;
            return TextSpan.FromBounds(span.Start, end);
        }

        private static YamlScalarStyle StyleOf(ScalarStyle style) => style switch
        {
            ScalarStyle.SingleQuoted => YamlScalarStyle.SingleQuoted,
            ScalarStyle.DoubleQuoted => YamlScalarStyle.DoubleQuoted,
            ScalarStyle.Literal => YamlScalarStyle.Literal,
            ScalarStyle.Folded => YamlScalarStyle.Folded,
            _ => YamlScalarStyle.Plain,
        };

        private static string? TagOf(TagName tag) => tag.IsEmpty || tag.IsNonSpecific ? null : tag.Value;

        private static string? AnchorOf(AnchorName anchor) => anchor.IsEmpty ? null : anchor.Value;
    }
}
