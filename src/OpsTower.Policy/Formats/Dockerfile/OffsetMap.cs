using System;
using System.Collections.Generic;

namespace OpsTower.Policy.Formats.Dockerfile;

/// <summary>
/// The file offset of every index of a text assembled from stretches of a file (an instruction with its line
/// continuations removed), plus one for the end. It stores one entry per stretch rather than one per character:
/// a per-character table cost several times the file's size in allocations.
/// </summary>
internal sealed class OffsetMap
{
    // Stretch i covers text indexes [_textStarts[i], _textStarts[i + 1]) and starts at file offset _fileStarts[i].
    // A single stretch (most instructions) needs no arrays.
    private readonly int[]? _textStarts;
    private readonly int[]? _fileStarts;
    private readonly int _singleFileStart;
    private readonly int _endOffset;

    private OffsetMap(int length, int[]? textStarts, int[]? fileStarts, int singleFileStart, int endOffset)
    {
        Length = length;
        _textStarts = textStarts;
        _fileStarts = fileStarts;
        _singleFileStart = singleFileStart;
        _endOffset = endOffset;
    }

    /// <summary>The length of the text; index <see cref="Length"/> maps to the end offset.</summary>
    public int Length { get; }

    /// <summary>Builds a map from stretches given as (text index, file offset) pairs in text order.</summary>
    public static OffsetMap Create(int length, List<int> textStarts, List<int> fileStarts, int endOffset)
    {
        if (textStarts.Count <= 1) return new OffsetMap(length, null, null, textStarts.Count == 0 ? endOffset : fileStarts[0], endOffset);
        return new OffsetMap(length, textStarts.ToArray(), fileStarts.ToArray(), 0, endOffset);
    }

    /// <summary>The file offset of character <paramref name="index"/>; <see cref="Length"/> gives the end offset.</summary>
    public int this[int index]
    {
        get
        {
            if ((uint)index > (uint)Length) throw new ArgumentOutOfRangeException(nameof(index));
            if (index == Length) return _endOffset;
            if (_textStarts is null) return _singleFileStart + index;
            int piece = PieceOf(index);
            return _fileStarts![piece] + index - _textStarts[piece];
        }
    }

    /// <summary>
    /// The map of text [start, end) as a text of its own; its end is just past its last character, or
    /// <paramref name="emptyAnchor"/> when it is empty.
    /// </summary>
    public OffsetMap Slice(int start, int end, int emptyAnchor)
    {
        int endOffset = end > start ? this[end - 1] + 1 : emptyAnchor;
        if (_textStarts is null || end <= start) return new OffsetMap(end - start, null, null, end > start ? this[start] : emptyAnchor, endOffset);
        int first = PieceOf(start), last = PieceOf(end - 1);
        if (first == last) return new OffsetMap(end - start, null, null, this[start], endOffset);
        var textStarts = new int[last - first + 1];
        var fileStarts = new int[last - first + 1];
        textStarts[0] = 0;
        fileStarts[0] = this[start];
        for (int i = first + 1; i <= last; i++)
        {
            textStarts[i - first] = _textStarts[i] - start;
            fileStarts[i - first] = _fileStarts![i];
        }
        return new OffsetMap(end - start, textStarts, fileStarts, 0, endOffset);
    }

    /// <summary>The index of the character at file offset <paramref name="fileOffset"/>, or -1 when no character is there.</summary>
    public int IndexOf(int fileOffset)
    {
        if (_textStarts is null)
        {
            int index = fileOffset - _singleFileStart;
            return index >= 0 && index < Length ? index : -1;
        }
        for (int i = 0; i < _textStarts.Length; i++)
        {
            int stretchEnd = i + 1 < _textStarts.Length ? _textStarts[i + 1] : Length;
            int index = _textStarts[i] + fileOffset - _fileStarts![i];
            if (index >= _textStarts[i] && index < stretchEnd) return index;
        }
        return -1;
    }

    /// <summary>The stretch holding text index <paramref name="index"/> (0 ≤ index &lt; Length).</summary>
    private int PieceOf(int index)
    {
        int position = Array.BinarySearch(_textStarts!, index);
        return position >= 0 ? position : ~position - 1;
    }
}
