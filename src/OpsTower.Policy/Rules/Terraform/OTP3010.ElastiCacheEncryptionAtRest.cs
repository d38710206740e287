using OpsTower.Policy.Formats.Terraform;

namespace OpsTower.Policy.Rules.Terraform;

/// <summary>ElastiCache replication groups encrypt data at rest.</summary>
public sealed class ElastiCacheEncryptionAtRestRule : TerraformRule
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP3010",
        name: "ElastiCacheEncryptionAtRest",
        title: "ElastiCache replication groups encrypt data at rest.",
        description: "aws_elasticache_replication_group must set at_rest_encryption_enabled = true (the default is false for Redis OSS). Unknown values are not reported.",
        defaultLevel: FindingLevel.Error,
        securitySeverity: 7.0,
        category: "Terraform",
        tags: new[] { "security", "terraform", "aws", "elasticache", "encryption" },
        helpMarkdown: """
            ## Why
            Redis holds sessions, tokens and cached personal data; its snapshots and swap files land on disk. At-rest
            encryption protects them and the backups exported to S3. It can only be chosen when the group is
            created.

            ## How to fix
            Set `at_rest_encryption_enabled = true` (and `kms_key_id` for a customer-managed key).

            ## Example
            Bad:
            ```hcl
            resource "aws_elasticache_replication_group" "main" {
              replication_group_id = "ops-tower"
            }
            ```
            Good:
            ```hcl
            resource "aws_elasticache_replication_group" "main" {
              replication_group_id       = "ops-tower"
              at_rest_encryption_enabled = true
            }
            ```
            """,
        precision: "very-high",
        peers: new[]
        {
            new PeerRule("Checkov", "CKV_AWS_29"),
            new PeerRule("tfsec", "aws-elasticache-enable-at-rest-encryption"),
            new PeerRule("Trivy", "AVD-AWS-0045"),
        });

    public override RuleDescriptor Descriptor => Definition;

    protected override void Analyze(TerraformProject project, RuleParameters parameters, TerraformReport report)
    {
        foreach (var group in project.ResourcesOfType("aws_elasticache_replication_group"))
            ElastiCacheChecks.RequireTrue(group, "at_rest_encryption_enabled", report, "stores data, snapshots and backups unencrypted at rest");
    }
}

/// <summary>The shared shape of the ElastiCache encryption checks.</summary>
internal static class ElastiCacheChecks
{
    /// <summary>Reports a bool attribute that is proven false or missing (default false).</summary>
    public static void RequireTrue(TerraformResource group, string name, TerraformReport report, string consequence)
    {
        if (TerraformFacts.BoolOrDefault(group.Body, name, whenUnset: false) != false) return;
        var attribute = group.Attribute(name);
        if (attribute is null || attribute.Value.IsNull) report.At(group.Module, group.Body, $"{group.LocalAddress} does not set {name} (the default is false), so it {consequence}.");
        else report.At(group.Module, attribute, $"{group.LocalAddress} sets {name} = {TerraformFacts.Show(attribute.Value)}, so it {consequence}.");
    }
}
