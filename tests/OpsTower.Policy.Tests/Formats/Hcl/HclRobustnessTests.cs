using System.Text;
using CsCheck;
using OpsTower.Policy.Formats.Hcl;
using OpsTower.Policy.Text;
using static OpsTower.Policy.Tests.Formats.Hcl.HclTestSupport;

namespace OpsTower.Policy.Tests.Formats.Hcl;

public sealed class HclRobustnessTests
{
    /// <summary>Runs on a thread with a 1 MB stack, the smallest a host is likely to give, to prove the parser cannot overflow it.</summary>
    private static T OnSmallStack<T>(Func<T> work) => OnThread(work, 1024 * 1024);

    private static T OnThread<T>(Func<T> work, int stackSize)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = work();
            }
            catch (Exception e)
            {
                failure = e;
            }
        }, stackSize);
        thread.Start();
        thread.Join();
        if (failure is not null) throw new InvalidOperationException("The parser threw.", failure);
        return result;
    }

    [Theory]
    [InlineData("[", "]")]
    [InlineData("(", ")")]
    [InlineData("{", "}")]
    [InlineData("-", "")]
    [InlineData("!", "")]
    [InlineData("\"${", "}\"")]
    [InlineData("a ? b : ", "")]
    [InlineData("f(", ")")]
    public void Deep_nesting_is_reported_once_at_its_position_without_overflowing(string open, string close)
    {
        const int levels = 100_000;
        string text = "x = " + string.Concat(Enumerable.Repeat(open, levels)) + "1" + string.Concat(Enumerable.Repeat(close, levels)) + "\ny = 2\n";
        HclFile file = OnSmallStack(() => Parse(text));
        ParseDiagnostic tooDeep = file.Diagnostics.Should().ContainSingle(d => d.Message.StartsWith("Nesting too deep")).Subject;
        file.File.GetPosition(tooDeep.Span.Start).Line.Should().Be(1);
        file.Body.GetAttribute("y").Should().NotBeNull("parsing goes on after the deep part");
        AssertSpansNested(file.File, file.Body, file.Diagnostics);
        OnSmallStack(() => new HclExpressionEvaluator().Evaluate(file.Body.GetAttribute("x")!.Expression));
    }

    [Theory]
    [InlineData("[")]
    [InlineData("(")]
    [InlineData("{")]
    [InlineData("a {\n")]
    [InlineData("\"${")]
    [InlineData("<<EOT\n${")]
    [InlineData("%{ if x }")]
    public void Unclosed_deep_nesting_does_not_overflow(string open)
    {
        string text = "x = " + string.Concat(Enumerable.Repeat(open, 100_000));
        HclFile file = OnSmallStack(() => Parse(text));
        file.Diagnostics.Should().NotBeEmpty();
        AssertSpansNested(file.File, file.Body, file.Diagnostics);
    }

    [Fact]
    public void Deeply_nested_blocks_are_cut_at_the_limit()
    {
        string text = string.Concat(Enumerable.Repeat("a {\n", 600)) + string.Concat(Enumerable.Repeat("}\n", 600)) + "b = 1\n";
        // A roomy stack, so that the nesting limit rather than the stack guard cuts the nesting.
        HclFile file = OnThread(() => Parse(text), 64 * 1024 * 1024);
        file.Diagnostics.Should().ContainSingle().Which.Message.Should().StartWith("Nesting too deep");
        file.At(file.Diagnostics[0].Span).Should().Be($"{HclParser.MaxNestingDepth + 1}:3-{HclParser.MaxNestingDepth + 1}:4");
        file.Body.GetAttribute("b").Should().NotBeNull();
    }

    [Fact]
    public void Long_operator_chains_are_bounded_in_tree_height()
    {
        string text = "x = " + string.Join(" + ", Enumerable.Repeat("1", 5_000)) + "\n";
        HclFile file = OnSmallStack(() => Parse(text));
        file.Diagnostics.Should().ContainSingle().Which.Message.Should().StartWith("Nesting too deep");
        OnSmallStack(() => new HclExpressionEvaluator().Evaluate(file.Body.Attributes[0].Expression)).IsKnown.Should().BeFalse();
    }

    [Fact]
    public void A_one_megabyte_line_parses()
    {
        var builder = new StringBuilder("x = [");
        while (builder.Length < 1_000_000) builder.Append("\"item\", 12.5, var.a.b[0], ");
        builder.Append("true]");
        HclFile file = ParseClean(builder.ToString());
        ((HclTupleExpression)file.Body.Attributes[0].Expression).Elements.Count.Should().BeGreaterThan(30_000);

        string longString = "y = \"" + new string('z', 1_000_000) + "\"";
        ParseClean(longString).Body.Attributes[0].Expression.AsStringLiteral()!.Length.Should().Be(1_000_000);
    }

    private static readonly string[] Fragments =
    {
        "a", "b_c", "d-e", "föo", "=", " = ", "\n", "\r\n", " ", "\t", "{", "}", "[", "]", "(", ")", ",", ".", "...", "*", "[*]", ".*",
        "\"", "\"x\"", "\"${", "${", "%{", "~}", "}", "\\", "\\n", "\\u00", "$${", "%%{", "<<EOT\n", "<<-EOT\n", "EOT\n", "  EOT", "#", "//", "/*", "*/",
        "1", "2.5", "1e", "0.0", "true", "null", "for", "in", "if", "endif", "endfor", "else", "=>", ":", "::", "?", "!", "-", "+", "&&", "||",
        "==", "<=", "'", "@", "\u00e9", "\ud83d\ude00", "\ud800", "\uFEFF", "\0", "provider::aws::f(",
    };

    private static readonly Gen<string> HclLikeText =
        Gen.OneOf(Fragments).Array[0, 60].Select(parts => string.Concat(parts));

    private static readonly Gen<string> MutatedSnippet =
        Gen.Select(Gen.Int[0, 4000], Gen.Int[0, 4], Gen.OneOf(Fragments), (position, deleted, inserted) =>
        {
            string snippet = RealWorldSnippet;
            int at = Math.Min(position, snippet.Length);
            int remove = Math.Min(deleted, snippet.Length - at);
            return snippet.Remove(at, remove).Insert(at, inserted);
        });

    private const string RealWorldSnippet = """
        resource "aws_s3_bucket" "b" {
          bucket = "${var.prefix}-logs"
          tags   = merge(local.tags, { Name = "x" })
          dynamic "rule" {
            for_each = { for k, v in var.rules : k => v if v.on }
            content { id = rule.key }
          }
          policy = <<-EOT
            %{ for a in var.arns ~}
            ${a}
            %{ endfor ~}
          EOT
          count = var.on ? 1 : 0
          ids   = aws_instance.web[*].id
        }
        """;

    private static void CheckInvariants(string text)
    {
        var source = new SourceFile("random.tf", text);
        HclFile file = HclParser.Parse(source);
        AssertSpansNested(source, file.Body, file.Diagnostics);
        HclExpressionParseResult expression = HclParser.ParseExpression(source);
        AssertSpansNested(source, expression.Expression, expression.Diagnostics);
        HclExpressionParseResult template = HclParser.ParseTemplate(source);
        AssertSpansNested(source, template.Expression, template.Diagnostics);
        foreach (HclExpression e in file.Body.AllExpressions()) new HclExpressionEvaluator().Evaluate(e);
    }

    [Fact]
    public void Random_hcl_like_text_never_throws_and_spans_nest()
    {
        HclLikeText.Sample(CheckInvariants, iter: 3000);
    }

    [Fact]
    public void Mutated_real_configuration_never_throws_and_spans_nest()
    {
        MutatedSnippet.Sample(CheckInvariants, iter: 3000);
    }

    [Fact]
    public void Arbitrary_unicode_never_throws()
    {
        Gen.String.Sample(CheckInvariants, iter: 2000);
    }
}
