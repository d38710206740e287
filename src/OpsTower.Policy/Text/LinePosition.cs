using System;

namespace OpsTower.Policy.Text;

/// <summary>A 1-based line and 1-based column (UTF-16 code units, as SARIF's default <c>utf16CodeUnits</c> column kind counts them).</summary>
public readonly struct LinePosition : IEquatable<LinePosition>, IComparable<LinePosition>
{
    public LinePosition(int line, int column)
    {
        if (line < 1) throw new ArgumentOutOfRangeException(nameof(line), "Lines are 1-based.");
        if (column < 1) throw new ArgumentOutOfRangeException(nameof(column), "Columns are 1-based.");
        Line = line;
        Column = column;
    }

    public int Line { get; }
    public int Column { get; }

    public bool Equals(LinePosition other) => Line == other.Line && Column == other.Column;
    public override bool Equals(object? obj) => obj is LinePosition other && Equals(other);
    public override int GetHashCode() => unchecked((Line * 397) ^ Column);
    public int CompareTo(LinePosition other) => Line != other.Line ? Line.CompareTo(other.Line) : Column.CompareTo(other.Column);
    public static bool operator ==(LinePosition left, LinePosition right) => left.Equals(right);
    public static bool operator !=(LinePosition left, LinePosition right) => !left.Equals(right);
    public override string ToString() => $"{Line}:{Column}";
}

/// <summary>A start and an end position; <see cref="End"/> is exclusive (the column after the last character), as SARIF's <c>endColumn</c>.</summary>
public readonly struct LinePositionSpan : IEquatable<LinePositionSpan>
{
    public LinePositionSpan(LinePosition start, LinePosition end)
    {
        if (end.CompareTo(start) < 0) throw new ArgumentException("The end precedes the start.", nameof(end));
        Start = start;
        End = end;
    }

    public LinePosition Start { get; }
    public LinePosition End { get; }

    public bool Equals(LinePositionSpan other) => Start.Equals(other.Start) && End.Equals(other.End);
    public override bool Equals(object? obj) => obj is LinePositionSpan other && Equals(other);
    public override int GetHashCode() => unchecked((Start.GetHashCode() * 397) ^ End.GetHashCode());
    public static bool operator ==(LinePositionSpan left, LinePositionSpan right) => left.Equals(right);
    public static bool operator !=(LinePositionSpan left, LinePositionSpan right) => !left.Equals(right);
    public override string ToString() => $"{Start}-{End}";
}
