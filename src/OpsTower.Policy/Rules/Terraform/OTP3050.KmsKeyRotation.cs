using OpsTower.Policy.Formats.Terraform;

namespace OpsTower.Policy.Rules.Terraform;

/// <summary>Symmetric KMS keys rotate their key material.</summary>
public sealed class KmsKeyRotationRule : TerraformRule
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP3050",
        name: "KmsKeyRotation",
        title: "Symmetric KMS keys have automatic rotation enabled.",
        description: "An aws_kms_key whose customer_master_key_spec is SYMMETRIC_DEFAULT (the default) must set enable_key_rotation = true (the default is false). Asymmetric and HMAC keys cannot rotate and are skipped. Unknown values are not reported.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 5.0,
        category: "Terraform",
        tags: new[] { "security", "terraform", "aws", "kms", "encryption" },
        helpMarkdown: """
            ## Why
            Rotation limits how much data one key version protects and how long a leaked key version stays
            useful; compliance baselines (CIS AWS 3.6, PCI DSS) require it. AWS keeps old versions for decryption,
            so rotation is transparent to applications.

            ## How to fix
            Set `enable_key_rotation = true` (optionally `rotation_period_in_days`).

            ## Example
            Bad:
            ```hcl
            resource "aws_kms_key" "rds" {
              description = "RDS encryption"
            }
            ```
            Good:
            ```hcl
            resource "aws_kms_key" "rds" {
              description         = "RDS encryption"
              enable_key_rotation = true
            }
            ```
            """,
        precision: "very-high",
        peers: new[]
        {
            new PeerRule("Checkov", "CKV_AWS_7"),
            new PeerRule("tfsec", "aws-kms-auto-rotate-keys"),
            new PeerRule("Trivy", "AVD-AWS-0065"),
        });

    public override RuleDescriptor Descriptor => Definition;

    protected override void Analyze(TerraformProject project, RuleParameters parameters, TerraformReport report)
    {
        foreach (var key in project.ResourcesOfType("aws_kms_key"))
        {
            var spec = key.ValueOf("customer_master_key_spec");
            if (!spec.IsNull && TerraformFacts.AsString(spec) != "SYMMETRIC_DEFAULT") continue;
            if (TerraformFacts.BoolOrDefault(key.Body, "enable_key_rotation", whenUnset: false) != false) continue;
            var attribute = key.Attribute("enable_key_rotation");
            if (attribute is null || attribute.Value.IsNull) report.At(key.Module, key.Body, $"{key.LocalAddress} does not enable automatic key rotation (the default is false).");
            else report.At(key.Module, attribute, $"{key.LocalAddress} has enable_key_rotation = false.");
        }
    }
}
