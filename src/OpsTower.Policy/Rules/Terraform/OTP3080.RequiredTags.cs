using System.Collections.Generic;
using System.Linq;
using OpsTower.Policy.Formats.Hcl;
using OpsTower.Policy.Formats.Terraform;

namespace OpsTower.Policy.Rules.Terraform;

/// <summary>AWS resources carry the required tags.</summary>
public sealed class RequiredTagsRule : TerraformRule
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP3080",
        name: "RequiredTags",
        title: "AWS resources carry the required tags.",
        description: "The AWS provider of each root module must set default_tags with every key in required_tags (Project, Environment, ManagedBy and Owner in the baseline). An aws_* resource that sets tags must have every required key in its tags together with the provider's default tags. Unknown tag maps are not reported; resources in local modules are checked against their root module's provider.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 2.0,
        category: "Terraform",
        tags: new[] { "governance", "terraform", "aws", "tagging" },
        helpMarkdown: """
            ## Why
            Tags are how cost reports, incident responders and access policies find out what a resource is, who
            owns it and which environment it belongs to; attribute-based access control and the cleanup of
            abandoned resources depend on them. The Ops Tower specification requires Project, Environment,
            ManagedBy and Owner on everything.

            ## How to fix
            Set the required tags once in the provider's `default_tags`; resources then only add their own
            (`Name`). The keys are the `required_tags` parameter.

            ## Example
            Good:
            ```hcl
            provider "aws" {
              default_tags {
                tags = {
                  Project     = "ops-tower"
                  Environment = var.environment
                  ManagedBy   = "terraform"
                  Owner       = "devops-team"
                }
              }
            }
            ```
            """,
        precision: "high",
        peers: new[] { new PeerRule("tflint", "aws_resource_missing_tags") });

    public override RuleDescriptor Descriptor => Definition;

    protected override void Analyze(TerraformProject project, RuleParameters parameters, TerraformReport report)
    {
        var required = parameters.GetStringList("required_tags");
        foreach (var module in project.RootModules)
        foreach (var provider in module.Providers.Where(p => p.Syntax.Labels[0].Value == "aws"))
        {
            var defaultTags = provider.BlocksOfType("default_tags").FirstOrDefault();
            var tags = defaultTags?.Attribute("tags");
            if (tags is null)
            {
                report.At(module, defaultTags ?? provider, $"The AWS provider sets no default_tags: add {string.Join(", ", required)} so every resource carries them.");
                continue;
            }
            var missing = Missing(required, tags.Value, HclValue.Null);
            if (missing is { Count: > 0 }) report.At(module, tags, $"The AWS provider's default_tags lack {string.Join(", ", missing)}.");
        }
        foreach (var resource in project.Resources.Where(r => r.Type.StartsWith("aws_", System.StringComparison.Ordinal)))
        {
            var tags = resource.Attribute("tags");
            if (tags is null) continue;
            var missing = Missing(required, tags.Value, TerraformFacts.DefaultTags(resource));
            if (missing is { Count: > 0 }) report.At(resource.Module, tags, $"{resource.LocalAddress} lacks the tag(s) {string.Join(", ", missing)} (counting the provider's default_tags).");
        }
    }

    /// <summary>The required keys neither map has; null when a map is unknown.</summary>
    private static List<string>? Missing(IReadOnlyList<string> required, HclValue tags, HclValue defaultTags)
    {
        if (!tags.IsKnown || !defaultTags.IsKnown) return null;
        return required.Where(k => !tags.Attributes.ContainsKey(k) && !defaultTags.Attributes.ContainsKey(k)).ToList();
    }
}
