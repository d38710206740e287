using OpsTower.Policy.Formats.Hcl;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Tests.Formats.Hcl;

/// <summary>Parsing shortcuts and span checks shared by the HCL tests.</summary>
internal static class HclTestSupport
{
    public static HclFile Parse(string text, string path = "main.tf") => HclParser.Parse(new SourceFile(path, text));

    public static HclFile ParseClean(string text, string path = "main.tf")
    {
        HclFile file = Parse(text, path);
        file.Diagnostics.Should().BeEmpty("the input is valid HCL:\n" + text);
        return file;
    }

    public static HclExpression Expression(string text)
    {
        HclExpressionParseResult result = HclParser.ParseExpression(new SourceFile("expr.hcl", text));
        result.Diagnostics.Should().BeEmpty("the expression is valid: " + text);
        return result.Expression;
    }

    /// <summary>"line:column-line:column" of a span.</summary>
    public static string At(this HclFile file, TextSpan span) => file.File.GetPositionSpan(span).ToString();

    public static string At(this SourceFile file, TextSpan span) => file.GetPositionSpan(span).ToString();

    /// <summary>"line:column-line:column message" of each diagnostic.</summary>
    public static IEnumerable<string> DiagnosticStarts(this HclFile file) => file.Diagnostics.Select(d => file.File.GetPosition(d.Span.Start).ToString());

    public static HclValue Evaluate(string expression, Func<string, HclValue?>? variables = null)
    {
        var evaluator = new HclExpressionEvaluator(variables);
        HclValue value = evaluator.Evaluate(Expression(expression));
        evaluator.Diagnostics.Should().BeEmpty();
        return value;
    }

    /// <summary>Every span inside the text, every child inside its parent, every diagnostic inside the text.</summary>
    public static void AssertSpansNested(SourceFile file, HclNode root, IEnumerable<ParseDiagnostic> diagnostics)
    {
        var whole = new TextSpan(0, file.Text.Length);
        foreach (ParseDiagnostic diagnostic in diagnostics)
        {
            if (!whole.Contains(diagnostic.Span)) throw new InvalidOperationException($"Diagnostic {diagnostic} lies outside the text of length {file.Text.Length}.");
        }
        var stack = new Stack<HclNode>();
        stack.Push(root);
        if (!whole.Contains(root.Span)) throw new InvalidOperationException($"Root {root.GetType().Name} {root.Span} lies outside the text.");
        while (stack.Count > 0)
        {
            HclNode node = stack.Pop();
            foreach (HclNode child in node.Children)
            {
                if (!node.Span.Contains(child.Span))
                    throw new InvalidOperationException($"{child.GetType().Name} {child.Span} lies outside its parent {node.GetType().Name} {node.Span}.");
                stack.Push(child);
            }
            foreach (TextSpan extra in ExtraSpans(node))
            {
                if (!node.Span.Contains(extra)) throw new InvalidOperationException($"A span {extra} of {node.GetType().Name} {node.Span} lies outside it.");
            }
        }
    }

    private static IEnumerable<TextSpan> ExtraSpans(HclNode node) => node switch
    {
        HclAttribute attribute => new[] { attribute.NameSpan, attribute.EqualsSpan },
        HclBlock block => new[] { block.TypeSpan, block.OpenBraceSpan }.Concat(block.Labels.Select(l => l.Span)),
        HclScopeTraversalExpression traversal => traversal.Traversal.Select(t => t.Span),
        HclRelativeTraversalExpression relative => relative.Traversal.Select(t => t.Span),
        HclFunctionCallExpression call => new[] { call.NameSpan, call.OpenParenSpan },
        HclBinaryExpression binary => new[] { binary.OperatorSpan },
        HclForExpression @for => new[] { @for.ValueVariable.Span }.Concat(@for.KeyVariable is null ? Array.Empty<TextSpan>() : new[] { @for.KeyVariable.Span }),
        _ => Array.Empty<TextSpan>(),
    };
}
