using OpsTower.Policy.Formats.Hcl;
using OpsTower.Policy.Text;
using static OpsTower.Policy.Tests.Formats.Hcl.HclTestSupport;

namespace OpsTower.Policy.Tests.Formats.Hcl;

public sealed class HclTemplateTests
{
    private static readonly Func<string, HclValue?> Variables = name => name switch
    {
        "bar" => HclValue.FromString("Bar"),
        "space_bar" => HclValue.FromString("  Bar"),
        "words" => HclValue.Tuple(new[] { "Foo", "Bar", "Baz" }.Select(HclValue.FromString)),
        "on" => HclValue.True,
        _ => null,
    };

    private static string Text(string expression) => Evaluate(expression, Variables).AsString();

    [Theory]
    [InlineData("\"a\\nb\\rc\\td\\\"e\\\\f\"", "a\nb\rc\td\"e\\f")]
    [InlineData("\"\\u00e9\\U0001F600\"", "é😀")]
    [InlineData("\"$${literal} %%{literal}\"", "${literal} %{literal}")]
    [InlineData("\"cost: $5 and 100%\"", "cost: $5 and 100%")]
    [InlineData("\"\"", "")]
    [InlineData("\"ЖЖ 👩‍👩‍👧‍👦\"", "ЖЖ 👩‍👩‍👧‍👦")]
    public void Quoted_strings_decode_escapes(string expression, string expected)
    {
        Text(expression).Should().Be(expected);
    }

    [Fact]
    public void String_literals_are_normalized_to_nfc()
    {
        Text("\"an\u0303o\"").Should().Be("a\u00f1o");
    }

    [Theory]
    [InlineData("\"hello ${bar}!\"", "hello Bar!")]
    [InlineData("\"hello ${~ \"world\" }\"", "helloworld")]
    [InlineData("\"%{ if true ~} hello %{~ endif }\"", "hello")]
    [InlineData("\"${\"hello\" ~}${\" world\"}\"", "hello world")]
    [InlineData("\"%{ if on }yes%{ else }no%{ endif }\"", "yes")]
    [InlineData("\"%{ if !on }yes%{ else }no%{ endif }\"", "no")]
    [InlineData("\"%{ for w in words }<${w}>%{ endfor }\"", "<Foo><Bar><Baz>")]
    [InlineData("\"%{ for i, w in words }${i}=${w} %{ endfor }\"", "0=Foo 1=Bar 2=Baz ")]
    [InlineData("\"${\"\"}${true}\"", "true")]
    [InlineData("\"%{ for v in [true] }${v}%{ endfor }\"", "true")]
    [InlineData("\"v${1.50 + 1}\"", "v2.5")]
    public void Templates_interpolate_strip_and_run_directives(string expression, string expected)
    {
        Text(expression).Should().Be(expected);
    }

    [Fact]
    public void A_lone_interpolation_yields_the_value_itself()
    {
        Evaluate("\"${true}\"").Should().Be(HclValue.True);
        Evaluate("\"${\"${true}\"}\"").Should().Be(HclValue.True);
        Evaluate("\"${[1, 2]}\"").Elements.Should().HaveCount(2);
    }

    [Fact]
    public void Template_parts_and_their_spans()
    {
        var file = new SourceFile("e.hcl", "\"a ${b} %{ if c }d%{ else }e%{ endif }\"");
        var template = (HclTemplateExpression)HclParser.ParseExpression(file).Expression;
        template.Kind.Should().Be(HclTemplateKind.Quoted);
        template.Parts.Select(p => p.GetType().Name).Should().Equal(
            nameof(HclTemplateLiteralExpression), nameof(HclTemplateInterpolationExpression), nameof(HclTemplateLiteralExpression), nameof(HclTemplateIfExpression));
        file.At(template.Parts[1].Span).Should().Be("1:4-1:8");
        var @if = (HclTemplateIfExpression)template.Parts[3];
        file.At(@if.Span).Should().Be("1:9-1:39");
        @if.Then.LiteralValue.Should().Be("d");
        file.At(@if.Then.Span).Should().Be("1:18-1:19");
        @if.Else!.LiteralValue.Should().Be("e");
        file.At(template.Span).Should().Be("1:1-1:40");
        template.LiteralValue.Should().BeNull();
    }

    [Fact]
    public void Standalone_templates_parse_a_whole_file()
    {
        HclExpressionParseResult result = HclParser.ParseTemplate(new SourceFile("user_data.tpl", "#!/bin/bash\necho \"${name}\" $${HOME}\n%{ for p in ports ~}\nopen ${p}\n%{ endfor ~}\n"));
        result.Diagnostics.Should().BeEmpty();
        var template = (HclTemplateExpression)result.Expression;
        template.Kind.Should().Be(HclTemplateKind.Standalone);
        var evaluator = new HclExpressionEvaluator(name => name switch
        {
            "name" => HclValue.FromString("web"),
            "ports" => HclValue.Tuple(new[] { HclValue.FromNumber(22), HclValue.FromNumber(443) }),
            _ => null,
        });
        evaluator.Evaluate(template).AsString().Should().Be("#!/bin/bash\necho \"web\" ${HOME}\nopen 22\nopen 443\n");
    }

    public static TheoryData<string, string> Heredocs => new()
    {
        { "<<EOT\nFoo\nBar\nBaz\nEOT", "Foo\nBar\nBaz\n" },
        { "<<EOT\n    Foo\n    Bar\n    Baz\n  EOT", "    Foo\n    Bar\n    Baz\n" },
        { "<<EOT\n    Foo\n    ${bar}\n    Baz\n  EOT", "    Foo\n    Bar\n    Baz\n" },
        { "<<EOT\n    NOT EOT\n  EOT", "    NOT EOT\n" },
        { "<<EOT\nFoo\n\nBar\nEOT", "Foo\n\nBar\n" },
        { "<<-EOT\n    Foo\n    Bar\n    Baz\n  EOT", "Foo\nBar\nBaz\n" },
        { "<<-EOT\n    Foo\n      Bar\n    Baz\n  EOT", "Foo\n  Bar\nBaz\n" },
        { "<<-EOT\n    Foo\n  Bar\n    Baz\n  EOT", "  Foo\nBar\n  Baz\n" },
        { "<<-EOT\n    Foo\n      ${bar}\n    Baz\n  EOT", "Foo\n  Bar\nBaz\n" },
        { "<<-EOT\n    Foo\n  ${space_bar}\n    Baz\n  EOT", "  Foo\n  Bar\n  Baz\n" },
        { "<<-EOT\n\tFoo\n  Bar\n  Baz\n  EOT", "Foo\n Bar\n Baz\n" },
        { "<<-EOT\n   \u2003\u2003Foo\n    Bar\n  EOT", "\u2003Foo\nBar\n" },
        { "<<-EOT\n    Foo\n\n    Bar\n  EOT", "Foo\n\nBar\n" },
        { "<<EOT\r\nFoo\r\nEOT", "Foo\r\n" },
        { "<<EOT\nEOT", "" },
        { "<<EOT\n%{ for w in words ~}\n${w}\n%{ endfor ~}\nEOT", "Foo\nBar\nBaz\n" },
    };

    [Theory]
    [MemberData(nameof(Heredocs))]
    public void Heredocs_keep_or_strip_indentation_as_the_spec_says(string expression, string expected)
    {
        Text(expression).Should().Be(expected);
    }

    [Fact]
    public void Heredoc_spans_and_marker()
    {
        HclFile file = ParseClean("policy = <<-EOT\n  {\"a\": \"${var.b}\"}\n  EOT\nnext = 1\n");
        var heredoc = (HclTemplateExpression)file.Body.GetAttribute("policy")!.Expression;
        heredoc.Kind.Should().Be(HclTemplateKind.IndentedHeredoc);
        heredoc.HeredocMarker.Should().Be("EOT");
        file.At(heredoc.Span).Should().Be("1:10-3:6");
        file.At(heredoc.Parts[0].Span).Should().Be("2:3-2:10");
        file.Body.Attributes.Select(a => a.Name).Should().Equal("policy", "next");
    }
}
