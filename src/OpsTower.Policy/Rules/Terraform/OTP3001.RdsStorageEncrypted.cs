using OpsTower.Policy.Formats.Terraform;

namespace OpsTower.Policy.Rules.Terraform;

/// <summary>RDS instances and clusters encrypt their storage.</summary>
public sealed class RdsStorageEncryptedRule : TerraformRule
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP3001",
        name: "RdsStorageEncrypted",
        title: "RDS instances and clusters encrypt their storage at rest.",
        description: "aws_db_instance and aws_rds_cluster must set storage_encrypted = true (the provider's default is false). Read replicas inherit their source's encryption and Aurora Serverless v1 is always encrypted, so both are skipped. With require_customer_managed_key, an encrypted database must also name its kms_key_id. Only values the configuration proves are reported: an unknown storage_encrypted is not.",
        defaultLevel: FindingLevel.Error,
        securitySeverity: 7.5,
        category: "Terraform",
        tags: new[] { "security", "terraform", "aws", "rds", "encryption" },
        helpMarkdown: """
            ## Why
            Unencrypted RDS storage leaves the database files, automated backups, snapshots and read replicas
            readable by anyone who gets hold of the volume or a shared snapshot. Encryption cannot be switched on
            later: an unencrypted instance has to be snapshotted, copied with encryption and restored, with
            downtime. The Ops Tower database holds rider and driver personal data.

            ## How to fix
            Set `storage_encrypted = true`, and `kms_key_id` to a customer-managed key where key access must be
            audited or revocable (enable `require_customer_managed_key` to enforce that). Values from variables,
            `.tfvars`, locals and local modules are evaluated; an unknown value is never reported.

            ## Example
            Bad:
            ```hcl
            resource "aws_db_instance" "main" {
              engine = "postgres"
            }
            ```
            Good:
            ```hcl
            resource "aws_db_instance" "main" {
              engine            = "postgres"
              storage_encrypted = true
              kms_key_id        = aws_kms_key.rds.arn
            }
            ```
            """,
        precision: "high",
        peers: new[]
        {
            new PeerRule("Checkov", "CKV_AWS_16"),
            new PeerRule("Checkov", "CKV_AWS_96"),
            new PeerRule("tfsec", "aws-rds-encrypt-instance-storage-data"),
            new PeerRule("Trivy", "AVD-AWS-0080"),
        });

    public override RuleDescriptor Descriptor => Definition;

    protected override void Analyze(TerraformProject project, RuleParameters parameters, TerraformReport report)
    {
        bool requireCustomerManagedKey = parameters.GetBool("require_customer_managed_key");
        foreach (var database in project.ResourcesOfType("aws_db_instance", "aws_rds_cluster"))
        {
            if (!database.ValueOf("replicate_source_db").IsNull) continue;
            if (database.Type == "aws_rds_cluster" && TerraformFacts.AsString(database.ValueOf("engine_mode")) == "serverless") continue;
            var encrypted = database.Attribute("storage_encrypted");
            bool? isEncrypted = TerraformFacts.BoolOrDefault(database.Body, "storage_encrypted", whenUnset: false);
            if (isEncrypted == false)
            {
                if (encrypted is null || encrypted.Value.IsNull) report.At(database.Module, database.Body, $"{database.LocalAddress} does not set storage_encrypted, so its storage, backups and snapshots are unencrypted (the default is false).");
                else report.At(database.Module, encrypted, $"{database.LocalAddress} has storage_encrypted = {TerraformFacts.Show(encrypted.Value)}: its storage, backups and snapshots are unencrypted.");
            }
            else if (isEncrypted == true && requireCustomerManagedKey && database.ValueOf("kms_key_id").IsNull && database.Attribute("kms_key_id") is null)
            {
                report.At(database.Module, database.Body, $"{database.LocalAddress} is encrypted with the AWS-managed key: set kms_key_id to a customer-managed KMS key.");
            }
        }
    }
}
