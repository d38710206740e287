using OpsTower.Policy.Formats.Hcl;
using static OpsTower.Policy.Tests.Formats.Terraform.TerraformTestSupport;

namespace OpsTower.Policy.Tests.Formats.Terraform;

public sealed class TerraformFunctionTests
{
    [Theory]
    [InlineData("merge({ a = 1, b = 2 }, { b = 3 }, null)", "{ a = 1, b = 3 }")]
    [InlineData("concat([1], [], [2, 3])", "[1, 2, 3]")]
    [InlineData("lookup({ a = \"x\" }, \"a\", \"d\")", "\"x\"")]
    [InlineData("lookup({ a = \"x\" }, \"b\", \"d\")", "\"d\"")]
    [InlineData("coalesce(null, \"\", \"first\", \"second\")", "\"first\"")]
    [InlineData("coalescelist([], [1])", "[1]")]
    [InlineData("format(\"%s-%03d-%.1f-%t-%q\", \"db\", 7, 1.26, true, \"x\")", "\"db-007-1.3-true-\\\"x\\\"\"")]
    [InlineData("formatlist(\"%s:%d\", [\"a\", \"b\"], 80)", "[\"a:80\", \"b:80\"]")]
    [InlineData("join(\",\", [\"a\", \"b\"], [\"c\"])", "\"a,b,c\"")]
    [InlineData("split(\",\", \"a,b,,c\")", "[\"a\", \"b\", \"\", \"c\"]")]
    [InlineData("length(\"abc\") + length([1, 2]) + length({ a = 1 })", "6")]
    [InlineData("contains([\"a\", \"b\"], \"b\")", "true")]
    [InlineData("tolist(toset([\"b\", \"a\", \"b\"]))", "[\"a\", \"b\"]")]
    [InlineData("tomap({ a = 1 })", "{ a = 1 }")]
    [InlineData("jsonencode({ b = [1, true, null], a = \"<x>\" })", "\"{\\\"a\\\":\\\"\\\\u003cx\\\\u003e\\\",\\\"b\\\":[1,true,null]}\"")]
    [InlineData("lower(\"ABC\")", "\"abc\"")]
    [InlineData("upper(\"abc\")", "\"ABC\"")]
    [InlineData("title(\"ops tower\")", "\"Ops Tower\"")]
    [InlineData("flatten([[1, [2]], 3])", "[1, 2, 3]")]
    [InlineData("element([\"a\", \"b\"], 3)", "\"b\"")]
    [InlineData("zipmap([\"a\", \"b\"], [1, 2])", "{ a = 1, b = 2 }")]
    [InlineData("range(3)", "[0, 1, 2]")]
    [InlineData("keys({ b = 1, a = 2 })", "[\"a\", \"b\"]")]
    [InlineData("values({ b = 1, a = 2 })", "[2, 1]")]
    [InlineData("distinct([1, 2, 1])", "[1, 2]")]
    [InlineData("compact([\"a\", \"\", null])", "[\"a\"]")]
    [InlineData("slice([1, 2, 3, 4], 1, 3)", "[2, 3]")]
    [InlineData("replace(\"a-b-c\", \"-\", \"_\")", "\"a_b_c\"")]
    [InlineData("substr(\"terraform\", 0, 5)", "\"terra\"")]
    [InlineData("trimprefix(\"ops-tower\", \"ops-\")", "\"tower\"")]
    [InlineData("trimsuffix(\"main.tf\", \".tf\")", "\"main\"")]
    [InlineData("max(1, 5, 3) + min([4, 2])", "7")]
    [InlineData("tonumber(\"42\") + 1", "43")]
    [InlineData("tobool(\"true\")", "true")]
    [InlineData("tostring(5)", "\"5\"")]
    [InlineData("one([\"x\"])", "\"x\"")]
    [InlineData("alltrue([true, \"true\"])", "true")]
    [InlineData("anytrue([false])", "false")]
    [InlineData("setsubtract([\"a\", \"b\"], [\"a\"])", "[\"b\"]")]
    [InlineData("startswith(\"arn:aws\", \"arn:\")", "true")]
    [InlineData("strcontains(\"sslmode=require\", \"sslmode\")", "true")]
    [InlineData("base64decode(base64encode(\"vault\"))", "\"vault\"")]
    [InlineData("chunklist([1, 2, 3], 2)", "[[1, 2], [3]]")]
    public void Built_in_functions_compute_as_terraform_does(string expression, string expected) =>
        Evaluate(expression).Should().Be(Value(expected));

    [Theory]
    [InlineData("try(local.settings.missing, \"fallback\")", "\"fallback\"")]
    [InlineData("try(local.settings.retention, 7)", "3")]
    [InlineData("try(lookup(local.settings, \"absent\"), \"no default\")", "\"no default\"")]
    [InlineData("try(local.settings[\"x\"].y, try(local.list[5], \"inner\"))", "\"inner\"")]
    [InlineData("[for k, v in local.maps : try(v.enabled, false)]", "[true, false]")]
    [InlineData("can(local.settings.retention)", "true")]
    [InlineData("can(local.settings.missing)", "false")]
    [InlineData("can(tonumber(\"x\"))", "false")]
    public void Try_and_can_skip_arguments_that_fail(string expression, string expected)
    {
        var project = Project(("main.tf", $$"""
            locals {
              settings = { retention = 3 }
              list     = [1]
              maps     = { a = { enabled = true }, b = {} }
              x        = {{expression}}
            }
            """));
        project.Local("x").Should().Be(Value(expected));
    }

    [Theory]
    [InlineData("try(var.unknown.attribute, false)")]
    [InlineData("can(var.unknown.attribute)")]
    [InlineData("merge(var.unknown, { a = 1 })")]
    [InlineData("length(var.unknown)")]
    [InlineData("format(\"%s\", var.unknown)")]
    [InlineData("file(\"policy.json\")")]
    [InlineData("replace(\"abc\", \"/b/\", \"x\")")]
    [InlineData("provider::aws::arn_parse(\"arn:aws:s3:::x\")")]
    public void An_unknown_argument_or_an_unsupported_function_gives_unknown(string expression)
    {
        var project = Project(("main.tf", $"variable \"unknown\" {{}}\n\nlocals {{\n  x = {expression}\n}}\n"));
        project.Local("x").IsKnown.Should().BeFalse();
    }

    [Fact]
    public void A_try_whose_arguments_all_fail_fails_for_an_enclosing_try() =>
        Project(("main.tf", "locals {\n  m = {}\n  x = try(try(local.m.a, local.m.b), \"outer\")\n}\n")).Local("x").Should().Be(HclValue.FromString("outer"));
}
