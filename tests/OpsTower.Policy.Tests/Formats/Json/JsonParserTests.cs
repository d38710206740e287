using CsCheck;
using OpsTower.Policy.Formats.Json;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Tests.Formats.Json;

public class JsonParserTests
{
    private static JsonFile Parse(string text) => JsonParser.Parse(new SourceFile("x.json", text));

    [Fact]
    public void Keeps_the_span_of_every_key_and_value()
    {
        const string text = "{\n  \"a\": [1, true, null],\n  \"b\": { \"c\": \"d\\u0041\" }\n}";
        var file = Parse(text);

        file.Diagnostics.Should().BeEmpty();
        var root = (JsonObject)file.Root!;
        root.Span.Should().Be(new TextSpan(0, text.Length));
        var a = root.Find("a")!;
        text.Substring(a.NameSpan.Start, a.NameSpan.Length).Should().Be("\"a\"");
        var items = ((JsonArray)a.Value).Items;
        items.Select(i => text.Substring(i.Span.Start, i.Span.Length)).Should().Equal("1", "true", "null");
        var c = root.GetObject("b")!.GetScalar("c")!;
        c.Value.Should().Be("dA");
        text.Substring(c.Span.Start, c.Span.Length).Should().Be("\"d\\u0041\"");
        ((JsonScalar)items[0]).AsNumber().Should().Be(1);
    }

    [Fact]
    public void Accepts_comments_and_a_byte_order_mark()
    {
        var file = Parse("\uFEFF// head\n{ /* x */ \"a\": 1 }");
        file.Diagnostics.Should().BeEmpty();
        ((JsonObject)file.Root!).GetScalar("a")!.Value.Should().Be("1");
    }

    [Theory]
    [InlineData("{\"a\": 1,}")]
    [InlineData("[1 2]")]
    [InlineData("{\"a\" 1}")]
    [InlineData("\"open")]
    [InlineData("{} x")]
    [InlineData("-")]
    public void Reports_invalid_json_at_a_position(string text)
    {
        var file = Parse(text);
        file.Root.Should().BeNull();
        file.Diagnostics.Should().ContainSingle().Which.Message.Should().StartWith("Invalid JSON");
        file.Diagnostics[0].Span.Start.Should().BeInRange(0, text.Length);
    }

    [Fact]
    public void Deep_nesting_gives_a_diagnostic_not_a_stack_overflow()
    {
        var file = Parse(new string('[', 200_000) + new string(']', 200_000));
        file.Diagnostics.Should().ContainSingle().Which.Message.Should().Contain("nested more than");
        Parse(new string('[', 900) + new string(']', 900)).Diagnostics.Should().BeEmpty();
    }

    [Fact]
    public void Never_throws_on_arbitrary_text() =>
        Gen.String[Gen.Char["{}[]\":,0123456789.-truefalsnl \\/*\n"], 0, 60].Sample(text => Parse(text));
}
