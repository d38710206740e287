using OpsTower.Policy.Formats.Hcl;
using OpsTower.Policy.Formats.Terraform;
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
    [InlineData("""jsondecode("{\"hello\": \"world\"}")""", "{ hello = \"world\" }")]
    [InlineData("""jsondecode("[22, 443.5, true, null, {\"a\": [\"x\"]}]")""", "[22, 443.5, true, null, { a = [\"x\"] }]")]
    [InlineData("""jsondecode("\"text\"")""", "\"text\"")]
    [InlineData("""jsondecode(jsonencode({ port = 22, cidrs = ["0.0.0.0/0"] })).port""", "22")]
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
    [InlineData("uuid()")]
    [InlineData("timestamp()")]
    [InlineData("bcrypt(\"secret\")")]
    [InlineData("provider::aws::arn_parse(\"arn:aws:s3:::x\")")]
    public void An_unknown_argument_or_an_unsupported_function_gives_unknown(string expression)
    {
        var project = Project(("main.tf", $"variable \"unknown\" {{}}\n\nlocals {{\n  x = {expression}\n}}\n"));
        project.Local("x").IsKnown.Should().BeFalse();
    }

    [Fact]
    public void A_try_whose_arguments_all_fail_fails_for_an_enclosing_try() =>
        Project(("main.tf", "locals {\n  m = {}\n  x = try(try(local.m.a, local.m.b), \"outer\")\n}\n")).Local("x").Should().Be(HclValue.FromString("outer"));

    // Values from Terraform's function documentation.
    [Theory]
    [InlineData("""cidrsubnet("172.16.0.0/12", 4, 2)""", "\"172.18.0.0/16\"")]
    [InlineData("""cidrsubnet("10.1.2.0/24", 4, 15)""", "\"10.1.2.240/28\"")]
    [InlineData("""cidrsubnet("fd00:fd12:3456:7890::/56", 16, 162)""", "\"fd00:fd12:3456:7800:a200::/72\"")]
    [InlineData("""cidrsubnet("10.1.2.3/16", 8, "1")""", "\"10.1.1.0/24\"")]
    [InlineData("""cidrsubnet("010.001.0.0/16", 8, 1)""", "\"10.1.1.0/24\"")]
    [InlineData("""cidrsubnet("10.0.0.0/8", 0, 0)""", "\"10.0.0.0/8\"")]
    [InlineData("""cidrhost("10.12.112.0/20", 16)""", "\"10.12.112.16\"")]
    [InlineData("""cidrhost("10.12.112.0/20", 268)""", "\"10.12.113.12\"")]
    [InlineData("""cidrhost("fd00:fd12:3456:7890:00a2::/72", 34)""", "\"fd00:fd12:3456:7890::22\"")]
    [InlineData("""cidrhost("10.0.0.0/24", -1)""", "\"10.0.0.255\"")]
    [InlineData("""cidrhost("2001:db8::/126", -4)""", "\"2001:db8::\"")]
    [InlineData("""cidrnetmask("172.16.0.0/12")""", "\"255.240.0.0\"")]
    [InlineData("""cidrnetmask("10.0.0.0/32")""", "\"255.255.255.255\"")]
    [InlineData("""cidrsubnets("10.1.0.0/16", 4, 4, 8, 4)""", """["10.1.0.0/20", "10.1.16.0/20", "10.1.32.0/24", "10.1.48.0/20"]""")]
    [InlineData("""cidrsubnets("fd00:fd12:3456:7890::/56", 16, 16, 16, 32)""", """["fd00:fd12:3456:7800::/72", "fd00:fd12:3456:7800:100::/72", "fd00:fd12:3456:7800:200::/72", "fd00:fd12:3456:7800:300::/88"]""")]
    [InlineData("""cidrsubnets("10.0.0.0/24")""", "[]")]
    [InlineData("""cidrsubnets("10.0.0.0/24", 1, 1)""", """["10.0.0.0/25", "10.0.0.128/25"]""")]
    [InlineData("""[for cidr in cidrsubnets("10.1.0.0/16", 4, 4) : cidrsubnets(cidr, 4, 4)]""", """[["10.1.0.0/24", "10.1.1.0/24"], ["10.1.16.0/24", "10.1.17.0/24"]]""")]
    public void Cidr_functions_compute_as_terraform_does(string expression, string expected) =>
        Evaluate(expression).Should().Be(Value(expected));

    [Theory]
    [InlineData("""cidrsubnet("10.0.0.0/30", 3, 0)""")]
    [InlineData("""cidrsubnet("10.0.0.0/24", 2, 4)""")]
    [InlineData("""cidrsubnet("10.0.0.0/24", 2, -1)""")]
    [InlineData("""cidrsubnet("10.0.0.0/24", -1, 0)""")]
    [InlineData("""cidrsubnet("10.0.0.0/24", 1.5, 0)""")]
    [InlineData("""cidrsubnet("10.0.0.0", 8, 0)""")]
    [InlineData("""cidrsubnet("10.0.0.0/33", 1, 0)""")]
    [InlineData("""cidrsubnet("10.0.0.256/8", 8, 0)""")]
    [InlineData("""cidrsubnet("1.2.3.4.5/8", 8, 0)""")]
    [InlineData("""cidrsubnet("fd00::1::/64", 8, 0)""")]
    [InlineData("""cidrsubnet("fe80::1%eth0/64", 8, 0)""")]
    [InlineData("""cidrsubnet("fd00:0:0:0:0:0:0:0:0/64", 8, 0)""")]
    [InlineData("""cidrsubnet("10.0.0.0/8", 8)""")]
    [InlineData("""cidrhost("10.0.0.0/30", 4)""")]
    [InlineData("""cidrhost("10.0.0.0/30", -5)""")]
    [InlineData("""cidrnetmask("fd00::/8")""")]
    [InlineData("""cidrsubnets("10.0.0.0/24", 0)""")]
    [InlineData("""cidrsubnets("10.0.0.0/8", 33)""")]
    [InlineData("""cidrsubnets("10.0.0.0/24", 9)""")]
    [InlineData("""cidrsubnets("10.0.0.0/24", 1, 1, 1)""")]
    [InlineData("""cidrsubnets("10.0.0.0/24", 2, 1, 2)""")]
    [InlineData("""regex("[a-z]+", "53453453.34534523454")""")]
    [InlineData("""regex("(?P<a>x)(y)", "xy")""")]
    [InlineData("""regexall("(?P<a>x)(y)", "none")""")]
    [InlineData("""regex("(", "x")""")]
    [InlineData("""regex("x{1001}", "x")""")]
    [InlineData("""regex("(?P<a>x)(?P<a>y)", "xy")""")]
    [InlineData("""replace("abc", "/[/", "x")""")]
    [InlineData("""sha256()""")]
    [InlineData("""md5("a", "b")""")]
    [InlineData("""jsondecode("{\"a\": ")""")]
    [InlineData("""jsondecode("")""")]
    public void Function_errors_fail_the_call_so_try_moves_on(string expression)
    {
        Evaluate(expression).IsKnown.Should().BeFalse();
        Evaluate($"try({expression}, \"fallback\")").Should().Be(HclValue.FromString("fallback"));
        Evaluate($"can({expression})").Should().Be(HclValue.False);
    }

    [Theory]
    [InlineData("""regex("[a-z]+", "53453453.345345aaabbbccc23454")""", "\"aaabbbccc\"")]
    [InlineData("""regex("(\\d\\d\\d\\d)-(\\d\\d)-(\\d\\d)", "2019-02-01")""", """["2019", "02", "01"]""")]
    [InlineData("""regex("^(?:(?P<scheme>[^:/?#]+):)?(?://(?P<authority>[^/?#]*))?", "https://terraform.io/docs/")""", """{ authority = "terraform.io", scheme = "https" }""")]
    [InlineData("""regex("(?<key>\\w+)=(?<value>\\w*)", "sslmode=require")""", """{ key = "sslmode", value = "require" }""")]
    [InlineData("""regex("a(b)?c", "ac")""", """[""]""")]
    [InlineData("""regexall("[a-z]+", "1234abcd5678efgh9")""", """["abcd", "efgh"]""")]
    [InlineData("""length(regexall("[a-z]+", "123456789")) > 0""", "false")]
    [InlineData("""regexall("(\\w)=(\\d)", "a=1,b=2")""", """[["a", "1"], ["b", "2"]]""")]
    [InlineData("""regexall("x*", "abc")""", """["", "", "", ""]""")]
    [InlineData("""regexall("a*", "baaac")""", """["", "aaa", ""]""")]
    [InlineData("""regexall("\\d", "1\u0663")""", """["1"]""")]
    [InlineData("""regexall("\\s", "a\u00a0b c")""", """[" "]""")]
    [InlineData("""regexall("a$", "a\n")""", "[]")]
    [InlineData("""regexall("(?m)^\\w+$", "ab\ncd")""", """["ab", "cd"]""")]
    [InlineData("""regex("(?i)HELLO", "say hello")""", "\"hello\"")]
    [InlineData("""regex("[[:digit:]]+", "ab12")""", "\"12\"")]
    [InlineData("""regex("[^[:alpha:]\\d]+", "ab-+12")""", "\"-+\"")]
    [InlineData("""regex("\\Qa.b\\E", "axb a.b")""", "\"a.b\"")]
    [InlineData("""regex("\\bis\\b", "this is")""", "\"is\"")]
    [InlineData("""regex("\\x{41}\\x42", "AB")""", "\"AB\"")]
    [InlineData("""regex("\\p{Lu}+", "abCDe")""", "\"CD\"")]
    [InlineData("""regex("a{2}", "a{2}aa")""", "\"aa\"")]
    [InlineData("""regex("a{,2}", "a{,2}")""", "\"a{,2}\"")]
    [InlineData("""replace("hello world", "/w.*d/", "everybody")""", "\"hello everybody\"")]
    [InlineData("""replace("1 + 2 + 3", "+", "-")""", "\"1 - 2 - 3\"")]
    [InlineData("""replace("a-b-c", "-", "_")""", "\"a_b_c\"")]
    [InlineData("""replace("abc", "", "-")""", "\"-a-b-c-\"")]
    [InlineData("""replace("baaac", "/a*/", "-")""", "\"-b-c-\"")]
    [InlineData("""replace("2019-02-01", "/(\\d+)-(\\d+)/", "$2.$1")""", "\"02.2019-01\"")]
    [InlineData("""replace("2019-02", "/(?P<y>\\d+)-(?P<m>\\d+)/", "$${m}/$${y}")""", "\"02/2019\"")]
    [InlineData("""replace("x", "/(x)/", "$1y")""", "\"\"")]
    [InlineData("""replace("x", "/(x)/", "$${1}y")""", "\"xy\"")]
    [InlineData("""replace("a.b", "/\\./", "$$")""", "\"a$b\"")]
    [InlineData("""replace("ab", "/b/", "$")""", "\"a$\"")]
    [InlineData("""replace("ab", "/b/", "$0$0")""", "\"abb\"")]
    [InlineData("""replace("ab", "/b/", "$9")""", "\"a\"")]
    public void Regular_expressions_follow_re2_and_go(string expression, string expected) =>
        Evaluate(expression).Should().Be(Value(expected));

    [Theory]
    [InlineData("""regex("(a)\\1", "aa")""")]
    [InlineData("""regex("a(?=b)", "ab")""")]
    [InlineData("""regex("(?<!b)a", "ab")""")]
    [InlineData("""regex("(?>a)", "a")""")]
    [InlineData("""regex("(?U)a+", "aa")""")]
    [InlineData("""regex("a(?m)$", "a")""")]
    [InlineData("""regex("\\p{Greek}", "α")""")]
    [InlineData("""regex("[\\D]", "a")""")]
    [InlineData("""regex("[a-z-[aeiou]]", "b")""")]
    [InlineData("""regex("\\Z", "a")""")]
    [InlineData("""regex("\\k<x>", "a")""")]
    public void Patterns_that_re2_reads_otherwise_are_unknown_not_errors(string expression)
    {
        Evaluate(expression).IsKnown.Should().BeFalse();
        Evaluate($"can({expression})").IsKnown.Should().BeFalse("an untranslated pattern is unknown, not an error");
    }

    [Theory]
    [InlineData("""md5("hello world")""", "5eb63bbbe01eeed093cb22bb8f5acdc3")]
    [InlineData("""sha1("hello world")""", "2aae6c35c94fcfb415dbe95f408b9ce91ee846ed")]
    [InlineData("""sha256("hello world")""", "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9")]
    [InlineData("""sha512("hello world")""", "309ecc489c12d6eb4cc40f50c902f2b4d0ed77ee511a7c7a9bcd3ca86d4cd86f989dd35bc5ff499670da34255b45b0cfd830e81f605dcf7dc5542e93ae9cd76f")]
    [InlineData("""base64sha256("hello world")""", "uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=")]
    [InlineData("""base64sha512("hello world")""", "MJ7MSJwS1utMxA9QyQLytNDtd+5RGnx6m808qG1M2G+YndNbxf9JlnDaNCVbRbDP2DDoH2Bdz33FVC6TrpzXbw==")]
    [InlineData("""sha256("é")""", "4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c")]
    public void Hashes_digest_the_utf8_bytes(string expression, string expected) =>
        Evaluate(expression).Should().Be(HclValue.FromString(expected));

    /// <summary>Any arguments, however wrong: a value or unknown, never an exception.</summary>
    [Fact]
    public void Weird_arguments_never_throw()
    {
        string[] names =
        {
            "regex", "regexall", "replace", "md5", "sha1", "sha256", "sha512", "base64sha256", "base64sha512",
            "cidrsubnet", "cidrhost", "cidrnetmask", "cidrsubnets", "file", "fileexists", "filebase64", "filesha256", "fileset", "templatefile",
        };
        HclValue[] samples =
        {
            HclValue.Null, HclValue.Unknown, HclValue.True, HclValue.FromNumber(-1), HclValue.FromNumber(1.5m), HclValue.FromNumber(1e20m),
            HclValue.FromString(""), HclValue.FromString("/"), HclValue.FromString("/(/"), HclValue.FromString("::/0"), HclValue.FromString("0.0.0.0/0"),
            HclValue.FromString("[[:x:]]"), HclValue.FromString("\\"), HclValue.FromString("$"), HclValue.FromString("{"), HclValue.FromString("(?P<"),
            HclValue.FromString("../.."), HclValue.FromString("**"), HclValue.FromString("[!"), HclValue.FromString("\\x{110000}"),
            HclValue.EmptyTuple, HclValue.Tuple(new[] { HclValue.FromNumber(1) }), HclValue.Object(new Dictionary<string, HclValue> { ["1x"] = HclValue.True }),
        };
        var files = new TerraformFileContext(new TerraformFiles(new[] { new OpsTower.Policy.Text.SourceFile("a.tf", "${") }, isComplete: true), "");
        // Every sample in every position of up to two arguments, and a few third arguments (cidrsubnet, replace…).
        var third = new[] { HclValue.FromNumber(0), HclValue.FromString("x"), HclValue.Unknown, HclValue.EmptyTuple };
        var argumentLists = new List<HclValue[]> { Array.Empty<HclValue>() };
        foreach (HclValue first in samples)
        {
            argumentLists.Add(new[] { first });
            foreach (HclValue second in samples)
            {
                argumentLists.Add(new[] { first, second });
                argumentLists.AddRange(third.Select(t => new[] { first, second, t }));
            }
        }
        foreach (string name in names)
        foreach (var args in argumentLists)
        {
            var call = () => TerraformFunctions.Call(name, args, files, out _);
            call.Should().NotThrow($"{name} with {args.Length} argument(s) must not throw");
        }
    }
}
