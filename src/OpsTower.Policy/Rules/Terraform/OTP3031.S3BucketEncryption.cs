using System.Linq;
using OpsTower.Policy.Formats.Terraform;

namespace OpsTower.Policy.Rules.Terraform;

/// <summary>S3 buckets state their server-side encryption.</summary>
public sealed class S3BucketEncryptionRule : TerraformRule
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP3031",
        name: "S3BucketEncryption",
        title: "S3 buckets configure server-side encryption explicitly.",
        description: "An aws_s3_bucket should have an aws_s3_bucket_server_side_encryption_configuration that refers to it (or, with provider v3, an inline server_side_encryption_configuration block). Since January 2023 S3 encrypts new objects with SSE-S3 anyway, so this is a note: the explicit configuration documents the choice and allows a KMS key.",
        defaultLevel: FindingLevel.Note,
        securitySeverity: 3.0,
        category: "Terraform",
        tags: new[] { "security", "terraform", "aws", "s3", "encryption" },
        helpMarkdown: """
            ## Why
            S3 applies SSE-S3 to new objects by default, but only a configured rule can require SSE-KMS with a
            customer-managed key (whose use is audited and can be revoked) or bucket keys; and the configuration in
            code shows reviewers what protects the data.

            ## How to fix
            Add an `aws_s3_bucket_server_side_encryption_configuration` for the bucket.

            ## Example
            Good:
            ```hcl
            resource "aws_s3_bucket" "backups" {
              bucket = "ops-tower-backups"
            }

            resource "aws_s3_bucket_server_side_encryption_configuration" "backups" {
              bucket = aws_s3_bucket.backups.id
              rule {
                apply_server_side_encryption_by_default {
                  sse_algorithm     = "aws:kms"
                  kms_master_key_id = aws_kms_key.backups.arn
                }
              }
            }
            ```
            """,
        precision: "high",
        peers: new[]
        {
            new PeerRule("Checkov", "CKV_AWS_19"),
            new PeerRule("Checkov", "CKV_AWS_145"),
            new PeerRule("tfsec", "aws-s3-enable-bucket-encryption"),
            new PeerRule("Trivy", "AVD-AWS-0088"),
        });

    public override RuleDescriptor Descriptor => Definition;

    protected override void Analyze(TerraformProject project, RuleParameters parameters, TerraformReport report)
    {
        foreach (var bucket in project.ResourcesOfType("aws_s3_bucket"))
        {
            if (bucket.Body.BlocksOfType("server_side_encryption_configuration").Any()) continue;
            if (S3Buckets.Configuration(bucket, "aws_s3_bucket_server_side_encryption_configuration") is not null) continue;
            report.At(bucket.Module, bucket.Body, $"{bucket.LocalAddress} has no server-side encryption configuration: add an aws_s3_bucket_server_side_encryption_configuration for it.");
        }
    }
}
