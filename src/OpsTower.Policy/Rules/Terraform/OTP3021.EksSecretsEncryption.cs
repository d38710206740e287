using System.Linq;
using OpsTower.Policy.Formats.Hcl;
using OpsTower.Policy.Formats.Terraform;

namespace OpsTower.Policy.Rules.Terraform;

/// <summary>EKS encrypts Kubernetes secrets with a KMS key.</summary>
public sealed class EksSecretsEncryptionRule : TerraformRule
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP3021",
        name: "EksSecretsEncryption",
        title: "EKS clusters encrypt Kubernetes secrets with KMS.",
        description: "An aws_eks_cluster needs an encryption_config block whose resources include \"secrets\". Calls of the terraform-aws-modules/eks module encrypt secrets by default; they are reported only when cluster_encryption_config (encryption_config since v21) is proven empty. Unknown values are not reported.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 6.0,
        category: "Terraform",
        tags: new[] { "security", "terraform", "aws", "eks", "kubernetes", "encryption", "secrets" },
        helpMarkdown: """
            ## Why
            Kubernetes stores Secrets in etcd base64-encoded, not encrypted. Envelope encryption with a KMS key
            means a copy of etcd (a backup, a snapshot) does not reveal them, and access to the key is audited in
            CloudTrail.

            ## How to fix
            Add `encryption_config { resources = ["secrets"]; provider { key_arn = aws_kms_key.eks.arn } }`, or keep
            the terraform-aws-modules/eks default (do not set `cluster_encryption_config = {}`).

            ## Example
            Bad:
            ```hcl
            resource "aws_eks_cluster" "main" {
              name = "ops-tower"
            }
            ```
            Good:
            ```hcl
            resource "aws_eks_cluster" "main" {
              name = "ops-tower"
              encryption_config {
                resources = ["secrets"]
                provider {
                  key_arn = aws_kms_key.eks.arn
                }
              }
            }
            ```
            """,
        precision: "high",
        peers: new[]
        {
            new PeerRule("Checkov", "CKV_AWS_58"),
            new PeerRule("tfsec", "aws-eks-encrypt-secrets"),
            new PeerRule("Trivy", "AVD-AWS-0039"),
        });

    public override RuleDescriptor Descriptor => Definition;

    protected override void Analyze(TerraformProject project, RuleParameters parameters, TerraformReport report)
    {
        var moduleSources = parameters.GetStringList("eks_module_sources");
        foreach (var cluster in project.ResourcesOfType("aws_eks_cluster"))
        {
            var configs = cluster.Body.BlocksOfType("encryption_config").ToList();
            if (configs.Any(c => TerraformFacts.AsStrings(c.ValueOf("resources")) is not { } resources || resources.Contains("secrets"))) continue;
            report.At(cluster.Module, configs.Count > 0 ? configs[0] : cluster.Body, $"{cluster.LocalAddress} does not encrypt Kubernetes secrets with KMS: add an encryption_config for \"secrets\".");
        }
        foreach (var call in project.ModuleCalls.Where(c => TerraformFacts.IsModule(c, moduleSources)))
        {
            var config = TerraformFacts.FirstInput(call, "cluster_encryption_config", "encryption_config");
            if (config is null || !config.Value.IsKnown) continue;
            bool empty = config.Value.IsNull || (config.Value.Kind == HclValueKind.Object && config.Value.Attributes.Count == 0)
                || (config.Value.Kind == HclValueKind.Tuple && config.Value.Elements.Count == 0);
            if (empty) report.At(call.Caller, config, $"module.{call.Name} turns off the encryption of Kubernetes secrets with {config.Name} = {TerraformFacts.Show(config.Value)}.");
        }
    }
}
