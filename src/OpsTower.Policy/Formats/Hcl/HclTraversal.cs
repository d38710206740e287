using System.Collections.Generic;
using System.Text;

namespace OpsTower.Policy.Formats.Hcl;

/// <summary>Reads references out of expressions, for rules such as "the password comes from <c>var.db_password</c>".</summary>
public static class HclTraversal
{
    /// <summary>Renders steps as HCL writes them: <c>var.x.y[0]["key"]</c>.</summary>
    public static string Render(IReadOnlyList<HclTraverser> traversal)
    {
        var builder = new StringBuilder();
        foreach (HclTraverser step in traversal)
        {
            builder.Append(step switch
            {
                HclTraverseRoot root => root.Name,
                HclTraverseAttribute attribute => "." + attribute.Name,
                HclTraverseIndex index => "[" + index.Key.ToHclString() + "]",
                _ => string.Empty,
            });
        }
        return builder.ToString();
    }

    /// <summary>
    /// <c>"var.db_password"</c> when the expression is just a reference (possibly in parentheses or a lone
    /// <c>"${…}"</c> interpolation), else null.
    /// </summary>
    public static string? AsReference(HclExpression expression)
    {
        while (true)
        {
            switch (expression)
            {
                case HclScopeTraversalExpression traversal:
                    return Render(traversal.Traversal);
                case HclParenthesesExpression parentheses:
                    expression = parentheses.Expression;
                    continue;
                case HclTemplateExpression { Parts.Count: 1 } template when template.Parts[0] is HclTemplateInterpolationExpression interpolation:
                    expression = interpolation.Expression;
                    continue;
                default:
                    return null;
            }
        }
    }

    /// <summary>
    /// Every variable reference under a node, in source order, leaving out the names that enclosing <c>for</c>
    /// expressions and <c>%{ for }</c> directives bind (<c>v</c> in <c>[for v in var.list : v.id]</c> is not a reference).
    /// </summary>
    public static IEnumerable<HclScopeTraversalExpression> References(HclNode node)
    {
        var stack = new Stack<(HclNode Node, Bound? Bound)>();
        stack.Push((node, null));
        // One buffer for every node's children (they are pushed before the next node is read), not a list per node.
        var children = new List<(HclNode, Bound?)>();
        while (stack.Count > 0)
        {
            (HclNode current, Bound? bound) = stack.Pop();
            if (current is HclScopeTraversalExpression traversal)
            {
                if (!IsBound(bound, traversal.RootName)) yield return traversal;
                continue;
            }

            children.Clear();
            switch (current)
            {
                case HclForExpression @for:
                    Bound inner = BindVariables(bound, @for.KeyVariable, @for.ValueVariable);
                    children.Add((@for.Collection, bound));
                    if (@for.KeyResult is not null) children.Add((@for.KeyResult, inner));
                    children.Add((@for.ValueResult, inner));
                    if (@for.Condition is not null) children.Add((@for.Condition, inner));
                    break;
                case HclObjectItem { Key: HclScopeTraversalExpression { Traversal.Count: 1 } } item:
                    children.Add((item.Value, bound)); // a bare identifier key is a literal name
                    break;
                case HclTemplateForExpression @for:
                    children.Add((@for.Collection, bound));
                    children.Add((@for.Body, BindVariables(bound, @for.KeyVariable, @for.ValueVariable)));
                    break;
                default:
                    foreach (HclNode child in current.Children) children.Add((child, bound));
                    break;
            }
            for (int i = children.Count - 1; i >= 0; i--) stack.Push(children[i]);
        }
    }

    private sealed class Bound
    {
        public Bound(string name, Bound? parent)
        {
            Name = name;
            Parent = parent;
        }

        public string Name { get; }
        public Bound? Parent { get; }
    }

    private static Bound BindVariables(Bound? bound, HclIdentifier? key, HclIdentifier value)
    {
        Bound? withKey = key is null ? bound : new Bound(key.Name, bound);
        return new Bound(value.Name, withKey);
    }

    private static bool IsBound(Bound? bound, string name)
    {
        for (Bound? b = bound; b is not null; b = b.Parent)
        {
            if (b.Name == name) return true;
        }
        return false;
    }
}
