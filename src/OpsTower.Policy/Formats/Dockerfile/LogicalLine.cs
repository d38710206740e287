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
    private readonly OffsetMap _offsets;

    private LogicalLine(string text, OffsetMap offsets)
    {
        Text = text;
        _offsets = offsets;
    }

    public string Text { get; }

    public int Length => Text.Length;

    /// <summary>The file offset of character <paramref name="index"/>; the length (or beyond) gives the end of the last piece.</summary>
    public int OffsetOf(int index) => _offsets[index < Length ? index : Length];

    /// <summary>The file span of Text[start..end): from its first character to just past its last.</summary>
    public TextSpan Span(int start, int end) =>
        end > start ? TextSpan.FromBounds(_offsets[start], _offsets[end - 1] + 1) : new TextSpan(OffsetOf(start), 0);

    /// <summary>The offsets of Text[start..end), ending just past its last character (or at <paramref name="emptyAnchor"/>), as <see cref="DockerInstruction"/> wants them.</summary>
    public OffsetMap OffsetsFor(int start, int end, int emptyAnchor) => _offsets.Slice(start, end, emptyAnchor);

    /// <summary>Joins the pieces of one instruction; the parser reuses one builder for every instruction.</summary>
    public sealed class Builder
    {
        private readonly StringBuilder _text = new();
        private readonly List<int> _textStarts = new();
        private readonly List<int> _fileStarts = new();
        private string _source = "";
        private int _endOffset;

        public int Length { get; private set; }

        /// <summary>Starts a new instruction at file offset <paramref name="startOffset"/> of <paramref name="source"/>.</summary>
        public void Reset(string source, int startOffset)
        {
            _source = source;
            _text.Clear();
            _textStarts.Clear();
            _fileStarts.Clear();
            _endOffset = startOffset;
            Length = 0;
        }

        public void Append(int start, int end)
        {
            if (end > start)
            {
                _textStarts.Add(Length);
                _fileStarts.Add(start);
                Length += end - start;
            }
            _endOffset = end;
        }

        public LogicalLine Build()
        {
            string text;
            if (_textStarts.Count <= 1)
            {
                // One piece (most instructions): one substring, no copying through a builder.
                text = _textStarts.Count == 0 ? "" : _source.Substring(_fileStarts[0], Length);
            }
            else
            {
                _text.Clear();
                for (int i = 0; i < _textStarts.Count; i++)
                {
                    int pieceEnd = i + 1 < _textStarts.Count ? _textStarts[i + 1] : Length;
                    _text.Append(_source, _fileStarts[i], pieceEnd - _textStarts[i]);
                }
                text = _text.ToString();
            }
            return new LogicalLine(text, OffsetMap.Create(Length, _textStarts, _fileStarts, _endOffset));
        }
    }
}
