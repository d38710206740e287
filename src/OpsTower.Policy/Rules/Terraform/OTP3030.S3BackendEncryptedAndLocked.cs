using System.Linq;
using OpsTower.Policy.Formats.Terraform;

namespace OpsTower.Policy.Rules.Terraform;

/// <summary>The S3 state backend encrypts the state and locks it.</summary>
public sealed class S3BackendEncryptedAndLockedRule : TerraformRule
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP3030",
        name: "S3BackendEncryptedAndLocked",
        title: "The S3 state backend encrypts the state and uses a lock.",
        description: "A root module's backend \"s3\" block must set encrypt = true and lock the state with dynamodb_table or use_lockfile = true. Backends of modules that other modules call are ignored, as Terraform ignores them. Unknown values are not reported.",
        defaultLevel: FindingLevel.Error,
        securitySeverity: 7.0,
        category: "Terraform",
        tags: new[] { "security", "terraform", "aws", "state" },
        helpMarkdown: """
            ## Why
            Terraform state holds every secret that passes through Terraform (database passwords, generated keys,
            tokens) in plain text. `encrypt = true` has S3 encrypt the state object on the server side. Without a
            lock, two concurrent `terraform apply` runs (two CI jobs, a person and a pipeline) can both write the
            state and corrupt it.

            ## How to fix
            Set `encrypt = true` (and `kms_key_id` for a customer-managed key) and either `use_lockfile = true`
            (Terraform 1.10+) or `dynamodb_table`.

            ## Example
            Bad:
            ```hcl
            terraform {
              backend "s3" {
                bucket = "ops-tower-terraform-state"
                key    = "infrastructure/terraform.tfstate"
              }
            }
            ```
            Good:
            ```hcl
            terraform {
              backend "s3" {
                bucket         = "ops-tower-terraform-state"
                key            = "infrastructure/terraform.tfstate"
                encrypt        = true
                dynamodb_table = "terraform-locks"
              }
            }
            ```
            """,
        precision: "very-high",
        peers: new[] { new PeerRule("Checkov", "CKV_TF_3") });

    public override RuleDescriptor Descriptor => Definition;

    protected override void Analyze(TerraformProject project, RuleParameters parameters, TerraformReport report)
    {
        foreach (var module in project.RootModules)
        foreach (var backend in module.Settings.SelectMany(s => s.BlocksOfType("backend")).Where(b => b.Syntax.Labels.FirstOrDefault()?.Value == "s3"))
        {
            var encrypt = backend.Attribute("encrypt");
            if (TerraformFacts.BoolOrDefault(backend, "encrypt", whenUnset: false) == false)
            {
                if (encrypt is null || encrypt.Value.IsNull) report.At(module, backend, "The S3 backend does not set encrypt = true, so the state (and every secret in it) is stored without server-side encryption.");
                else report.At(module, encrypt, "The S3 backend sets encrypt = false: the state and every secret in it are stored without server-side encryption.");
            }
            bool locked = !backend.ValueOf("dynamodb_table").IsNull || TerraformFacts.BoolOrDefault(backend, "use_lockfile", whenUnset: false) != false;
            if (!locked) report.At(module, backend, "The S3 backend does not lock the state: set use_lockfile = true or dynamodb_table, or concurrent applies can corrupt it.");
        }
    }
}
