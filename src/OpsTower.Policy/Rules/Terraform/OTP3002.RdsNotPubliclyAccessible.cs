using OpsTower.Policy.Formats.Terraform;

namespace OpsTower.Policy.Rules.Terraform;

/// <summary>RDS databases are not reachable from the internet.</summary>
public sealed class RdsNotPubliclyAccessibleRule : TerraformRule
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP3002",
        name: "RdsNotPubliclyAccessible",
        title: "RDS databases are not publicly accessible.",
        description: "aws_db_instance, aws_rds_cluster_instance and aws_rds_cluster must not set publicly_accessible = true, which gives the database a public DNS name and address. Reported only when the configuration proves the value true.",
        defaultLevel: FindingLevel.Error,
        securitySeverity: 8.5,
        category: "Terraform",
        tags: new[] { "security", "terraform", "aws", "rds", "network" },
        helpMarkdown: """
            ## Why
            A publicly accessible database resolves to a public IP address: one permissive security group rule
            away from the whole internet brute-forcing its login, and exposed to every unpatched protocol-level
            vulnerability of the engine. Applications reach the database from inside the VPC; operators use a
            bastion, SSM port forwarding or a VPN.

            ## How to fix
            Remove `publicly_accessible` (it defaults to false) or set it to false, and place the database in
            private subnets. Unknown values are not reported.

            ## Example
            Bad:
            ```hcl
            resource "aws_db_instance" "main" {
              publicly_accessible = true
            }
            ```
            Good:
            ```hcl
            resource "aws_db_instance" "main" {
              publicly_accessible  = false
              db_subnet_group_name = aws_db_subnet_group.private.name
            }
            ```
            """,
        precision: "very-high",
        peers: new[]
        {
            new PeerRule("Checkov", "CKV_AWS_17"),
            new PeerRule("tfsec", "aws-rds-no-public-db-access"),
            new PeerRule("Trivy", "AVD-AWS-0082"),
        });

    public override RuleDescriptor Descriptor => Definition;

    protected override void Analyze(TerraformProject project, RuleParameters parameters, TerraformReport report)
    {
        foreach (var database in project.ResourcesOfType("aws_db_instance", "aws_rds_cluster_instance", "aws_rds_cluster"))
        {
            var attribute = database.Attribute("publicly_accessible");
            if (attribute is not null && TerraformFacts.AsBool(attribute.Value) == true)
                report.At(database.Module, attribute, $"{database.LocalAddress} is publicly accessible: it gets a public address reachable from the internet.");
        }
    }
}
