using System.Collections.Generic;
using System.Text;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Formats.Yaml;

/// <summary>
/// Where each character of a scalar's value is written in the file, so a document embedded in a scalar (a config
/// file in a ConfigMap) reports its findings at the outer file's line and column.
/// </summary>
public static class ScalarContent
{
    /// <summary>
    /// The file offset of each character of <paramref name="scalar"/>'s value, plus one for the end (length is
    /// <c>Value.Length + 1</c>). Literal (<c>|</c>) and folded (<c>&gt;</c>) block scalars map exactly (a folded line
    /// break maps to the break it replaced), as do one-line plain scalars and quoted ones without escapes; anything
    /// else maps every character to the scalar's start, which still names the right line.
    /// </summary>
    public static int[] MapOffsets(SourceFile file, YamlScalar scalar)
    {
        int[]? map = scalar.Style switch
        {
            YamlScalarStyle.Literal => MapBlock(file.Text, scalar, folded: false),
            YamlScalarStyle.Folded => MapBlock(file.Text, scalar, folded: true),
            _ => MapInline(scalar),
        };
        return map ?? Coarse(scalar);
    }

    private static int[] Coarse(YamlScalar scalar)
    {
        var map = new int[scalar.Value.Length + 1];
        for (int i = 0; i < map.Length; i++) map[i] = scalar.Span.Start;
        return map;
    }

    private static int[]? MapInline(YamlScalar scalar)
    {
        if (scalar.Value.Length == 0) return new[] { scalar.Span.Start };
        var whole = scalar.ValueSpan(0, scalar.Value.Length);
        if (whole.Length != scalar.Value.Length) return null;
        var map = new int[scalar.Value.Length + 1];
        for (int i = 0; i < map.Length; i++) map[i] = whole.Start + i;
        return map;
    }

    private sealed class ContentLine
    {
        public int ContentStart;
        public int ContentEnd;
        public int BreakOffset;
        public bool IsEmpty;
        public bool MoreIndented;
    }

    private static int[]? MapBlock(string text, YamlScalar scalar, bool folded)
    {
        int headerEnd = text.IndexOf('\n', scalar.Span.Start);
        if (headerEnd < 0) return scalar.Value.Length == 0 ? new[] { scalar.Span.End } : null;
        for (int i = scalar.Span.Start; i < headerEnd; i++)
        {
            if (text[i] == '#') break;
            if (char.IsDigit(text[i])) return null; // An explicit indentation indicator is relative to the parent; rare enough to map coarsely.
        }

        var lines = ReadLines(text, headerEnd + 1, scalar.Span.End);
        var builder = new StringBuilder();
        var offsets = new List<int>();
        void Append(char c, int offset)
        {
            builder.Append(c);
            offsets.Add(offset);
        }
        void AppendContent(ContentLine line)
        {
            for (int i = line.ContentStart; i < line.ContentEnd; i++) Append(text[i], i);
        }

        if (!folded)
        {
            foreach (var line in lines)
            {
                if (!line.IsEmpty) AppendContent(line);
                Append('\n', line.BreakOffset);
            }
        }
        else
        {
            ContentLine? previous = null;
            var emptyBreaks = new List<int>();
            foreach (var line in lines)
            {
                if (line.IsEmpty)
                {
                    emptyBreaks.Add(line.BreakOffset);
                    continue;
                }
                if (previous is not null)
                {
                    bool bothNormal = !previous.MoreIndented && !line.MoreIndented;
                    if (emptyBreaks.Count == 0) Append(bothNormal ? ' ' : '\n', previous.BreakOffset);
                    else if (!bothNormal) Append('\n', previous.BreakOffset);
                }
                foreach (int offset in emptyBreaks) Append('\n', offset);
                emptyBreaks.Clear();
                AppendContent(line);
                previous = line;
            }
            if (previous is not null) Append('\n', previous.BreakOffset);
            foreach (int offset in emptyBreaks) Append('\n', offset);
        }

        // Chomping (strip, clip, keep) only changes trailing line breaks: compare without them, then take the value's.
        string built = builder.ToString().TrimEnd('\n');
        string value = scalar.Value;
        string valueBody = value.TrimEnd('\n');
        if (built != valueBody) return null;
        var map = new int[value.Length + 1];
        for (int i = 0; i < valueBody.Length; i++) map[i] = offsets[i];
        for (int i = valueBody.Length; i <= value.Length; i++)
            map[i] = i < offsets.Count ? offsets[i] : scalar.Span.End;
        return map;
    }

    /// <summary>The content lines from <paramref name="start"/> to the line holding <paramref name="end"/>, indentation found from the first non-blank one.</summary>
    private static List<ContentLine> ReadLines(string text, int start, int end)
    {
        var raw = new List<(int Start, int End, int Break)>();
        for (int lineStart = start; lineStart < end;)
        {
            int newline = text.IndexOf('\n', lineStart);
            int lineEnd = newline < 0 ? text.Length : newline;
            int contentEnd = lineEnd > lineStart && text[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            raw.Add((lineStart, contentEnd, contentEnd));
            if (newline < 0) break;
            lineStart = newline + 1;
        }

        int indent = -1;
        foreach (var (lineStart, lineEnd, _) in raw)
        {
            int spaces = 0;
            while (lineStart + spaces < lineEnd && text[lineStart + spaces] == ' ') spaces++;
            if (lineStart + spaces < lineEnd)
            {
                indent = spaces;
                break;
            }
        }

        var lines = new List<ContentLine>();
        foreach (var (lineStart, lineEnd, breakOffset) in raw)
        {
            bool blank = true;
            for (int i = lineStart; i < lineEnd && blank; i++) blank = text[i] == ' ';
            bool empty = indent < 0 || (blank && lineEnd - lineStart <= indent);
            int contentStart = empty ? lineEnd : lineStart + indent;
            lines.Add(new ContentLine
            {
                ContentStart = contentStart,
                ContentEnd = lineEnd,
                BreakOffset = breakOffset,
                IsEmpty = empty,
                MoreIndented = !empty && contentStart < lineEnd && text[contentStart] is ' ' or '\t',
            });
        }
        return lines;
    }
}
