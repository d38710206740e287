using System.Linq;
using OpsTower.Policy.Formats.Terraform;

namespace OpsTower.Policy.Rules.Terraform;

/// <summary>S3 buckets block public access.</summary>
public sealed class S3BucketPublicAccessBlockRule : TerraformRule
{
    private static readonly string[] Settings = { "block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets" };

    public static readonly RuleDescriptor Definition = new(
        id: "OTP3032",
        name: "S3BucketPublicAccessBlock",
        title: "S3 buckets block public access.",
        description: "Every aws_s3_bucket needs an aws_s3_bucket_public_access_block that refers to it, unless the configuration has an aws_s3_account_public_access_block. Every public access block (bucket or account) must set block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets to true; each is reported where it is missing or proven false. Unknown values are not reported.",
        defaultLevel: FindingLevel.Error,
        securitySeverity: 7.5,
        category: "Terraform",
        tags: new[] { "security", "terraform", "aws", "s3", "data-exposure" },
        helpMarkdown: """
            ## Why
            Public buckets remain the most common cause of cloud data leaks: one ACL or bucket policy granting
            `*` exposes every object. The public access block overrides such grants, so a later mistake in a policy
            cannot publish the data.

            ## How to fix
            Add an `aws_s3_bucket_public_access_block` for each bucket with the four settings true, or one
            `aws_s3_account_public_access_block` for the account.

            ## Example
            Good:
            ```hcl
            resource "aws_s3_bucket_public_access_block" "backups" {
              bucket                  = aws_s3_bucket.backups.id
              block_public_acls       = true
              block_public_policy     = true
              ignore_public_acls      = true
              restrict_public_buckets = true
            }
            ```
            """,
        precision: "high",
        peers: new[]
        {
            new PeerRule("Checkov", "CKV_AWS_53"),
            new PeerRule("Checkov", "CKV_AWS_54"),
            new PeerRule("Checkov", "CKV_AWS_55"),
            new PeerRule("Checkov", "CKV_AWS_56"),
            new PeerRule("Checkov", "CKV2_AWS_6"),
            new PeerRule("tfsec", "aws-s3-block-public-acls"),
            new PeerRule("Trivy", "AVD-AWS-0086"),
        });

    public override RuleDescriptor Descriptor => Definition;

    protected override void Analyze(TerraformProject project, RuleParameters parameters, TerraformReport report)
    {
        bool accountBlock = project.ResourcesOfType("aws_s3_account_public_access_block").Any();
        foreach (var bucket in project.ResourcesOfType("aws_s3_bucket"))
        {
            if (accountBlock || S3Buckets.Configuration(bucket, "aws_s3_bucket_public_access_block") is not null) continue;
            report.At(bucket.Module, bucket.Body, $"{bucket.LocalAddress} has no aws_s3_bucket_public_access_block: one public ACL or policy would expose its objects.");
        }
        foreach (var block in project.ResourcesOfType("aws_s3_bucket_public_access_block", "aws_s3_account_public_access_block"))
        foreach (string setting in Settings)
        {
            if (TerraformFacts.BoolOrDefault(block.Body, setting, whenUnset: false) != false) continue;
            var attribute = block.Attribute(setting);
            if (attribute is null || attribute.Value.IsNull) report.At(block.Module, block.Body, $"{block.LocalAddress} does not set {setting} = true (the default is false).");
            else report.At(block.Module, attribute, $"{block.LocalAddress} sets {setting} = false.");
        }
    }
}
