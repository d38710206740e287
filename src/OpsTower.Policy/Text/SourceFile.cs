using System;
using System.Collections.Generic;

namespace OpsTower.Policy.Text;

/// <summary>
/// The text of one scanned file and its line map. <see cref="Path"/> is relative to the scan root with forward
/// slashes, which is what reports print and what SARIF puts under <c>%SRCROOT%</c>.
/// </summary>
public sealed class SourceFile
{
    private readonly int[] _lineStarts;

    public SourceFile(string path, string text)
    {
        Path = path ?? throw new ArgumentNullException(nameof(path));
        Text = text ?? throw new ArgumentNullException(nameof(text));
        _lineStarts = ComputeLineStarts(text);
    }

    /// <summary>Path relative to the scan root, with '/' separators.</summary>
    public string Path { get; }

    public string Text { get; }

    public int LineCount => _lineStarts.Length;

    /// <summary>Offset of the first character of a 1-based line.</summary>
    public int GetLineStart(int line)
    {
        if (line < 1 || line > _lineStarts.Length) throw new ArgumentOutOfRangeException(nameof(line));
        return _lineStarts[line - 1];
    }

    /// <summary>Offset just past the last character of a 1-based line, before its line break.</summary>
    public int GetLineEnd(int line)
    {
        int end = line < _lineStarts.Length ? _lineStarts[line] : Text.Length;
        if (end > GetLineStart(line) && Text[end - 1] == '\n') end--;
        if (end > GetLineStart(line) && Text[end - 1] == '\r') end--;
        return end;
    }

    /// <summary>The text of a 1-based line without its line break.</summary>
    public string GetLineText(int line)
    {
        int start = GetLineStart(line);
        return Text.Substring(start, GetLineEnd(line) - start);
    }

    /// <summary>The 1-based line and column of an offset (an offset equal to the text length is the end of the last line).</summary>
    public LinePosition GetPosition(int offset)
    {
        if (offset < 0 || offset > Text.Length) throw new ArgumentOutOfRangeException(nameof(offset));
        int index = Array.BinarySearch(_lineStarts, offset);
        if (index < 0) index = ~index - 1;
        return new LinePosition(index + 1, offset - _lineStarts[index] + 1);
    }

    public LinePositionSpan GetPositionSpan(TextSpan span) => new(GetPosition(span.Start), GetPosition(span.End));

    /// <summary>The offset of a 1-based line and column.</summary>
    public int GetOffset(LinePosition position) => GetLineStart(position.Line) + position.Column - 1;

    public string GetText(TextSpan span) => Text.Substring(span.Start, span.Length);

    private static int[] ComputeLineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n') i++;
                starts.Add(i + 1);
            }
            else if (c == '\n')
            {
                starts.Add(i + 1);
            }
        }
        return starts.ToArray();
    }

    public override string ToString() => Path;
}
