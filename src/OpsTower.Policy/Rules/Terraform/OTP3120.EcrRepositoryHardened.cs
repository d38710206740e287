using System.Linq;
using OpsTower.Policy.Formats.Terraform;

namespace OpsTower.Policy.Rules.Terraform;

/// <summary>ECR repositories keep their tags immutable and scan what is pushed.</summary>
public sealed class EcrRepositoryHardenedRule : TerraformRule
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP3120",
        name: "EcrRepositoryHardened",
        title: "ECR repositories use immutable tags and scan images on push.",
        description: "An aws_ecr_repository should set image_tag_mutability to one of accepted_tag_mutability (the default is MUTABLE) and image_scanning_configuration { scan_on_push = true }, unless an aws_ecr_registry_scanning_configuration in the same configuration scans the registry (scan_type = \"ENHANCED\", or a rule whose repository filter is \"*\"). Calls of the terraform-aws-modules/ecr module (ecr_module_sources) are checked through repository_image_tag_mutability and repository_image_scan_on_push, whose defaults are IMMUTABLE and true. Unknown values are not reported.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 5.0,
        category: "Terraform",
        tags: new[] { "security", "terraform", "aws", "ecr", "containers", "supply-chain" },
        helpMarkdown: """
            ## Why
            With mutable tags, anyone who can push to the repository can replace the image behind `app:1.4.2`
            (or `latest`) and every deployment that pulls the tag runs the new image, without a change in the
            deployment's code. Immutable tags make a tag name one image for good. Scanning on push reports known
            vulnerabilities in an image before it is deployed.

            ## How to fix
            Set `image_tag_mutability = "IMMUTABLE"` and `image_scanning_configuration { scan_on_push = true }`,
            or scan the whole registry with an `aws_ecr_registry_scanning_configuration` (enhanced scanning, or a
            rule for every repository). The accepted mutability values are the `accepted_tag_mutability`
            parameter; the module sources checked are `ecr_module_sources`.

            ## Example
            Good:
            ```hcl
            resource "aws_ecr_repository" "app" {
              name                 = "ops-tower/app"
              image_tag_mutability = "IMMUTABLE"

              image_scanning_configuration {
                scan_on_push = true
              }
            }
            ```
            """,
        precision: "high",
        peers: new[]
        {
            new PeerRule("Checkov", "CKV_AWS_51"),
            new PeerRule("Checkov", "CKV_AWS_163"),
            new PeerRule("tfsec", "aws-ecr-enforce-immutable-repository"),
            new PeerRule("tfsec", "aws-ecr-enable-image-scans"),
            new PeerRule("Trivy", "AVD-AWS-0031"),
            new PeerRule("Trivy", "AVD-AWS-0030"),
        });

    public override RuleDescriptor Descriptor => Definition;

    protected override void Analyze(TerraformProject project, RuleParameters parameters, TerraformReport report)
    {
        var accepted = parameters.GetStringList("accepted_tag_mutability");
        var moduleSources = parameters.GetStringList("ecr_module_sources");
        foreach (var repository in project.ResourcesOfType("aws_ecr_repository"))
        {
            var mutability = repository.Body.Attribute("image_tag_mutability");
            string? mode = mutability is null ? "MUTABLE" : TerraformFacts.AsString(mutability.Value) ?? (mutability.Value.IsNull ? "MUTABLE" : null);
            if (mode is not null && !accepted.Contains(mode))
            {
                string message = $"{repository.LocalAddress} has mutable image tags (image_tag_mutability = \"{mode}\"{(mutability is null ? ", the default" : "")}): set it to \"IMMUTABLE\" so a tag always names the same image.";
                if (mutability is null) report.At(repository.Module, repository.Body, message);
                else report.At(repository.Module, mutability, message);
            }

            var scanning = repository.Body.BlocksOfType("image_scanning_configuration").FirstOrDefault();
            var scanOnPush = scanning?.Attribute("scan_on_push");
            bool? scans = scanning is null ? false : TerraformFacts.BoolOrDefault(scanning, "scan_on_push", whenUnset: false);
            if (scans == false && RegistryScanning(project, repository.Module.Root) == false)
            {
                string message = $"{repository.LocalAddress} does not scan images on push: set image_scanning_configuration {{ scan_on_push = true }} or scan the registry with an aws_ecr_registry_scanning_configuration.";
                if (scanOnPush is not null) report.At(repository.Module, scanOnPush, message);
                else report.At(repository.Module, scanning ?? repository.Body, message);
            }
        }
        foreach (var call in project.ModuleCalls.Where(c => TerraformFacts.IsModule(c, moduleSources)))
        {
            var mutability = call.Body.Attribute("repository_image_tag_mutability");
            if (mutability is not null && TerraformFacts.AsString(mutability.Value) is { } mode && !accepted.Contains(mode))
                report.At(call.Caller, mutability, $"module.{call.Name} makes image tags mutable with repository_image_tag_mutability = \"{mode}\".");
            var scanOnPush = call.Body.Attribute("repository_image_scan_on_push");
            if (scanOnPush is not null && TerraformFacts.AsBool(scanOnPush.Value) == false && RegistryScanning(project, call.Caller.Root) == false)
                report.At(call.Caller, scanOnPush, $"module.{call.Name} turns off scanning on push with repository_image_scan_on_push = false.");
        }
    }

    /// <summary>
    /// Whether a registry scanning configuration of the configuration (any module under the root) scans every
    /// repository: true, false when there is none or it is limited to filters, null when unknown.
    /// </summary>
    private static bool? RegistryScanning(TerraformProject project, TerraformModule root)
    {
        bool unknown = false;
        foreach (var configuration in project.ResourcesOfType("aws_ecr_registry_scanning_configuration").Where(c => c.Module.Root == root))
        {
            string? scanType = TerraformFacts.AsString(configuration.ValueOf("scan_type"));
            if (scanType == "ENHANCED") return true;
            if (scanType is null) unknown = true;
            foreach (var rule in configuration.Body.BlocksOfType("rule"))
            {
                foreach (var filter in rule.BlocksOfType("repository_filter"))
                {
                    var value = filter.ValueOf("filter");
                    if (TerraformFacts.AsString(value) == "*") return true;
                    if (!value.IsKnown) unknown = true;
                }
            }
        }
        return unknown ? null : false;
    }
}
