using OpsTower.Policy.Formats.Terraform;

namespace OpsTower.Policy.Rules.Terraform;

/// <summary>Deleting a production database keeps a final snapshot.</summary>
public sealed class RdsFinalSnapshotRule : TerraformRule
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP3005",
        name: "RdsFinalSnapshot",
        title: "Production RDS databases take a final snapshot when deleted.",
        description: "In production, aws_db_instance and aws_rds_cluster must not set skip_final_snapshot = true. Production is decided as for OTP3004 (Environment tag or environment variable); when unknown, the rule does not report, nor does it report unknown values.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 5.0,
        category: "Terraform",
        tags: new[] { "reliability", "terraform", "aws", "rds", "backup" },
        helpMarkdown: """
            ## Why
            Automated backups are deleted with the database. The final snapshot is the only copy left after a
            database is destroyed, deliberately or by a plan that replaces it.

            ## How to fix
            Leave `skip_final_snapshot` false in production (its default) and set `final_snapshot_identifier`;
            `skip_final_snapshot = var.environment != "production"` keeps test environments cheap to tear down.

            ## Example
            Bad (in production):
            ```hcl
            resource "aws_db_instance" "main" {
              skip_final_snapshot = true
            }
            ```
            Good:
            ```hcl
            resource "aws_db_instance" "main" {
              skip_final_snapshot       = false
              final_snapshot_identifier = "ops-tower-final"
            }
            ```
            """,
        precision: "high",
        peers: new[] { new PeerRule("Checkov", "CKV_AWS_162") });

    public override RuleDescriptor Descriptor => Definition;

    protected override void Analyze(TerraformProject project, RuleParameters parameters, TerraformReport report)
    {
        var production = new ProductionEnvironment(parameters);
        foreach (var database in project.ResourcesOfType("aws_db_instance", "aws_rds_cluster"))
        {
            if (production.Includes(database) != true) continue;
            var attribute = database.Attribute("skip_final_snapshot");
            if (attribute is not null && TerraformFacts.AsBool(attribute.Value) == true)
                report.At(database.Module, attribute, $"{database.LocalAddress} is a production database that skips its final snapshot: deleting it leaves no copy of the data.");
        }
    }
}
