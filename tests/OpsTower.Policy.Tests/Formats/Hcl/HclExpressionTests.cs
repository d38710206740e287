using OpsTower.Policy.Formats.Hcl;
using OpsTower.Policy.Text;
using static OpsTower.Policy.Tests.Formats.Hcl.HclTestSupport;

namespace OpsTower.Policy.Tests.Formats.Hcl;

public sealed class HclExpressionTests
{
    /// <summary>Fully parenthesised rendering of the operator structure, for precedence checks.</summary>
    private static string Shape(HclExpression expression) => expression switch
    {
        HclBinaryExpression b => $"({Shape(b.Left)} {b.Operator} {Shape(b.Right)})",
        HclUnaryExpression u => $"({u.Operator} {Shape(u.Operand)})",
        HclConditionalExpression c => $"({Shape(c.Condition)} ? {Shape(c.TrueResult)} : {Shape(c.FalseResult)})",
        HclParenthesesExpression p => Shape(p.Expression),
        HclScopeTraversalExpression t => t.ToString(),
        HclLiteralExpression l => l.Value.ToHclString(),
        _ => expression.GetType().Name,
    };

    [Theory]
    [InlineData("a || b && c == d + e * f", "(a Or (b And (c Equal (d Add (e Multiply f)))))")]
    [InlineData("a * b + c", "((a Multiply b) Add c)")]
    [InlineData("x / y * z", "((x Divide y) Multiply z)")]
    [InlineData("a - b - c", "((a Subtract b) Subtract c)")]
    [InlineData("a < b == c >= d", "((a LessThan b) Equal (c GreaterThanOrEqual d))")]
    [InlineData("a != b || c <= d && !e", "((a NotEqual b) Or ((c LessThanOrEqual d) And (Not e)))")]
    [InlineData("-a % b", "((Negate a) Modulo b)")]
    [InlineData("(a || b) && c", "((a Or b) And c)")]
    [InlineData("a ? b : c ? d : e", "(a ? b : (c ? d : e))")]
    [InlineData("a == b ? c + 1 : -2", "((a Equal b) ? (c Add 1) : -2)")]
    public void Operators_follow_the_spec_precedence_and_associate_left(string text, string shape)
    {
        Shape(Expression(text)).Should().Be(shape);
    }

    [Fact]
    public void Binary_and_conditional_spans_cover_their_operands()
    {
        var file = new SourceFile("e.hcl", "a || b && c == d + e * f");
        var expression = (HclBinaryExpression)HclParser.ParseExpression(file).Expression;
        file.At(expression.Span).Should().Be("1:1-1:25");
        file.At(expression.OperatorSpan).Should().Be("1:3-1:5");
        var and = (HclBinaryExpression)expression.Right;
        file.At(and.Span).Should().Be("1:6-1:25");
        file.At(((HclBinaryExpression)((HclBinaryExpression)and.Right).Right).Span).Should().Be("1:16-1:25");
    }

    [Fact]
    public void Literals_numbers_booleans_null_and_negative_numbers()
    {
        Expression("42").Should().BeOfType<HclLiteralExpression>().Which.Value.Should().Be(HclValue.FromNumber(42));
        ((HclLiteralExpression)Expression("1.5e3")).Value.AsNumber().Should().Be(1500m);
        ((HclLiteralExpression)Expression("-7")).Value.AsNumber().Should().Be(-7m);
        ((HclLiteralExpression)Expression("true")).Value.Should().Be(HclValue.True);
        ((HclLiteralExpression)Expression("null")).Value.IsNull.Should().BeTrue();
        ((HclLiteralExpression)Expression("1e999")).Value.IsKnown.Should().BeFalse("it does not fit a decimal");
    }

    [Fact]
    public void Static_references_become_one_scope_traversal_with_step_spans()
    {
        var file = new SourceFile("e.hcl", "var.x.y[0][\"k\"].0");
        var traversal = HclParser.ParseExpression(file).Expression.Should().BeOfType<HclScopeTraversalExpression>().Subject;
        traversal.RootName.Should().Be("var");
        traversal.ToString().Should().Be("var.x.y[0][\"k\"][0]");
        traversal.Traversal.Select(t => file.At(t.Span)).Should().Equal("1:1-1:4", "1:4-1:6", "1:6-1:8", "1:8-1:11", "1:11-1:16", "1:16-1:18");
        ((HclTraverseIndex)traversal.Traversal[5]).IsLegacy.Should().BeTrue();
        file.At(traversal.Span).Should().Be("1:1-1:18");
    }

    [Fact]
    public void A_computed_index_wraps_the_traversal_and_later_steps_are_relative()
    {
        var index = (HclRelativeTraversalExpression)Expression("aws_instance.web[count.index].id");
        index.Traversal.Single().Should().BeOfType<HclTraverseAttribute>().Which.Name.Should().Be("id");
        var inner = index.Source.Should().BeOfType<HclIndexExpression>().Subject;
        inner.Collection.ToString().Should().Be("aws_instance.web");
        inner.Key.ToString().Should().Be("count.index");
    }

    [Fact]
    public void Steps_after_a_call_or_parentheses_form_a_relative_traversal()
    {
        var relative = (HclRelativeTraversalExpression)Expression("lookup(m, \"k\").attr[1]");
        relative.Source.Should().BeOfType<HclFunctionCallExpression>();
        HclTraversal.Render(relative.Traversal).Should().Be(".attr[1]");
        Expression("(a).b").Should().BeOfType<HclRelativeTraversalExpression>().Which.Source.Should().BeOfType<HclParenthesesExpression>();
    }

    [Fact]
    public void Full_and_attribute_only_splats()
    {
        var file = new SourceFile("e.hcl", "aws_instance.web[*].network[0].ip");
        var full = HclParser.ParseExpression(file).Expression.Should().BeOfType<HclSplatExpression>().Subject;
        full.IsFullSplat.Should().BeTrue();
        full.Source.ToString().Should().Be("aws_instance.web");
        file.At(full.Item.Span).Should().Be("1:17-1:20");
        var each = full.Each.Should().BeOfType<HclRelativeTraversalExpression>().Subject;
        each.Source.Should().BeSameAs(full.Item);
        HclTraversal.Render(each.Traversal).Should().Be(".network[0].ip");
        file.At(full.Span).Should().Be("1:1-1:34");

        // The attribute-only splat stops at an index, which then applies to the splat's result.
        var index = (HclRelativeTraversalExpression)Expression("list.*.id[0]");
        var attributeSplat = index.Source.Should().BeOfType<HclSplatExpression>().Subject;
        attributeSplat.IsFullSplat.Should().BeFalse();
        HclTraversal.Render(((HclRelativeTraversalExpression)attributeSplat.Each!).Traversal).Should().Be(".id");

        Expression("x[*]").Should().BeOfType<HclSplatExpression>().Which.Each.Should().BeNull();
        Expression("x[*][*].a").Should().BeOfType<HclSplatExpression>().Which.Source.Should().BeOfType<HclSplatExpression>();
    }

    [Fact]
    public void Function_calls_with_expansion_and_namespaces()
    {
        var file = new SourceFile("e.hcl", "merge(local.a, var.list...)");
        var call = HclParser.ParseExpression(file).Expression.Should().BeOfType<HclFunctionCallExpression>().Subject;
        call.Name.Should().Be("merge");
        call.Arguments.Should().HaveCount(2);
        call.ExpandFinalArgument.Should().BeTrue();
        file.At(call.NameSpan).Should().Be("1:1-1:6");
        file.At(call.OpenParenSpan).Should().Be("1:6-1:7");
        file.At(call.Span).Should().Be("1:1-1:28");

        var namespaced = (HclFunctionCallExpression)Expression("provider::aws::arn_parse(\n  var.arn,\n)");
        namespaced.Name.Should().Be("provider::aws::arn_parse");
        namespaced.Namespace.Should().Be("provider::aws");
        namespaced.LocalName.Should().Be("arn_parse");
        namespaced.Arguments.Single().ToString().Should().Be("var.arn");
        ((HclFunctionCallExpression)Expression("timestamp()")).Arguments.Should().BeEmpty();
    }

    [Fact]
    public void Tuples_and_objects_with_both_separators_and_key_forms()
    {
        ((HclTupleExpression)Expression("[\n  1,\n  \"two\",\n  [3],\n]")).Elements.Should().HaveCount(3);
        var @object = (HclObjectExpression)Expression("{\n  a = 1\n  \"b\": 2, (c) = 3\n  d.e = 4\n  for_each = 5\n}");
        @object.Items.Select(i => i.KeyName).Should().Equal("a", "b", null, null, "for_each");
        @object.Items[2].Key.Should().BeOfType<HclParenthesesExpression>();
        @object.GetValue("b")!.Should().BeOfType<HclLiteralExpression>();
    }

    [Fact]
    public void For_expressions_for_tuples_and_objects_with_condition_and_grouping()
    {
        var file = new SourceFile("e.hcl", "{ for k, v in var.x : k => v... if v.enabled }");
        var @for = HclParser.ParseExpression(file).Expression.Should().BeOfType<HclForExpression>().Subject;
        @for.IsObject.Should().BeTrue();
        @for.KeyVariable!.Name.Should().Be("k");
        @for.ValueVariable.Name.Should().Be("v");
        file.At(@for.ValueVariable.Span).Should().Be("1:10-1:11");
        @for.Collection.ToString().Should().Be("var.x");
        @for.KeyResult!.ToString().Should().Be("k");
        @for.IsGrouped.Should().BeTrue();
        @for.Condition!.ToString().Should().Be("v.enabled");
        file.At(@for.Span).Should().Be("1:1-1:47");

        var tuple = (HclForExpression)Expression("[\n  for s in var.subnets :\n  s.id\n  if s.public\n]");
        tuple.IsObject.Should().BeFalse();
        tuple.KeyVariable.Should().BeNull();
        tuple.ValueResult.ToString().Should().Be("s.id");
    }

    [Fact]
    public void Newlines_are_ignored_inside_brackets_and_parentheses_but_end_attributes()
    {
        HclFile file = ParseClean("a = (\n  1 +\n  2\n)\nb = [\n  x ? 1 :\n  2\n]\nc = 1\n");
        file.Body.Attributes.Select(a => a.Name).Should().Equal("a", "b", "c");
        Parse("a = 1\n+ 2\n").Diagnostics.Should().NotBeEmpty("a line cannot start with an operator");
    }

    [Fact]
    public void Conditional_parts_and_spans()
    {
        var file = new SourceFile("e.hcl", "var.on ? \"yes\" : \"no\"");
        var conditional = (HclConditionalExpression)HclParser.ParseExpression(file).Expression;
        conditional.Condition.ToString().Should().Be("var.on");
        conditional.TrueResult.AsStringLiteral().Should().Be("yes");
        file.At(conditional.FalseResult.Span).Should().Be("1:18-1:22");
    }

    [Fact]
    public void For_is_a_keyword_only_at_the_start_of_a_collection()
    {
        Parse("a = [for, b]\n").Diagnostics.Should().NotBeEmpty();
        Expression("[(for), b]").Should().BeOfType<HclTupleExpression>();
        Expression("{ \"for\" = 1, baz = 2 }").Should().BeOfType<HclObjectExpression>();
        Expression("{ baz = 2, for = 1 }").Should().BeOfType<HclObjectExpression>().Which.Items[1].KeyName.Should().Be("for");
    }

    [Fact]
    public void References_skip_for_variables_and_render_as_rules_print_them()
    {
        HclExpression expression = Expression("{ for k, v in var.x : k => merge(v, local.defaults) if v.enabled && var.on }");
        HclTraversal.References(expression).Select(r => r.ToString()).Should().Equal("var.x", "local.defaults", "var.on");
        HclTraversal.AsReference(Expression("\"${var.db_password}\"")).Should().Be("var.db_password");
        HclTraversal.AsReference(Expression("(var.a)")).Should().Be("var.a");
        HclTraversal.AsReference(Expression("\"x${var.a}\"")).Should().BeNull();
        HclTraversal.References(Expression("\"%{ for ip in var.ips }${ip} ${local.sep}%{ endfor }\"")).Select(r => r.ToString()).Should().Equal("var.ips", "local.sep");
    }

    [Fact]
    public void Children_and_descendants_walk_the_tree_in_source_order()
    {
        HclFile file = ParseClean("a = f(x, [y, { k = z }])\n");
        file.Body.AllExpressions().OfType<HclScopeTraversalExpression>().Select(t => t.ToString()).Should().Equal("x", "y", "k", "z");
        file.Body.DescendantsAndSelf().First().Should().BeSameAs(file.Body);
    }

    [Fact]
    public void Parse_expression_reports_extra_text()
    {
        HclExpressionParseResult result = HclParser.ParseExpression(new SourceFile("e.hcl", "1 + 2 3"));
        result.Diagnostics.Should().ContainSingle().Which.Message.Should().StartWith("Extra characters");
    }
}
