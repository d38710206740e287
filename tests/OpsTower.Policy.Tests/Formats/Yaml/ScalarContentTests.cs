using OpsTower.Policy.Formats.Yaml;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Tests.Formats.Yaml;

public sealed class ScalarContentTests
{
    private static (SourceFile File, YamlScalar Scalar, int[] Map) Map(string text)
    {
        var file = new SourceFile("test.yaml", text);
        var yaml = YamlLoader.Load(file);
        var scalar = ((YamlMapping)yaml.Documents[0].Root!).GetScalar("v")!;
        return (file, scalar, ScalarContent.MapOffsets(file, scalar));
    }

    /// <summary>Every non-line-break character of the value maps to the same character in the file.</summary>
    private static void EveryCharacterMapsToItself(SourceFile file, YamlScalar scalar, int[] map)
    {
        map.Should().HaveCount(scalar.Value.Length + 1);
        for (int i = 0; i < scalar.Value.Length; i++)
            if (scalar.Value[i] is not ('\n' or ' ')) file.Text[map[i]].Should().Be(scalar.Value[i], $"character {i} of the value");
    }

    [Theory]
    [InlineData("v: |\n  ui = true\n\n  listener \"tcp\" {\n    address = \"0.0.0.0:8200\"\n  }\nnext: 1\n")]
    [InlineData("v: |-\n  a\n  b\n")]
    [InlineData("v: |+\n  a\n\n\nnext: 1\n")]
    [InlineData("v: |\r\n  a\r\n  b\r\n")]
    [InlineData("v: >\n  folded\n  text\n\n  para\n    more indented\n  end\n")]
    [InlineData("v: >-\n  one\n  two\n")]
    [InlineData("v: 'plain text'\n")]
    [InlineData("v: plain text\n")]
    public void Block_and_simple_scalars_map_exactly(string text)
    {
        var (file, scalar, map) = Map(text);
        EveryCharacterMapsToItself(file, scalar, map);
        bool isBlock = scalar.Style is YamlScalarStyle.Literal or YamlScalarStyle.Folded;
        if (isBlock && scalar.Value.Length > 0) map.Should().NotContain(scalar.Span.Start, "block scalars map exactly, not to their indicator");
    }

    [Fact]
    public void A_line_of_a_literal_block_maps_to_its_line_in_the_file()
    {
        var (file, scalar, map) = Map("data:\nv: |\n  ui = true\n  storage \"postgresql\" {\n    connection_url = \"postgres://vault:password@postgres\"\n  }\n");
        int inner = scalar.Value.IndexOf("password", StringComparison.Ordinal);
        file.GetPosition(map[inner]).Should().Be(new LinePosition(5, 40));
    }

    [Fact]
    public void A_folded_line_break_maps_to_the_break_it_replaced()
    {
        var (file, scalar, map) = Map("v: >\n  first\n  second\n");
        scalar.Value.Should().Be("first second\n");
        file.GetPosition(map[5]).Should().Be(new LinePosition(2, 8));
        file.GetPosition(map[6]).Should().Be(new LinePosition(3, 3));
    }

    [Fact]
    public void Escaped_scalars_map_every_character_to_the_scalar_start()
    {
        var (_, scalar, map) = Map("v: \"tab\\there\"\n");
        map.Should().OnlyContain(offset => offset == scalar.Span.Start);
    }
}
