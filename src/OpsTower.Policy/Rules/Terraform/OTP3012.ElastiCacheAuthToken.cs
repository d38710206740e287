using OpsTower.Policy.Formats.Terraform;

namespace OpsTower.Policy.Rules.Terraform;

/// <summary>Redis replication groups require clients to authenticate.</summary>
public sealed class ElastiCacheAuthTokenRule : TerraformRule
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP3012",
        name: "ElastiCacheAuthToken",
        title: "ElastiCache replication groups require authentication.",
        description: "aws_elasticache_replication_group must set auth_token or user_group_ids (Redis RBAC); without either, anything that can reach the port can read and write every key. Reported only when neither attribute is present or both are proven null.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 6.0,
        category: "Terraform",
        tags: new[] { "security", "terraform", "aws", "elasticache", "authentication" },
        helpMarkdown: """
            ## Why
            Network rules are one control; a compromised pod in the same VPC, or a misrouted peering, then has full
            access to the cache, including `FLUSHALL` and `CONFIG`. Redis AUTH or RBAC users make the password a
            second, independent control.

            ## How to fix
            Set `auth_token` from a secret (a Secrets Manager value or a `sensitive` variable, never a literal), with
            `transit_encryption_enabled = true`, or attach RBAC users with `user_group_ids`.

            ## Example
            Bad:
            ```hcl
            resource "aws_elasticache_replication_group" "main" {
              transit_encryption_enabled = true
            }
            ```
            Good:
            ```hcl
            resource "aws_elasticache_replication_group" "main" {
              transit_encryption_enabled = true
              auth_token                 = random_password.redis.result
            }
            ```
            """,
        precision: "high",
        peers: new[] { new PeerRule("Checkov", "CKV_AWS_31") });

    public override RuleDescriptor Descriptor => Definition;

    protected override void Analyze(TerraformProject project, RuleParameters parameters, TerraformReport report)
    {
        foreach (var group in project.ResourcesOfType("aws_elasticache_replication_group"))
        {
            if (!group.ValueOf("auth_token").IsNull || !group.ValueOf("user_group_ids").IsNull) continue;
            report.At(group.Module, group.Body, $"{group.LocalAddress} sets neither auth_token nor user_group_ids: any client that reaches it can read and write every key.");
        }
    }
}
