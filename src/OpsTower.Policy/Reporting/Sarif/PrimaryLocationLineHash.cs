using System;
using System.Collections.Generic;
using System.Globalization;

namespace OpsTower.Policy.Reporting.Sarif;

/// <summary>
/// GitHub code scanning's <c>partialFingerprints.primaryLocationLineHash</c>: a port of <c>hash()</c> in
/// github/codeql-action <c>src/fingerprints.ts</c>, so the values we upload equal the ones <c>upload-sarif</c> would compute
/// and alerts keep their identity whichever side fills them in.
/// </summary>
/// <remarks>
/// For every line, a rolling hash over the next <see cref="BlockSize"/> characters of the file from the start of that
/// line, skipping spaces and tabs (only those two: other whitespace counts) and reading <c>\r\n</c>, <c>\r</c> and
/// <c>\n</c> all as <c>\n</c>. The value is the unsigned 64-bit hash in lower-case hex without leading zeros, then
/// <c>:</c> and how many lines so far (this one included) had the same hash. The TS code does its arithmetic in the
/// <c>long</c> library's wrapping signed 64-bit integers, which is exactly C#'s unchecked <see cref="long"/>.
/// </remarks>
public static class PrimaryLocationLineHash
{
    private const int BlockSize = 100;
    private const long Mod = 37;

    // The character the TS code feeds in after the last one, so the final lines hash differently from padding.
    private const int EndOfFile = 65535;

    private static readonly long FirstMod = ComputeFirstMod();

    /// <summary>The fingerprint of a 1-based line of <paramref name="text"/>, or null when the text has no such line.</summary>
    public static string? Compute(string text, int line)
    {
        IReadOnlyList<string> hashes = ComputeAll(text);
        return line >= 1 && line <= hashes.Count ? hashes[line - 1] : null;
    }

    /// <summary>The fingerprints of every line of <paramref name="text"/>; element 0 is line 1.</summary>
    public static IReadOnlyList<string> ComputeAll(string text)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        return new Hasher().Run(text);
    }

    private static long ComputeFirstMod()
    {
        long firstMod = 1;
        for (int i = 0; i < BlockSize; i++) firstMod = unchecked(firstMod * Mod);
        return firstMod;
    }

    /// <summary>The state of one pass; names follow the TS code so the two can be compared line by line.</summary>
    private sealed class Hasher
    {
        private readonly int[] _window = new int[BlockSize];
        private readonly int[] _lineNumbers = CreateLineNumbers();
        private readonly Dictionary<string, int> _hashCounts = new(StringComparer.Ordinal);
        private readonly List<string> _hashes = new();
        private long _hashRaw;
        private int _index;
        private int _lineNumber;
        private bool _lineStart = true;
        private bool _prevCR;

        public List<string> Run(string text)
        {
            foreach (char c in text) ProcessCharacter(c);
            ProcessCharacter(EndOfFile);
            for (int i = 0; i < BlockSize; i++)
            {
                if (_lineNumbers[_index] != -1) OutputHash();
                UpdateHash(0);
            }
            return _hashes;
        }

        private static int[] CreateLineNumbers()
        {
            var lineNumbers = new int[BlockSize];
            for (int i = 0; i < BlockSize; i++) lineNumbers[i] = -1;
            return lineNumbers;
        }

        private void ProcessCharacter(int current)
        {
            if (current == ' ' || current == '\t' || (_prevCR && current == '\n'))
            {
                _prevCR = false;
                return;
            }
            if (current == '\r')
            {
                current = '\n';
                _prevCR = true;
            }
            else
            {
                _prevCR = false;
            }
            if (_lineNumbers[_index] != -1) OutputHash();
            if (_lineStart)
            {
                _lineStart = false;
                _lineNumber++;
                _lineNumbers[_index] = _lineNumber;
            }
            if (current == '\n') _lineStart = true;
            UpdateHash(current);
        }

        private void UpdateHash(int current)
        {
            int begin = _window[_index];
            _window[_index] = current;
            _hashRaw = unchecked(Mod * _hashRaw + current - FirstMod * begin);
            _index = (_index + 1) % BlockSize;
        }

        private void OutputHash()
        {
            string hashValue = unchecked((ulong)_hashRaw).ToString("x", CultureInfo.InvariantCulture);
            _hashCounts.TryGetValue(hashValue, out int count);
            _hashCounts[hashValue] = ++count;
            // Lines come out in order, one each, so the list index is the line number - 1.
            _hashes.Add(hashValue + ":" + count.ToString(CultureInfo.InvariantCulture));
            _lineNumbers[_index] = -1;
        }
    }
}
