using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using OpsTower.Policy.Formats.Hcl;
using OpsTower.Policy.Formats.Terraform;

namespace OpsTower.Policy.Rules.Terraform;

/// <summary>Readings of evaluated values that the rules share. "Known" answers are proofs; anything unknown is null.</summary>
internal static class TerraformFacts
{
    /// <summary>True or false when the value is a bool (or "true"/"false"), else null.</summary>
    public static bool? AsBool(HclValue value) => value.Kind switch
    {
        HclValueKind.Bool => value.AsBool(),
        HclValueKind.String when value.AsString() == "true" => true,
        HclValueKind.String when value.AsString() == "false" => false,
        _ => null,
    };

    /// <summary>The attribute's bool, the provider's default when it is missing or null, and null when unknown.</summary>
    public static bool? BoolOrDefault(TerraformBlock block, string name, bool whenUnset)
    {
        HclValue value = block.ValueOf(name);
        return value.IsNull ? whenUnset : AsBool(value);
    }

    public static decimal? AsNumber(HclValue value) => value.Kind switch
    {
        HclValueKind.Number => value.AsNumber(),
        HclValueKind.String when decimal.TryParse(value.AsString(), NumberStyles.Float, CultureInfo.InvariantCulture, out decimal n) => n,
        _ => null,
    };

    public static string? AsString(HclValue value) => value.Kind == HclValueKind.String ? value.AsString() : null;

    /// <summary>The strings of a wholly known list of strings (a lone string counts as a list of one), else null.</summary>
    public static IReadOnlyList<string>? AsStrings(HclValue value)
    {
        if (value.Kind == HclValueKind.String) return new[] { value.AsString() };
        if (value.Kind != HclValueKind.Tuple || !value.IsWhollyKnown) return null;
        return value.Elements.Where(e => e.Kind == HclValueKind.String).Select(e => e.AsString()).ToList();
    }

    /// <summary>Whether an attribute of <paramref name="from"/> refers to <paramref name="target"/> (<c>aws_s3_bucket.logs.id</c>) or has its known name.</summary>
    public static bool Refers(TerraformResource from, string attributeName, TerraformResource target, string targetNameAttribute)
    {
        if (from.Module != target.Module) return false;
        TerraformAttribute? attribute = from.Attribute(attributeName);
        if (attribute is null) return false;
        foreach (var reference in HclTraversal.References(attribute.Syntax.Expression))
        {
            if (reference.RootName == target.Type && reference.Traversal.Count > 1 && reference.Traversal[1] is HclTraverseAttribute name && name.Name == target.Name)
                return true;
        }
        string? targetName = AsString(target.ValueOf(targetNameAttribute));
        return targetName is not null && AsString(attribute.Value) == targetName;
    }

    /// <summary>The resources of a type in the same module instance that refer to the target through an attribute.</summary>
    public static IEnumerable<TerraformResource> ReferringResources(TerraformResource target, string type, string attributeName, string targetNameAttribute) =>
        target.Module.Resources.Where(r => r.Mode == TerraformResourceMode.Managed && r.Type == type && Refers(r, attributeName, target, targetNameAttribute));

    /// <summary>The <c>default_tags</c> of the AWS provider a resource uses (by <c>provider = aws.alias</c>) in its root module: an object, null, or unknown.</summary>
    public static HclValue DefaultTags(TerraformResource resource)
    {
        string alias = resource.Attribute("provider")?.Syntax.Expression is HclScopeTraversalExpression { Traversal.Count: 2 } reference
            && reference.Traversal[1] is HclTraverseAttribute name ? name.Name : "";
        var provider = resource.Module.Root.Providers.FirstOrDefault(p => p.Syntax.Labels[0].Value == "aws" && (AsString(p.ValueOf("alias")) ?? "") == alias);
        var defaultTags = provider?.BlocksOfType("default_tags").FirstOrDefault();
        return defaultTags is null ? HclValue.Null : defaultTags.ValueOf("tags");
    }

    /// <summary>Whether a module call's source is one of the listed registry modules (a <c>//sub/module</c> path included).</summary>
    public static bool IsModule(TerraformModuleCall call, IReadOnlyList<string> sources) =>
        call.Source is not null && sources.Any(s => call.Source == s || call.Source.StartsWith(s + "//", StringComparison.Ordinal));

    /// <summary>The first input given among several names (a module renamed its inputs between versions).</summary>
    public static TerraformAttribute? FirstInput(TerraformModuleCall call, params string[] names) =>
        names.Select(call.Body.Attribute).FirstOrDefault(a => a is not null);

    public static string Show(HclValue value) => value.ToHclString();
}

/// <summary>
/// Whether a resource is in a production environment: its <c>Environment</c>-style tag (with the provider's default
/// tags) or its module's <c>environment</c>-style variable, compared with the production names from the parameters.
/// </summary>
internal sealed class ProductionEnvironment
{
    private readonly IReadOnlyList<string> _tagKeys;
    private readonly IReadOnlyList<string> _variables;
    private readonly IReadOnlyList<string> _production;

    public ProductionEnvironment(RuleParameters parameters)
    {
        _tagKeys = parameters.GetStringList("environment_tag_keys");
        _variables = parameters.GetStringList("environment_variables");
        _production = parameters.GetStringList("production_environments");
    }

    /// <summary>True or false when the environment is known, null when it is not.</summary>
    public bool? Includes(TerraformResource resource)
    {
        foreach (HclValue tags in new[] { resource.ValueOf("tags"), TerraformFacts.DefaultTags(resource) })
        {
            foreach (string key in _tagKeys)
            {
                if (tags.Kind == HclValueKind.Object && tags.Attributes.TryGetValue(key, out HclValue? value) && TerraformFacts.AsString(value) is { } environment)
                    return _production.Contains(environment, StringComparer.OrdinalIgnoreCase);
            }
        }
        foreach (string variable in _variables)
        {
            if (resource.Module.Variables.TryGetValue(variable, out HclValue? value) && TerraformFacts.AsString(value) is { } environment)
                return _production.Contains(environment, StringComparer.OrdinalIgnoreCase);
        }
        return null;
    }
}
