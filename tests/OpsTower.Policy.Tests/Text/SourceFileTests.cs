using OpsTower.Policy.Text;

namespace OpsTower.Policy.Tests.Text;

public class SourceFileTests
{
    [Theory]
    [InlineData("a\nbc\n", 0, 1, 1)]
    [InlineData("a\nbc\n", 2, 2, 1)]
    [InlineData("a\nbc\n", 3, 2, 2)]
    [InlineData("a\nbc\n", 5, 3, 1)]
    [InlineData("a\r\nbc", 3, 2, 1)]
    [InlineData("a\rbc", 2, 2, 1)]
    [InlineData("", 0, 1, 1)]
    public void Offsets_map_to_one_based_lines_and_columns(string text, int offset, int line, int column)
    {
        var file = new SourceFile("f", text);

        file.GetPosition(offset).Should().Be(new LinePosition(line, column));
        file.GetOffset(new LinePosition(line, column)).Should().Be(offset);
    }

    [Fact]
    public void Line_text_excludes_line_breaks_of_every_kind()
    {
        var file = new SourceFile("f", "one\r\ntwo\rthree\nfour");

        file.LineCount.Should().Be(4);
        file.GetLineText(1).Should().Be("one");
        file.GetLineText(2).Should().Be("two");
        file.GetLineText(3).Should().Be("three");
        file.GetLineText(4).Should().Be("four");
    }

    [Fact]
    public void Span_positions_have_an_exclusive_end_column()
    {
        var file = new SourceFile("f", "USER root\n");

        var span = file.GetPositionSpan(new TextSpan(5, 4));

        span.Start.Should().Be(new LinePosition(1, 6));
        span.End.Should().Be(new LinePosition(1, 10));
        file.GetText(new TextSpan(5, 4)).Should().Be("root");
    }

    [Fact]
    public void Columns_count_utf16_code_units_like_sarif()
    {
        // U+1F600 is two UTF-16 code units: the word after it starts at column 4.
        var file = new SourceFile("f", "\U0001F600 x");

        file.GetPosition(3).Should().Be(new LinePosition(1, 4));
    }

    [Fact]
    public void Out_of_range_offsets_are_rejected()
    {
        var file = new SourceFile("f", "abc");

        file.Invoking(f => f.GetPosition(4)).Should().Throw<ArgumentOutOfRangeException>();
        file.Invoking(f => f.GetLineStart(2)).Should().Throw<ArgumentOutOfRangeException>();
    }
}
