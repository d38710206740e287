using OpsTower.Policy.Formats.Hcl;
using OpsTower.Policy.Text;
using static OpsTower.Policy.Tests.Formats.Hcl.HclTestSupport;

namespace OpsTower.Policy.Tests.Formats.Hcl;

public sealed class HclEvaluatorTests
{
    private static readonly HclValue Instances = HclValue.Tuple(new[]
    {
        Obj(("id", HclValue.FromString("i-1")), ("tags", Obj(("env", HclValue.FromString("prod"))))),
        Obj(("id", HclValue.FromString("i-2")), ("tags", Obj(("env", HclValue.FromString("dev"))))),
    });

    private static HclValue Obj(params (string Name, HclValue Value)[] attributes) =>
        HclValue.Object(attributes.Select(a => new KeyValuePair<string, HclValue>(a.Name, a.Value)));

    private static HclValue? Variables(string name) => name switch
    {
        "instances" => Instances,
        "var" => Obj(("x", Obj(("a", Obj(("enabled", HclValue.True))), ("b", Obj(("enabled", HclValue.False))))), ("n", HclValue.FromNumber(3))),
        "nothing" => HclValue.Null,
        _ => null,
    };

    private static string Eval(string expression) => Evaluate(expression, Variables).ToHclString();

    [Theory]
    [InlineData("\"a\" == \"a\"", "true")]
    [InlineData("\"1\" == 1", "false")]
    [InlineData("\"true\" != true", "true")]
    [InlineData("1 == 1.0", "true")]
    [InlineData("[1, \"a\"] == [1, \"a\"]", "true")]
    [InlineData("1 < 2", "true")]
    [InlineData("2 <= 1", "false")]
    [InlineData("1 >= 1", "true")]
    [InlineData("2 + 3.5", "5.5")]
    [InlineData("3.5 - 2", "1.5")]
    [InlineData("2 - 3.5", "-1.5")]
    [InlineData("2 * 4.5", "9")]
    [InlineData("1 / 10", "0.1")]
    [InlineData("11 % 5", "1")]
    [InlineData("11 % 5.1", "0.8")]
    [InlineData("\"2\" * 3", "6")]
    [InlineData("-var.n", "-3")]
    [InlineData("true && false || !false", "true")]
    [InlineData("true ? \"a\" : \"b\"", "\"a\"")]
    [InlineData("false ? \"a\" : \"b\"", "\"b\"")]
    [InlineData("3.14159265358979323846264338327950288419716939937510582097494459 + 1", "4.1415926535897932384626433833")]
    public void Operators_evaluate_as_the_spec_suite_expects(string expression, string expected)
    {
        Eval(expression).Should().Be(expected);
    }

    [Theory]
    [InlineData("[1, \"two\", [true]]", "[1, \"two\", [true]]")]
    [InlineData("{ b = 1, \"a\" = 2 }", "{ \"a\" = 2, \"b\" = 1 }")]
    [InlineData("[for i, v in [\"a\", \"b\"] : i]", "[0, 1]")]
    [InlineData("{for i, v in [\"a\", \"b\"] : v => i}", "{ \"a\" = 0, \"b\" = 1 }")]
    [InlineData("{for i, v in [\"a\", \"a\", \"b\"] : v => i...}", "{ \"a\" = [0, 1], \"b\" = [2] }")]
    [InlineData("[for i, v in [\"a\", \"b\", \"c\"] : v if i < 2]", "[\"a\", \"b\"]")]
    [InlineData("{ for k, v in var.x : k => v if v.enabled }", "{ \"a\" = { \"enabled\" = true } }")]
    [InlineData("instances[*].id", "[\"i-1\", \"i-2\"]")]
    [InlineData("instances.*.tags.env", "[\"prod\", \"dev\"]")]
    [InlineData("instances[1].tags[\"env\"]", "\"dev\"")]
    [InlineData("instances.0.id", "\"i-1\"")]
    [InlineData("instances[var.n - 2].id", "\"i-2\"")]
    [InlineData("nothing[*]", "[]")]
    [InlineData("var.n[*]", "[3]")]
    [InlineData("{ (\"k\") = 1 }[\"k\"]", "1")]
    public void Collections_for_expressions_splats_and_indexes(string expression, string expected)
    {
        Eval(expression).Should().Be(expected);
    }

    [Theory]
    [InlineData("unknown_root.thing")]
    [InlineData("unknown_root.a.b + 1")]
    [InlineData("[for x in missing : x]")]
    [InlineData("missing ? 1 : 2")]
    [InlineData("\"prefix-${missing}\"")]
    [InlineData("upper(\"a\")")]
    [InlineData("missing[*].id")]
    public void Unknown_stays_unknown(string expression)
    {
        Evaluate(expression, Variables).IsKnown.Should().BeFalse();
    }

    [Fact]
    public void Known_parts_of_collections_stay_known_and_logic_short_circuits()
    {
        HclValue tuple = Evaluate("[1, missing]", Variables);
        tuple.IsKnown.Should().BeFalse("a tuple with an unknown element is unknown as a whole here");
        Eval("false && missing").Should().Be("false");
        Eval("true || missing").Should().Be("true");
        Evaluate("missing == 1", Variables).IsKnown.Should().BeFalse();
    }

    [Fact]
    public void Functions_come_from_the_callback_with_expanded_arguments()
    {
        var calls = new List<string>();
        var evaluator = new HclExpressionEvaluator(functions: (name, args) =>
        {
            calls.Add(name + "(" + string.Join(", ", args.Select(a => a.ToHclString())) + ")");
            return name == "max" ? HclValue.FromNumber(args.Max(a => a.AsNumber())) : null;
        });
        evaluator.Evaluate(Expression("max(1, [5, 3]...)")).Should().Be(HclValue.FromNumber(5));
        evaluator.Evaluate(Expression("provider::x::f(1)")).IsKnown.Should().BeFalse();
        calls.Should().Equal("max(1, 5, 3)", "provider::x::f(1)");
    }

    [Theory]
    [InlineData("1 / 0", "1:5-1:6", "Division by zero")]
    [InlineData("\"a\" + 1", "1:1-1:4", "number is required")]
    [InlineData("1 ? 2 : 3", "1:1-1:2", "bool is required")]
    [InlineData("[1][5]", "1:4-1:7", "Invalid index")]
    [InlineData("{ a = 1 }.b", "1:10-1:12", "no attribute named \"b\"")]
    [InlineData("\"a${null}\"", "1:3-1:10", "null")]
    [InlineData("\"a${[1]}\"", "1:3-1:9", "string template")]
    [InlineData("{for v in [\"a\", \"a\"] : v => 1}", "1:24-1:25", "Duplicate object key")]
    [InlineData("[for v in 5 : v]", "1:11-1:12", "non-collection")]
    public void Type_errors_are_reported_at_the_offending_expression(string expression, string expectedSpan, string messagePart)
    {
        var source = new SourceFile("e.hcl", expression);
        HclExpressionParseResult parsed = HclParser.ParseExpression(source);
        var evaluator = new HclExpressionEvaluator();
        evaluator.Evaluate(parsed.Expression);
        evaluator.Diagnostics.Should().NotBeEmpty();
        source.At(evaluator.Diagnostics[0].Span).Should().Be(expectedSpan);
        evaluator.Diagnostics[0].Message.Should().Contain(messagePart);
    }

    [Fact]
    public void Values_compare_structurally_and_render_as_hcl()
    {
        HclValue a = Obj(("x", HclValue.Tuple(new[] { HclValue.FromNumber(1.50m), HclValue.FromString("q\"") })));
        HclValue b = Obj(("x", HclValue.Tuple(new[] { HclValue.FromNumber(1.5m), HclValue.FromString("q\"") })));
        a.Should().Be(b);
        a.ToHclString().Should().Be("{ \"x\" = [1.5, \"q\\\"\"] }");
        HclValue.Null.Should().NotBe(HclValue.Unknown);
        Obj(("x", HclValue.Unknown)).IsWhollyKnown.Should().BeFalse();
    }
}
