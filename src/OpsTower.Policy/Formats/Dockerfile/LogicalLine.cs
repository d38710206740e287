using System.Collections.Generic;
using System.Text;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Formats.Dockerfile;

/// <summary>
/// An instruction's physical lines joined as BuildKit joins them (continuations removed), with the file offset of
/// every character so that anything found in the joined text can be reported at its place in the file.
/// </summary>
internal sealed class LogicalLine
{
    private readonly int[] _offsets;
    private readonly int _endOffset;

    private LogicalLine(string text, int[] offsets, int endOffset)
    {
        Text = text;
        _offsets = offsets;
        _endOffset = endOffset;
    }

    public string Text { get; }

    public int Length => Text.Length;

    /// <summary>The file offset of character <paramref name="index"/>; the length gives the end of the last piece.</summary>
    public int OffsetOf(int index) => index < _offsets.Length ? _offsets[index] : _endOffset;

    /// <summary>The file span of Text[start..end): from its first character to just past its last.</summary>
    public TextSpan Span(int start, int end) =>
        end > start ? TextSpan.FromBounds(_offsets[start], _offsets[end - 1] + 1) : new TextSpan(OffsetOf(start), 0);

    /// <summary>Per-character offsets of Text[start..end) plus one for the end, as <see cref="DockerInstruction"/> wants them.</summary>
    public int[] OffsetsFor(int start, int end, int emptyAnchor)
    {
        var result = new int[end - start + 1];
        for (int i = start; i < end; i++) result[i - start] = _offsets[i];
        result[end - start] = end > start ? _offsets[end - 1] + 1 : emptyAnchor;
        return result;
    }

    public sealed class Builder
    {
        private readonly StringBuilder _text = new();
        private readonly List<int> _offsets = new();
        private int _endOffset;

        public Builder(int startOffset) => _endOffset = startOffset;

        public int Length => _text.Length;

        public void Append(string source, int start, int end)
        {
            for (int i = start; i < end; i++)
            {
                _text.Append(source[i]);
                _offsets.Add(i);
            }
            _endOffset = end;
        }

        public LogicalLine Build() => new(_text.ToString(), _offsets.ToArray(), _endOffset);
    }
}
