using OpsTower.Policy.Formats.Terraform;

namespace OpsTower.Policy.Rules.Terraform;

/// <summary>RDS automated backups are kept long enough.</summary>
public sealed class RdsBackupRetentionRule : TerraformRule
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP3003",
        name: "RdsBackupRetention",
        title: "RDS automated backups are kept for at least the minimum retention period.",
        description: "aws_db_instance and aws_rds_cluster must set backup_retention_period to at least min_backup_retention_days (7 in the baseline); without it AWS keeps backups for 1 day, and 0 disables them. Read replicas are skipped. Unknown values are not reported.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 5.0,
        category: "Terraform",
        tags: new[] { "reliability", "terraform", "aws", "rds", "backup" },
        helpMarkdown: """
            ## Why
            Automated backups are what point-in-time recovery restores from. One day of retention means that data
            corruption noticed on Monday morning cannot be undone to Friday; 0 turns backups and point-in-time
            recovery off entirely. The Ops Tower recovery plan (RPO one hour) assumes at least a week.

            ## How to fix
            Set `backup_retention_period` to 7 or more (up to 35). The minimum is the `min_backup_retention_days`
            parameter. Values from variables and `.tfvars` are evaluated; unknown values are not reported.

            ## Example
            Bad:
            ```hcl
            resource "aws_db_instance" "main" {
              backup_retention_period = 1
            }
            ```
            Good:
            ```hcl
            resource "aws_db_instance" "main" {
              backup_retention_period = 14
            }
            ```
            """,
        precision: "very-high",
        peers: new[]
        {
            new PeerRule("Checkov", "CKV_AWS_133"),
            new PeerRule("tfsec", "aws-rds-specify-backup-retention"),
            new PeerRule("Trivy", "AVD-AWS-0077"),
        });

    public override RuleDescriptor Descriptor => Definition;

    protected override void Analyze(TerraformProject project, RuleParameters parameters, TerraformReport report)
    {
        int minimum = parameters.GetInt("min_backup_retention_days");
        foreach (var database in project.ResourcesOfType("aws_db_instance", "aws_rds_cluster"))
        {
            if (!database.ValueOf("replicate_source_db").IsNull) continue;
            var attribute = database.Attribute("backup_retention_period");
            if (attribute is null || attribute.Value.IsNull)
            {
                if (minimum > 1) report.At(database.Module, database.Body, $"{database.LocalAddress} does not set backup_retention_period, so AWS keeps automated backups for 1 day; keep them at least {minimum} days.");
                continue;
            }
            decimal? days = TerraformFacts.AsNumber(attribute.Value);
            if (days < minimum)
                report.At(database.Module, attribute, $"{database.LocalAddress} keeps automated backups for {days} day(s); keep them at least {minimum} days.");
        }
    }
}
