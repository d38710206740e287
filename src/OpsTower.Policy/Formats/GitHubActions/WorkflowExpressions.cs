using System;
using System.Collections.Generic;
using System.Text;
using OpsTower.Policy.Formats.Yaml;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Formats.GitHubActions;

/// <summary>One <c>${{ … }}</c> in a scalar: its inner text and the file span of the whole expression.</summary>
public sealed record WorkflowExpression(string Text, TextSpan Span, YamlScalar Scalar)
{
    /// <summary>The context paths the expression reads, lower-cased and normalised (<c>github.event.commits.*.message</c>).</summary>
    public IReadOnlyList<string> ContextPaths => WorkflowExpressions.ContextPaths(Text);
}

/// <summary>Finds expressions in scalars and the context paths they read, by scanning (no regular expressions).</summary>
public static class WorkflowExpressions
{
    /// <summary>Every <c>${{ … }}</c> in the scalar's value, with spans in the file (exact for plain, quoted and block scalars).</summary>
    public static IReadOnlyList<WorkflowExpression> Find(SourceFile file, YamlScalar scalar)
    {
        var result = new List<WorkflowExpression>();
        string value = scalar.Value;
        int at = value.IndexOf("${{", StringComparison.Ordinal);
        if (at < 0) return result;
        var offsets = ScalarContent.MapOffsets(file, scalar);
        while (at >= 0)
        {
            int close = FindClose(value, at + 3);
            int end = close < 0 ? value.Length : close + 2;
            var span = MapValueSpan(offsets, scalar, at, end - at);
            result.Add(new WorkflowExpression(value.Substring(at + 3, (close < 0 ? value.Length : close) - at - 3).Trim(), span, scalar));
            at = close < 0 ? -1 : value.IndexOf("${{", end, StringComparison.Ordinal);
        }
        return result;
    }

    /// <summary>
    /// The file span of <c>Value.Substring(start, length)</c> from <see cref="ScalarContent.MapOffsets"/>'s map; the whole
    /// scalar when the map is coarse (a multi-line plain scalar, or one with escapes).
    /// </summary>
    public static TextSpan MapValueSpan(int[] offsets, YamlScalar scalar, int start, int length)
    {
        bool coarse = scalar.Value.Length > 1 && offsets[0] == offsets[scalar.Value.Length - 1];
        if (coarse || length == 0) return scalar.Span;
        return TextSpan.FromBounds(offsets[start], offsets[start + length - 1] + 1);
    }

    /// <summary>Every expression in a node and the nodes below it.</summary>
    public static IEnumerable<WorkflowExpression> FindAll(SourceFile file, YamlNode? node)
    {
        var pending = new Stack<YamlNode>();
        if (node is not null) pending.Push(node);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case YamlScalar scalar:
                    foreach (var expression in Find(file, scalar)) yield return expression;
                    break;
                case YamlSequence sequence:
                    for (int i = sequence.Items.Count - 1; i >= 0; i--) pending.Push(sequence.Items[i]);
                    break;
                case YamlMapping mapping:
                    for (int i = mapping.Entries.Count - 1; i >= 0; i--) pending.Push(mapping.Entries[i].Value);
                    break;
            }
        }
    }

    /// <summary>The index of the <c>}}</c> that closes an expression, skipping string literals; -1 when unclosed.</summary>
    private static int FindClose(string text, int from)
    {
        bool inString = false;
        for (int i = from; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\'')
            {
                // '' inside a string is an escaped quote.
                if (inString && i + 1 < text.Length && text[i + 1] == '\'') i++;
                else inString = !inString;
            }
            else if (!inString && c == '}' && i + 1 < text.Length && text[i + 1] == '}') return i;
        }
        return -1;
    }

    /// <summary>
    /// The context paths read in an expression's text: <c>github.event['issue'].title</c> is
    /// <c>github.event.issue.title</c>, and an index or <c>*</c> becomes <c>*</c>. Function names are not paths.
    /// </summary>
    public static IReadOnlyList<string> ContextPaths(string expression)
    {
        var paths = new List<string>();
        int i = 0;
        while (i < expression.Length)
        {
            char c = expression[i];
            if (c == '\'')
            {
                i = SkipString(expression, i);
                continue;
            }
            if (!IsIdentifierStart(c) || (i > 0 && (IsIdentifierPart(expression[i - 1]) || expression[i - 1] == '.')))
            {
                i++;
                continue;
            }
            var path = new StringBuilder();
            i = ReadIdentifier(expression, i, path);
            bool isCall = false;
            while (i < expression.Length)
            {
                int next = SkipSpaces(expression, i);
                if (next < expression.Length && expression[next] == '(' && path.ToString().IndexOf('.') < 0)
                {
                    isCall = true;
                    break;
                }
                if (i < expression.Length && expression[i] == '.' && i + 1 < expression.Length)
                {
                    if (expression[i + 1] == '*')
                    {
                        path.Append(".*");
                        i += 2;
                    }
                    else if (IsIdentifierStart(expression[i + 1]))
                    {
                        path.Append('.');
                        i = ReadIdentifier(expression, i + 1, path);
                    }
                    else break;
                }
                else if (i < expression.Length && expression[i] == '[')
                {
                    int close = expression.IndexOf(']', i);
                    if (close < 0) break;
                    string inner = expression.Substring(i + 1, close - i - 1).Trim();
                    path.Append('.').Append(inner.Length >= 2 && inner[0] == '\'' && inner[inner.Length - 1] == '\''
                        ? inner.Substring(1, inner.Length - 2).ToLowerInvariant()
                        : "*");
                    i = close + 1;
                }
                else break;
            }
            string text = path.ToString();
            if (!isCall && text is not ("true" or "false" or "null")) paths.Add(text);
        }
        return paths;
    }

    private static int ReadIdentifier(string text, int i, StringBuilder into)
    {
        while (i < text.Length && IsIdentifierPart(text[i])) into.Append(char.ToLowerInvariant(text[i++]));
        return i;
    }

    private static int SkipSpaces(string text, int i)
    {
        while (i < text.Length && text[i] == ' ') i++;
        return i;
    }

    private static int SkipString(string text, int i)
    {
        i++;
        while (i < text.Length)
        {
            if (text[i] == '\'')
            {
                if (i + 1 < text.Length && text[i + 1] == '\'') i += 2;
                else return i + 1;
            }
            else i++;
        }
        return i;
    }

    private static bool IsIdentifierStart(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or '_';

    private static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || c is >= '0' and <= '9' or '-';

    /// <summary>
    /// True when <paramref name="path"/> matches <paramref name="pattern"/> (segments compared one by one, <c>*</c>
    /// in either matching any one segment), or is an object that contains such a value (<c>github.event.pull_request</c>
    /// contains <c>…title</c>).
    /// </summary>
    public static bool PathMatches(string path, string pattern)
    {
        string[] p = path.Split('.');
        string[] q = pattern.ToLowerInvariant().Split('.');
        if (p.Length > q.Length) return false;
        for (int i = 0; i < p.Length; i++)
            if (p[i] != q[i] && p[i] != "*" && q[i] != "*") return false;
        // A whole object is reported only from the event payload down (toJSON(github.event.issue)).
        return p.Length == q.Length || (p.Length >= 2 && p[0] == "github" && p[1] == "event");
    }
}
