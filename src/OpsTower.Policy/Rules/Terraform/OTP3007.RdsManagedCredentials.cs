using OpsTower.Policy.Formats.Terraform;

namespace OpsTower.Policy.Rules.Terraform;

/// <summary>Database master passwords are managed by AWS, or IAM authentication is used.</summary>
public sealed class RdsManagedCredentialsRule : TerraformRule
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP3007",
        name: "RdsManagedCredentials",
        title: "RDS master passwords are managed by Secrets Manager or IAM authentication is enabled.",
        description: "An aws_db_instance (password) or aws_rds_cluster (master_password) whose master password is given in Terraform should instead set manage_master_user_password = true, or at least enable iam_database_authentication_enabled. A password that is known to be null is not reported.",
        defaultLevel: FindingLevel.Note,
        securitySeverity: 3.5,
        category: "Terraform",
        tags: new[] { "security", "terraform", "aws", "rds", "secrets" },
        helpMarkdown: """
            ## Why
            A master password passed to Terraform is stored in plain text in the state file, and usually also
            travels through CI variables and `.tfvars` files. With `manage_master_user_password = true`, RDS
            generates the password, keeps it in Secrets Manager and rotates it; with IAM database authentication,
            applications log in with short-lived tokens instead of a shared password.

            ## How to fix
            Replace `password` with `manage_master_user_password = true` (and `master_user_secret_kms_key_id`), or
            enable `iam_database_authentication_enabled` and have applications use IAM tokens.

            ## Example
            Bad:
            ```hcl
            resource "aws_db_instance" "main" {
              username = "ops"
              password = var.db_password
            }
            ```
            Good:
            ```hcl
            resource "aws_db_instance" "main" {
              username                    = "ops"
              manage_master_user_password = true
            }
            ```
            """,
        precision: "high",
        peers: new[] { new PeerRule("Checkov", "CKV_AWS_161") });

    public override RuleDescriptor Descriptor => Definition;

    protected override void Analyze(TerraformProject project, RuleParameters parameters, TerraformReport report)
    {
        foreach (var database in project.ResourcesOfType("aws_db_instance", "aws_rds_cluster"))
        {
            var password = database.Attribute(database.Type == "aws_db_instance" ? "password" : "master_password");
            if (password is null || password.Value.IsNull) continue;
            // Either alternative, or an unknown setting that may be one, is enough.
            if (TerraformFacts.BoolOrDefault(database.Body, "manage_master_user_password", whenUnset: false) != false) continue;
            if (TerraformFacts.BoolOrDefault(database.Body, "iam_database_authentication_enabled", whenUnset: false) != false) continue;
            report.At(database.Module, password, $"{database.LocalAddress} takes its master password from Terraform, which stores it in the state: set manage_master_user_password = true or enable IAM database authentication.");
        }
    }
}
