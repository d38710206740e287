using OpsTower.Policy.Formats.Terraform;

namespace OpsTower.Policy.Rules.Terraform;

/// <summary>Production database instances run in several availability zones.</summary>
public sealed class RdsMultiAzRule : TerraformRule
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP3006",
        name: "RdsMultiAz",
        title: "Production RDS instances are Multi-AZ.",
        description: "In production, aws_db_instance must set multi_az = true (Aurora clusters replicate storage across zones and are not checked; read replicas are skipped). Production is decided as for OTP3004; when unknown, or when multi_az is unknown, the rule does not report.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 4.0,
        category: "Terraform",
        tags: new[] { "reliability", "terraform", "aws", "rds" },
        helpMarkdown: """
            ## Why
            A single-AZ instance is down for the whole of an availability-zone outage, and during every
            maintenance that restarts it. Multi-AZ keeps a synchronous standby in another zone and fails over to it
            in a minute or two.

            ## How to fix
            Set `multi_az = true` in production, e.g. `multi_az = var.environment == "production"`.

            ## Example
            Bad (in production):
            ```hcl
            resource "aws_db_instance" "main" {
              multi_az = false
            }
            ```
            Good:
            ```hcl
            resource "aws_db_instance" "main" {
              multi_az = true
            }
            ```
            """,
        precision: "high",
        peers: new[]
        {
            new PeerRule("Checkov", "CKV_AWS_157"),
            new PeerRule("Trivy", "AVD-AWS-0176"),
        });

    public override RuleDescriptor Descriptor => Definition;

    protected override void Analyze(TerraformProject project, RuleParameters parameters, TerraformReport report)
    {
        var production = new ProductionEnvironment(parameters);
        foreach (var database in project.ResourcesOfType("aws_db_instance"))
        {
            if (!database.ValueOf("replicate_source_db").IsNull || production.Includes(database) != true) continue;
            if (TerraformFacts.BoolOrDefault(database.Body, "multi_az", whenUnset: false) != false) continue;
            var attribute = database.Attribute("multi_az");
            if (attribute is null || attribute.Value.IsNull) report.At(database.Module, database.Body, $"{database.LocalAddress} is a production database in a single availability zone: set multi_az = true.");
            else report.At(database.Module, attribute, $"{database.LocalAddress} is a production database with multi_az = false: a zone outage takes it down.");
        }
    }
}
