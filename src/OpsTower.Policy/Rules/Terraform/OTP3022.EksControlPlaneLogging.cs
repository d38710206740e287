using System.Linq;
using OpsTower.Policy.Formats.Terraform;

namespace OpsTower.Policy.Rules.Terraform;

/// <summary>EKS sends its control-plane logs to CloudWatch.</summary>
public sealed class EksControlPlaneLoggingRule : TerraformRule
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP3022",
        name: "EksControlPlaneLogging",
        title: "EKS clusters enable the required control-plane log types.",
        description: "An aws_eks_cluster's enabled_cluster_log_types must include every type in required_log_types (api, audit and authenticator in the baseline); none are enabled by default. Calls of the terraform-aws-modules/eks module enable these by default and are reported only when cluster_enabled_log_types (enabled_log_types since v21) is proven to lack one. Unknown values are not reported.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 4.0,
        category: "Terraform",
        tags: new[] { "security", "terraform", "aws", "eks", "kubernetes", "logging" },
        helpMarkdown: """
            ## Why
            The audit log is the only record of who did what through the Kubernetes API: which user read a
            secret, created a privileged pod or changed RBAC. The authenticator log shows which IAM identities
            logged in. Without them an incident cannot be investigated.

            ## How to fix
            Set `enabled_cluster_log_types = ["api", "audit", "authenticator"]` (add `controllerManager` and
            `scheduler` as needed). The required types are the `required_log_types` parameter.

            ## Example
            Bad:
            ```hcl
            resource "aws_eks_cluster" "main" {
              enabled_cluster_log_types = ["api"]
            }
            ```
            Good:
            ```hcl
            resource "aws_eks_cluster" "main" {
              enabled_cluster_log_types = ["api", "audit", "authenticator"]
            }
            ```
            """,
        precision: "very-high",
        peers: new[]
        {
            new PeerRule("Checkov", "CKV_AWS_37"),
            new PeerRule("tfsec", "aws-eks-enable-control-plane-logging"),
            new PeerRule("Trivy", "AVD-AWS-0038"),
        });

    public override RuleDescriptor Descriptor => Definition;

    protected override void Analyze(TerraformProject project, RuleParameters parameters, TerraformReport report)
    {
        var required = parameters.GetStringList("required_log_types");
        var moduleSources = parameters.GetStringList("eks_module_sources");
        foreach (var cluster in project.ResourcesOfType("aws_eks_cluster"))
        {
            var types = cluster.Attribute("enabled_cluster_log_types");
            if (types is null || types.Value.IsNull)
            {
                report.At(cluster.Module, cluster.Body, $"{cluster.LocalAddress} enables no control-plane logs: set enabled_cluster_log_types to include {string.Join(", ", required)}.");
                continue;
            }
            Check(cluster.Module, types, cluster.LocalAddress, required, report);
        }
        foreach (var call in project.ModuleCalls.Where(c => TerraformFacts.IsModule(c, moduleSources)))
        {
            var types = TerraformFacts.FirstInput(call, "cluster_enabled_log_types", "enabled_log_types");
            if (types is not null) Check(call.Caller, types, $"module.{call.Name}", required, report);
        }
    }

    private static void Check(TerraformModule module, TerraformAttribute types, string what, System.Collections.Generic.IReadOnlyList<string> required, TerraformReport report)
    {
        var enabled = types.Value.IsNull ? new string[0] : TerraformFacts.AsStrings(types.Value);
        if (enabled is null) return;
        var missing = required.Where(r => !enabled.Contains(r)).ToList();
        if (missing.Count > 0) report.At(module, types, $"{what} does not enable the {string.Join(", ", missing)} control-plane log(s).");
    }
}
