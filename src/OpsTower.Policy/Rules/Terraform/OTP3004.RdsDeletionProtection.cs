using OpsTower.Policy.Formats.Terraform;

namespace OpsTower.Policy.Rules.Terraform;

/// <summary>Production databases cannot be deleted by a plan.</summary>
public sealed class RdsDeletionProtectionRule : TerraformRule
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP3004",
        name: "RdsDeletionProtection",
        title: "Production RDS databases have deletion protection.",
        description: "In production, aws_db_instance and aws_rds_cluster must set deletion_protection = true. A database is in production when its Environment tag (with the AWS provider's default_tags) or its module's environment variable has a production value; when neither is known, the rule does not report. Unknown values are not reported.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 5.5,
        category: "Terraform",
        tags: new[] { "reliability", "terraform", "aws", "rds" },
        helpMarkdown: """
            ## Why
            Without deletion protection, a `terraform destroy`, a renamed resource or a changed attribute that forces
            replacement deletes the production database; the API refuses to delete a protected one until the flag
            is turned off in a separate, reviewable change.

            ## How to fix
            Set `deletion_protection = true` in production, for example
            `deletion_protection = var.environment == "production"`. Which environments are production, and
            where the environment is read from, are the `production_environments`, `environment_tag_keys` and
            `environment_variables` parameters. Unknown values (an environment variable without a value) are not
            reported.

            ## Example
            Bad (with `environment = "production"` in `terraform.tfvars`):
            ```hcl
            resource "aws_db_instance" "main" {
              deletion_protection = false
            }
            ```
            Good:
            ```hcl
            resource "aws_db_instance" "main" {
              deletion_protection = var.environment == "production"
            }
            ```
            """,
        precision: "high",
        peers: new[]
        {
            new PeerRule("Checkov", "CKV_AWS_293"),
            new PeerRule("Checkov", "CKV_AWS_139"),
            new PeerRule("tfsec", "aws-rds-enable-deletion-protection"),
            new PeerRule("Trivy", "AVD-AWS-0177"),
        });

    public override RuleDescriptor Descriptor => Definition;

    protected override void Analyze(TerraformProject project, RuleParameters parameters, TerraformReport report)
    {
        var production = new ProductionEnvironment(parameters);
        foreach (var database in project.ResourcesOfType("aws_db_instance", "aws_rds_cluster"))
        {
            if (production.Includes(database) != true) continue;
            var attribute = database.Attribute("deletion_protection");
            if (TerraformFacts.BoolOrDefault(database.Body, "deletion_protection", whenUnset: false) != false) continue;
            if (attribute is null || attribute.Value.IsNull) report.At(database.Module, database.Body, $"{database.LocalAddress} is a production database without deletion_protection: one plan that replaces or destroys it deletes it.");
            else report.At(database.Module, attribute, $"{database.LocalAddress} is a production database with deletion_protection = false.");
        }
    }
}
