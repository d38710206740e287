using System.Linq;
using OpsTower.Policy.Formats.Hcl;

namespace OpsTower.Policy.Rules.Vault;

/// <summary>Vault unseals itself with a KMS or HSM.</summary>
public sealed class VaultAutoUnsealRule : FileRule<HclFile>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP7004",
        name: "VaultAutoUnseal",
        title: "Vault servers use an auto-unseal seal.",
        description: "A Vault server configuration needs a seal block of a type in auto_unseal_types (awskms, gcpckms, azurekeyvault, transit, pkcs11…) that is not disabled; without one Vault uses Shamir unseal keys. Reported at the storage block (or the first listener).",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 5.0,
        category: "Vault",
        tags: new[] { "security", "vault", "availability", "secrets" },
        helpMarkdown: """
            ## Why
            With Shamir unsealing, every restart of a Vault pod (a node drain, an upgrade, an OOM kill) leaves it
            sealed until enough key holders type in their key shares: an outage of every service that reads
            secrets, and unseal keys handled by people. Auto-unseal with a cloud KMS key unseals on start, and
            access to the KMS key is controlled and audited by IAM.

            ## How to fix
            Add a `seal` block, e.g. `seal "awskms" { region = "…"; kms_key_id = "alias/vault-unseal-key" }`, and
            migrate the existing seal. The accepted types are the `auto_unseal_types` parameter.

            ## Example
            Good:
            ```hcl
            seal "awskms" {
              region     = "ap-southeast-1"
              kms_key_id = "alias/vault-unseal-key"
            }
            ```
            """,
        precision: "high");

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(HclFile file, RuleContext context)
    {
        var autoUnsealTypes = context.Parameters.GetStringList("auto_unseal_types");
        if (!VaultServerConfig.IsServerConfig(file)) return;
        bool autoUnseal = file.Body.GetBlocks("seal").Any(seal =>
            seal.Labels.Count > 0 && autoUnsealTypes.Contains(seal.Labels[0].Value)
            && !(seal.Body.GetAttribute("disabled") is { } disabled && VaultServerConfig.LiteralBool(disabled.Expression) == true));
        if (autoUnseal) return;
        var anchor = VaultServerConfig.StorageBlocks(file).FirstOrDefault() ?? file.Body.GetBlocks("listener").First();
        var header = OpsTower.Policy.Formats.Terraform.TerraformBlock.HeaderOf(anchor);
        context.Report(header, "This Vault server has no auto-unseal seal block: every restart leaves it sealed until key holders unseal it by hand.");
    }
}
