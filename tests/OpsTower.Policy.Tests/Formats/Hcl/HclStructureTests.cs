using OpsTower.Policy.Formats.Hcl;
using static OpsTower.Policy.Tests.Formats.Hcl.HclTestSupport;

namespace OpsTower.Policy.Tests.Formats.Hcl;

public sealed class HclStructureTests
{
    [Fact]
    public void Attributes_and_blocks_keep_source_order_names_labels_and_exact_spans()
    {
        HclFile file = ParseClean("region = \"eu-west-1\"\n\nresource \"aws_s3_bucket\" logs {\n  bucket = \"logs\"\n}\nowner = \"ops\"\n");

        file.Body.Items.Select(i => i is HclAttribute a ? a.Name : ((HclBlock)i).Type).Should().Equal("region", "resource", "owner");
        file.Body.Attributes.Select(a => a.Name).Should().Equal("region", "owner");

        HclAttribute region = file.Body.GetAttribute("region")!;
        file.At(region.NameSpan).Should().Be("1:1-1:7");
        file.At(region.EqualsSpan).Should().Be("1:8-1:9");
        file.At(region.Expression.Span).Should().Be("1:10-1:21");
        file.At(region.Span).Should().Be("1:1-1:21");
        region.Expression.AsStringLiteral().Should().Be("eu-west-1");

        HclBlock resource = file.Body.Blocks.Single();
        resource.Type.Should().Be("resource");
        resource.LabelValues.Should().Equal("aws_s3_bucket", "logs");
        resource.Labels.Select(l => l.IsQuoted).Should().Equal(true, false);
        file.At(resource.TypeSpan).Should().Be("3:1-3:9");
        file.At(resource.Labels[0].Span).Should().Be("3:10-3:25");
        file.At(resource.Labels[1].Span).Should().Be("3:26-3:30");
        file.At(resource.OpenBraceSpan).Should().Be("3:31-3:32");
        file.At(resource.CloseBraceSpan!.Value).Should().Be("5:1-5:2");
        file.At(resource.Body.Span).Should().Be("3:31-5:2");
        file.At(resource.Span).Should().Be("3:1-5:2");
        file.At(resource.Body.GetAttribute("bucket")!.Span).Should().Be("4:3-4:18");
        file.At(file.Body.Span).Should().Be("1:1-7:1");
    }

    [Fact]
    public void One_line_blocks_hold_nothing_or_one_argument()
    {
        HclFile file = ParseClean("a {}\nb { c = \"foo\" }\nd \"x\" y { e = [1, 2] }\n");
        file.Body.Blocks.Select(b => b.Body.Attributes.Count).Should().Equal(0, 1, 1);
        file.At(file.Body.Blocks[1].Body.Attributes[0].Span).Should().Be("2:5-2:14");
        file.At(file.Body.Blocks[1].Span).Should().Be("2:1-2:16");
    }

    [Fact]
    public void Nested_blocks_identifiers_with_dashes_and_unicode_tabs_and_crlf()
    {
        HclFile file = ParseClean("outer-block lbl-1 {\r\n\tinner \"ü\" {\r\n\t\tsome-attr = föo-bar\r\n\t}\r\n}\r\n");
        HclBlock inner = file.Body.Blocks[0].Body.Blocks[0];
        inner.LabelValues.Should().Equal("ü");
        HclAttribute attribute = inner.Body.Attributes[0];
        attribute.Name.Should().Be("some-attr");
        HclTraversal.AsReference(attribute.Expression).Should().Be("föo-bar");
        file.At(attribute.Span).Should().Be("3:3-3:22");
        file.At(file.Body.Blocks[0].Span).Should().Be("1:1-5:2");
    }

    [Fact]
    public void Comments_of_all_three_kinds_are_collected_and_act_as_newline_or_space()
    {
        HclFile file = ParseClean("# hash\na = 1 // slash\n/* block\n */ b = 2\nc = /* inline */ 3\n");
        file.Comments.Select(c => (c.Kind, c.Text)).Should().Equal(
            (HclCommentKind.Hash, "# hash"),
            (HclCommentKind.DoubleSlash, "// slash"),
            (HclCommentKind.Block, "/* block\n */"),
            (HclCommentKind.Block, "/* inline */"));
        file.At(file.Comments[1].Span).Should().Be("2:7-2:15");
        file.Body.Attributes.Select(a => a.Name).Should().Equal("a", "b", "c");
        file.At(file.Body.GetAttribute("b")!.Span).Should().Be("4:5-4:10");
    }

    [Fact]
    public void A_line_comment_at_the_end_of_the_file_ends_the_last_attribute()
    {
        HclFile file = ParseClean("a = 1 # no newline after this");
        file.Body.Attributes.Single().Name.Should().Be("a");
    }

    [Fact]
    public void Tfvars_files_are_bodies_of_attributes()
    {
        HclFile file = ParseClean("""
            region         = "eu-west-1"
            instance_count = 3
            enable_logging = true
            tags = {
              Environment = "prod"
              "Cost-Center" = "42"
            }
            allowed_cidrs = ["10.0.0.0/8", "192.168.0.0/16"]
            """, "prod.tfvars");
        file.Body.Blocks.Should().BeEmpty();
        var values = file.Body.Attributes.ToDictionary(a => a.Name, a => new HclExpressionEvaluator().Evaluate(a.Expression).ToHclString());
        values.Should().Equal(new Dictionary<string, string>
        {
            ["region"] = "\"eu-west-1\"",
            ["instance_count"] = "3",
            ["enable_logging"] = "true",
            ["tags"] = "{ \"Cost-Center\" = \"42\", \"Environment\" = \"prod\" }",
            ["allowed_cidrs"] = "[\"10.0.0.0/8\", \"192.168.0.0/16\"]",
        });
    }

    [Fact]
    public void Comma_after_an_argument_is_reported_at_the_comma()
    {
        HclFile file = Parse("a = \"a value\", b = \"b value\"\n");
        file.Diagnostics.Should().ContainSingle();
        file.At(file.Diagnostics[0].Span).Should().Be("1:14-1:15");
        file.Diagnostics[0].Message.Should().Contain("comma");
        file.Body.GetAttribute("a")!.Expression.AsStringLiteral().Should().Be("a value");
    }

    [Fact]
    public void Missing_closing_brace_is_reported_at_the_opening_brace()
    {
        HclFile file = Parse("resource \"x\" \"y\" {\n  a = 1\n");
        file.Diagnostics.Should().ContainSingle();
        file.At(file.Diagnostics[0].Span).Should().Be("1:18-1:19");
        file.Diagnostics[0].Message.Should().StartWith("Unclosed configuration block");
        HclBlock block = file.Body.Blocks.Single();
        block.CloseBraceSpan.Should().BeNull();
        block.Body.Attributes.Single().Name.Should().Be("a");
    }

    [Fact]
    public void Single_line_block_mistakes_are_reported_where_hcl_reports_them()
    {
        HclFile file = Parse("a { b = \"foo\", c = \"bar\" }\na { b = \"foo\"\n}\na { b = \"foo\"\n  c = \"bar\" }\na { b = \"foo\"\n  c = \"bar\"\n}\na { d {} }\n");
        file.Diagnostics.Select(d => file.At(d.Span)).Should().Equal("1:14-1:15", "2:14-3:1", "4:14-5:1", "6:14-7:1", "9:5-9:8");
        file.Body.Blocks.Should().HaveCount(5);
    }

    [Fact]
    public void A_bad_item_is_reported_and_parsing_resumes_on_the_next_line()
    {
        HclFile file = Parse("a = = 1\nb = 2\nc {\n  d = ]\n  e = 3\n}\nf = 4\n");
        file.Diagnostics.Select(d => file.At(d.Span)).Should().Equal("1:5-1:6", "4:7-4:8");
        file.Body.Items.Select(i => i is HclAttribute a ? a.Name : ((HclBlock)i).Type).Should().Equal("a", "b", "c", "f");
        file.Body.Blocks[0].Body.Attributes.Select(a => a.Name).Should().Equal("d", "e");
        file.Body.GetAttribute("a")!.Expression.Should().BeOfType<HclInvalidExpression>();
    }

    [Theory]
    [InlineData("\"a\" = 1\nb = 2\n", "1:1-1:2", "must not be quoted")]
    [InlineData("a = 1\na = 2\n", "2:1-2:2", "Attribute redefined")]
    [InlineData("a \"b\" = 1\n", "1:7-1:8", "Invalid block definition")]
    [InlineData("a \"b\"\n{\n}\n", "1:6-2:1", "same line")]
    [InlineData("a {} b {}\n", "1:6-1:7", "Missing newline after block")]
    [InlineData("a = 1 b = 2\n", "1:7-1:8", "Missing newline after argument")]
    [InlineData("}\na = 1\n", "1:1-1:2", "no open block")]
    [InlineData("a\nb = 1\n", "1:1-1:2", "Argument or block definition required")]
    [InlineData("a = 1 @ 2\n", "1:7-1:8", "Invalid character")]
    [InlineData("a = 'x'\n", "1:5-1:6", "single quotes")]
    [InlineData("a = 1 & 2\n", "1:7-1:8", "&&")]
    [InlineData("a = 1 /* never closed\n", "1:7-1:9", "Unterminated comment")]
    [InlineData("a = \"abc\nb = 1\n", "1:9-2:1", "multi-line string")]
    [InlineData("a = \"abc", "1:5-1:6", "Unterminated template string")]
    [InlineData("a = <<EOT\nabc\n", "1:5-2:1", "Unterminated heredoc")]
    [InlineData("a = \"\\q\"\n", "1:6-1:8", "Invalid escape sequence")]
    [InlineData("a = \"\\u12\"\n", "1:6-1:10", "hexadecimal digits")]
    [InlineData("a = [1, 2\n", "1:5-1:6", "Unterminated tuple")]
    [InlineData("a = [1, 2\nb = 3\n", "2:1-2:2", "Missing item separator")]
    [InlineData("a = [1 2]\n", "1:8-1:9", "Missing item separator")]
    [InlineData("a = {\n  b = 1\n", "1:5-1:6", "Unterminated object")]
    [InlineData("a = { b = 1 c = 2 }\n", "1:13-1:14", "Missing attribute separator")]
    [InlineData("a = { b }\n", "1:9-1:10", "Missing key/value separator")]
    [InlineData("a = f(1 2)\n", "1:9-1:10", "Missing argument separator")]
    [InlineData("a = f(1, 2\n", "1:6-1:7", "Unterminated function call")]
    [InlineData("a = x ? 1\n", "1:10-2:1", "Missing false expression")]
    [InlineData("a = (1\n", "1:5-1:6", "Unbalanced parentheses")]
    [InlineData("a = x[1\n", "1:6-1:7", "Missing close bracket")]
    [InlineData("a = x.\n", "1:7-2:1", "Invalid attribute name")]
    [InlineData("a = x.0.0\n", "1:7-1:10", "legacy index")]
    [InlineData("a = [for x y]\n", "1:12-1:13", "'in' keyword")]
    [InlineData("a = [for x in y]\n", "1:16-1:17", "colon")]
    [InlineData("a = {for x in y: x}\n", "1:19-1:20", "=>")]
    [InlineData("a = [for x in y: x...]\n", "1:19-1:22", "grouping")]
    [InlineData("a = \"${x y}\"\n", "1:10-1:11", "Extra characters after interpolation")]
    [InlineData("a = \"%{ iff x }\"\n", "1:9-1:12", "Invalid template directive")]
    [InlineData("a = \"%{ if x }y\"\n", "1:6-1:15", "Unterminated template \"if\"")]
    [InlineData("a = \"x%{ endif }\"\n", "1:7-1:17", "Unexpected \"endif\"")]
    [InlineData("a = \"%{ else }\"\n", "1:6-1:15", "Unexpected \"else\"")]
    [InlineData("b \"${x}\" {}\n", "1:4-1:6", "block label")]
    [InlineData("a = provider::\n", "1:15-2:1", "function name")]
    [InlineData("a = provider::aws::x\n", "1:21-2:1", "Missing function call arguments")]
    public void Syntax_errors_are_reported_at_their_position(string text, string expectedSpan, string expectedMessagePart)
    {
        HclFile file = Parse(text);
        file.Diagnostics.Should().NotBeEmpty();
        ParseDiagnosticView first = new(file.At(file.Diagnostics[0].Span), file.Diagnostics[0].Message);
        first.Span.Should().Be(expectedSpan, first.Message);
        first.Message.Should().Contain(expectedMessagePart);
        AssertSpansNested(file.File, file.Body, file.Diagnostics);
    }

    private sealed record ParseDiagnosticView(string Span, string Message);

    [Fact]
    public void One_mistake_gives_one_diagnostic_not_a_cascade()
    {
        HclFile file = Parse("a = [1, (2, {3\nb = 4\n");
        file.Diagnostics.Should().ContainSingle();
    }
}
