using System.Linq;
using OpsTower.Policy.Formats.Terraform;

namespace OpsTower.Policy.Rules.Terraform;

/// <summary>S3 buckets keep object versions.</summary>
public sealed class S3BucketVersioningRule : TerraformRule
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP3033",
        name: "S3BucketVersioning",
        title: "S3 buckets have versioning enabled.",
        description: "An aws_s3_bucket needs an aws_s3_bucket_versioning that refers to it with versioning_configuration status \"Enabled\" (or, with provider v3, an inline versioning block with enabled = true). A status or enabled value proven otherwise is reported where it is written; unknown values are not reported.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 4.0,
        category: "Terraform",
        tags: new[] { "reliability", "terraform", "aws", "s3", "backup" },
        helpMarkdown: """
            ## Why
            Without versioning, an overwrite or delete (a bug, a compromised key, ransomware) destroys the object
            for good. Versioning keeps previous versions, and is required for replication and Object Lock. The Ops
            Tower database backups go to S3.

            ## How to fix
            Add an `aws_s3_bucket_versioning` with `status = "Enabled"`, and a lifecycle rule expiring noncurrent
            versions to bound the cost.

            ## Example
            Good:
            ```hcl
            resource "aws_s3_bucket_versioning" "backups" {
              bucket = aws_s3_bucket.backups.id
              versioning_configuration {
                status = "Enabled"
              }
            }
            ```
            """,
        precision: "high",
        peers: new[]
        {
            new PeerRule("Checkov", "CKV_AWS_21"),
            new PeerRule("tfsec", "aws-s3-enable-versioning"),
            new PeerRule("Trivy", "AVD-AWS-0090"),
        });

    public override RuleDescriptor Descriptor => Definition;

    protected override void Analyze(TerraformProject project, RuleParameters parameters, TerraformReport report)
    {
        foreach (var bucket in project.ResourcesOfType("aws_s3_bucket"))
        {
            var inline = bucket.Body.BlocksOfType("versioning").FirstOrDefault();
            if (inline is not null)
            {
                var enabled = inline.Attribute("enabled");
                if (TerraformFacts.BoolOrDefault(inline, "enabled", whenUnset: false) != false) continue;
                if (enabled is null || enabled.Value.IsNull) report.At(bucket.Module, inline, $"{bucket.LocalAddress} has a versioning block that does not enable versioning.");
                else report.At(bucket.Module, enabled, $"{bucket.LocalAddress} has versioning disabled.");
                continue;
            }
            var versioning = S3Buckets.Configuration(bucket, "aws_s3_bucket_versioning");
            if (versioning is null)
            {
                report.At(bucket.Module, bucket.Body, $"{bucket.LocalAddress} has no aws_s3_bucket_versioning: overwritten and deleted objects cannot be recovered.");
                continue;
            }
            var configuration = versioning.Body.BlocksOfType("versioning_configuration").FirstOrDefault();
            var status = configuration?.Attribute("status");
            if (status is not null && TerraformFacts.AsString(status.Value) is { } value && value != "Enabled")
                report.At(versioning.Module, status, $"{versioning.LocalAddress} sets the versioning status of {bucket.LocalAddress} to \"{value}\", not \"Enabled\".");
        }
    }
}
