using System.Linq;
using OpsTower.Policy.Formats.Terraform;

namespace OpsTower.Policy.Rules.Terraform;

/// <summary>EBS volumes, instance block devices and launch template block devices are encrypted.</summary>
public sealed class EbsEncryptedRule : TerraformRule
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP3101",
        name: "EbsEncrypted",
        title: "EBS volumes and instance block devices are encrypted at rest.",
        description: "aws_ebs_volume, the root_block_device and ebs_block_device blocks of aws_instance (a missing root_block_device included) and the block_device_mappings[].ebs blocks of aws_launch_template must set encrypted = true (a launch template without block_device_mappings leaves the volumes to the AMI, often supplied by the caller, and is not reported). An aws_ebs_encryption_by_default with enabled = true anywhere in the scan covers those that leave encrypted unset, and a volume created from a snapshot_id takes the snapshot's encryption, so it is not reported when encrypted is unset. Unknown values are not reported.",
        defaultLevel: FindingLevel.Error,
        securitySeverity: 7.0,
        category: "Terraform",
        tags: new[] { "security", "terraform", "aws", "ec2", "ebs", "encryption" },
        helpMarkdown: """
            ## Why
            EBS volumes hold databases, caches, logs and container layers. Unencrypted, their snapshots (shared,
            copied to other accounts or regions, kept for years) expose the data to anyone who can read them, and
            encryption cannot be turned on later: the volume must be copied.

            ## How to fix
            Set `encrypted = true` (and `kms_key_id` for a customer-managed key) on `aws_ebs_volume`, on every
            `root_block_device` and `ebs_block_device` of `aws_instance`, and on `block_device_mappings { ebs { … } }`
            of `aws_launch_template`. An instance without `root_block_device` takes its root volume from the AMI,
            usually unencrypted, so it is reported.

            An `aws_ebs_encryption_by_default` resource with `enabled = true` (its default) anywhere in the scanned
            configuration encrypts every new volume of the account and region, so volumes that leave `encrypted`
            unset are then not reported; one that sets `encrypted = false` still is, because the code contradicts the
            intent. The rule cannot see an account default enabled outside the scan.

            ## Example
            Bad:
            ```hcl
            resource "aws_ebs_volume" "data" {
              availability_zone = "eu-west-1a"
              size              = 100
            }
            ```
            Good:
            ```hcl
            resource "aws_ebs_volume" "data" {
              availability_zone = "eu-west-1a"
              size              = 100
              encrypted         = true
              kms_key_id        = aws_kms_key.data.arn
            }
            ```
            """,
        precision: "high",
        peers: new[]
        {
            new PeerRule("Checkov", "CKV_AWS_3"),
            new PeerRule("Checkov", "CKV_AWS_8"),
            new PeerRule("tfsec", "aws-ec2-enable-volume-encryption"),
            new PeerRule("tfsec", "aws-ec2-enable-at-rest-encryption"),
            new PeerRule("Trivy", "AVD-AWS-0026"),
            new PeerRule("Trivy", "AVD-AWS-0131"),
        });

    public override RuleDescriptor Descriptor => Definition;

    protected override void Analyze(TerraformProject project, RuleParameters parameters, TerraformReport report)
    {
        // An unknown "enabled" may be true, so it also covers unset volumes: unknown values never report.
        bool encryptedByDefault = project.ResourcesOfType("aws_ebs_encryption_by_default").Any(r => TerraformFacts.BoolOrDefault(r.Body, "enabled", whenUnset: true) != false);
        foreach (var volume in project.ResourcesOfType("aws_ebs_volume"))
            Check(volume, volume.Body, volume.LocalAddress, encryptedByDefault, report);
        foreach (var instance in project.ResourcesOfType("aws_instance"))
        {
            var roots = instance.Body.BlocksOfType("root_block_device").ToList();
            if (roots.Count == 0 && !encryptedByDefault)
                report.At(instance.Module, instance.Body, $"{instance.LocalAddress} has no root_block_device with encrypted = true, so its root volume takes the AMI's encryption, usually none.");
            foreach (var device in roots.Concat(instance.Body.BlocksOfType("ebs_block_device")))
                Check(instance, device, $"{instance.LocalAddress} {device.Type}", encryptedByDefault, report);
        }
        foreach (var template in project.ResourcesOfType("aws_launch_template"))
        {
            foreach (var ebs in template.Body.BlocksOfType("block_device_mappings").SelectMany(m => m.BlocksOfType("ebs")))
                Check(template, ebs, $"{template.LocalAddress} block_device_mappings.ebs", encryptedByDefault, report);
        }
    }

    private static void Check(TerraformResource resource, TerraformBlock block, string what, bool encryptedByDefault, TerraformReport report)
    {
        var encrypted = block.Attribute("encrypted");
        if (encrypted is null || encrypted.Value.IsNull)
        {
            // A volume restored from a snapshot is encrypted exactly when the snapshot is, which the code does not show.
            if (encryptedByDefault || !block.ValueOf("snapshot_id").IsNull) return;
            report.At(resource.Module, block, $"{what} does not set encrypted = true (the default is false), so the volume and its snapshots are unencrypted at rest.");
        }
        else if (TerraformFacts.AsBool(encrypted.Value) == false)
        {
            report.At(resource.Module, encrypted, $"{what} sets encrypted = {TerraformFacts.Show(encrypted.Value)}, so the volume and its snapshots are unencrypted at rest.");
        }
    }
}
