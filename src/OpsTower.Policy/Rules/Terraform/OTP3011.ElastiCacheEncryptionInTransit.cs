using OpsTower.Policy.Formats.Terraform;

namespace OpsTower.Policy.Rules.Terraform;

/// <summary>ElastiCache replication groups encrypt traffic.</summary>
public sealed class ElastiCacheEncryptionInTransitRule : TerraformRule
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP3011",
        name: "ElastiCacheEncryptionInTransit",
        title: "ElastiCache replication groups encrypt data in transit.",
        description: "aws_elasticache_replication_group must set transit_encryption_enabled = true, so clients connect over TLS. Unknown values are not reported.",
        defaultLevel: FindingLevel.Error,
        securitySeverity: 7.0,
        category: "Terraform",
        tags: new[] { "security", "terraform", "aws", "elasticache", "encryption", "tls" },
        helpMarkdown: """
            ## Why
            Without TLS, every command, key and value (session tokens included) crosses the VPC in clear text, and
            Redis AUTH tokens cannot be used at all: AUTH requires in-transit encryption.

            ## How to fix
            Set `transit_encryption_enabled = true` and connect with TLS (`rediss://`).

            ## Example
            Bad:
            ```hcl
            resource "aws_elasticache_replication_group" "main" {
              transit_encryption_enabled = false
            }
            ```
            Good:
            ```hcl
            resource "aws_elasticache_replication_group" "main" {
              transit_encryption_enabled = true
            }
            ```
            """,
        precision: "very-high",
        peers: new[]
        {
            new PeerRule("Checkov", "CKV_AWS_30"),
            new PeerRule("tfsec", "aws-elasticache-enable-in-transit-encryption"),
            new PeerRule("Trivy", "AVD-AWS-0051"),
        });

    public override RuleDescriptor Descriptor => Definition;

    protected override void Analyze(TerraformProject project, RuleParameters parameters, TerraformReport report)
    {
        foreach (var group in project.ResourcesOfType("aws_elasticache_replication_group"))
            ElastiCacheChecks.RequireTrue(group, "transit_encryption_enabled", report, "sends commands and data in clear text");
    }
}
