using System.Linq;
using OpsTower.Policy.Formats.Hcl;
using OpsTower.Policy.Formats.Terraform;

namespace OpsTower.Policy.Rules.Terraform;

/// <summary>Root modules cap every provider's version.</summary>
public sealed class ProviderVersionPinnedRule : TerraformRule
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP3071",
        name: "ProviderVersionPinned",
        title: "Root modules constrain every provider version with an upper bound.",
        description: "In every root module, each required_providers entry needs a version with an upper bound (~>, <, <= or exact), and each provider block needs a required_providers entry. Only root modules are checked: reusable modules should state only minimum versions.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 4.0,
        category: "Terraform",
        tags: new[] { "supply-chain", "terraform", "reproducibility" },
        helpMarkdown: """
            ## Why
            Without a version constraint `terraform init` installs the newest provider release: a new major version
            of the AWS provider changes resource behaviour and defaults, and a compromised or broken release reaches
            production on the next run. The lock file pins exact versions; the constraint decides which upgrades
            `terraform init -upgrade` may take.

            ## How to fix
            Declare every provider in `required_providers` with `source` and a pessimistic `version`
            (`"~> 5.0"`), and commit `.terraform.lock.hcl`.

            ## Example
            Bad:
            ```hcl
            terraform {
              required_providers {
                aws = { source = "hashicorp/aws" }
              }
            }
            ```
            Good:
            ```hcl
            terraform {
              required_providers {
                aws = { source = "hashicorp/aws", version = "~> 5.0" }
              }
            }
            ```
            """,
        precision: "very-high",
        peers: new[]
        {
            new PeerRule("Checkov", "CKV_TF_1"),
            new PeerRule("tflint", "terraform_required_providers"),
        });

    public override RuleDescriptor Descriptor => Definition;

    protected override void Analyze(TerraformProject project, RuleParameters parameters, TerraformReport report)
    {
        foreach (var module in project.RootModules)
        {
            var entries = module.Settings.SelectMany(s => s.BlocksOfType("required_providers")).SelectMany(b => b.Attributes).ToList();
            foreach (var entry in entries)
            {
                HclValue version = entry.Value.Kind == HclValueKind.Object
                    ? (entry.Value.Attributes.TryGetValue("version", out HclValue? v) ? v : HclValue.Null)
                    : entry.Value;
                if (version.IsNull) report.At(module, entry, $"Provider \"{entry.Name}\" has no version constraint: terraform init installs whatever is newest.");
                else if (TerraformFacts.AsString(version) is { } constraint && !VersionConstraints.HasUpperBound(constraint))
                    report.At(module, entry, $"Provider \"{entry.Name}\" version \"{constraint}\" has no upper bound: use \"~> x.y\".");
            }
            foreach (var provider in module.Providers)
            {
                string name = provider.Syntax.Labels[0].Value;
                if (entries.All(e => e.Name != name))
                    report.At(module, provider, $"Provider \"{name}\" is not in required_providers, so its source and version are not constrained.");
            }
        }
    }
}
