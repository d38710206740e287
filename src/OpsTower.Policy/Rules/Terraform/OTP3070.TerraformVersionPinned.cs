using System.Linq;
using OpsTower.Policy.Formats.Terraform;

namespace OpsTower.Policy.Rules.Terraform;

/// <summary>Root modules cap the Terraform version.</summary>
public sealed class TerraformVersionPinnedRule : TerraformRule
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP3070",
        name: "TerraformVersionPinned",
        title: "Root modules constrain the Terraform version with an upper bound.",
        description: "Every root module needs terraform { required_version = … } with an upper bound (~>, <, <= or an exact version); \">= 1.5\" alone accepts any future major version. Only root modules are checked: reusable modules should state only the minimum they need.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 3.0,
        category: "Terraform",
        tags: new[] { "supply-chain", "terraform", "reproducibility" },
        helpMarkdown: """
            ## Why
            A new Terraform release can change behaviour or upgrade the state format so that older versions can no
            longer read it; with no upper bound, whichever version a CI runner or engineer happens to have is used
            against production state. A bounded constraint makes the upgrade a reviewed change.

            ## How to fix
            Use a pessimistic constraint, e.g. `required_version = "~> 1.9"`, in every root module. Modules called by
            others keep a lower bound (`>= 1.5`) so that their callers decide.

            ## Example
            Bad:
            ```hcl
            terraform {
              required_version = ">= 1.5"
            }
            ```
            Good:
            ```hcl
            terraform {
              required_version = "~> 1.9"
            }
            ```
            """,
        precision: "very-high",
        peers: new[] { new PeerRule("tflint", "terraform_required_version") });

    public override RuleDescriptor Descriptor => Definition;

    protected override void Analyze(TerraformProject project, RuleParameters parameters, TerraformReport report)
    {
        foreach (var module in project.RootModules)
        {
            var required = module.Settings.Select(s => s.Attribute("required_version")).FirstOrDefault(a => a is not null);
            if (required is null)
            {
                var anchor = module.Settings.FirstOrDefault();
                if (anchor is not null) report.At(module, anchor, "This root module does not set required_version: any Terraform version will run it.");
                else if (module.Directory.Files.SelectMany(f => f.Syntax.Body.Blocks.Select(b => (f.File, Block: b))).FirstOrDefault() is { Block: not null } first)
                    report.At(module, first.File, TerraformBlock.HeaderOf(first.Block), "This root module has no terraform block with required_version: any Terraform version will run it.");
                continue;
            }
            string? constraint = TerraformFacts.AsString(required.Value);
            if (constraint is not null && !VersionConstraints.HasUpperBound(constraint))
                report.At(module, required, $"required_version \"{constraint}\" has no upper bound: use \"~> x.y\" so a new major version is a reviewed upgrade.");
        }
    }
}
