using System.Linq;
using OpsTower.Policy.Formats.Hcl;
using OpsTower.Policy.Formats.Terraform;

namespace OpsTower.Policy.Rules.Terraform;

/// <summary>The EKS API endpoint is private, or public only to listed networks.</summary>
public sealed class EksEndpointNotPublicRule : TerraformRule
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP3020",
        name: "EksEndpointNotPublic",
        title: "The EKS API endpoint is not open to the whole internet.",
        description: "An aws_eks_cluster's vpc_config must set endpoint_public_access = false (the default is true), or restrict public_access_cidrs to networks other than 0.0.0.0/0 and ::/0 (the default is 0.0.0.0/0). Calls of the terraform-aws-modules/eks module are checked through their inputs: cluster_endpoint_public_access (endpoint_public_access since v21) with cluster_endpoint_public_access_cidrs (endpoint_public_access_cidrs), whose default is 0.0.0.0/0. Unknown values are not reported.",
        defaultLevel: FindingLevel.Error,
        securitySeverity: 8.0,
        category: "Terraform",
        tags: new[] { "security", "terraform", "aws", "eks", "kubernetes", "network" },
        helpMarkdown: """
            ## Why
            A public Kubernetes API endpoint open to 0.0.0.0/0 lets anyone on the internet reach the API server:
            every credential leak (a kubeconfig in a laptop backup, a CI token) and every API server vulnerability
            is then exploitable from anywhere. Keeping the endpoint private, or limiting it to the office and CI
            egress ranges, removes that exposure.

            ## How to fix
            Use the private endpoint (`endpoint_private_access = true`, `endpoint_public_access = false`) and reach
            it through a VPN or bastion; or keep the public endpoint with `public_access_cidrs` listing only known
            networks. With the terraform-aws-modules/eks module, set `cluster_endpoint_public_access = false` or
            `cluster_endpoint_public_access_cidrs`. The module sources checked are the `eks_module_sources`
            parameter; open networks are `open_cidrs`.

            ## Example
            Bad:
            ```hcl
            module "eks" {
              source                          = "terraform-aws-modules/eks/aws"
              cluster_endpoint_public_access  = true
            }
            ```
            Good:
            ```hcl
            module "eks" {
              source                               = "terraform-aws-modules/eks/aws"
              cluster_endpoint_public_access       = true
              cluster_endpoint_public_access_cidrs = ["203.0.113.0/24"]
            }
            ```
            """,
        precision: "high",
        peers: new[]
        {
            new PeerRule("Checkov", "CKV_AWS_38"),
            new PeerRule("Checkov", "CKV_AWS_39"),
            new PeerRule("tfsec", "aws-eks-no-public-cluster-access"),
            new PeerRule("tfsec", "aws-eks-no-public-cluster-access-to-cidr"),
            new PeerRule("Trivy", "AVD-AWS-0040"),
            new PeerRule("Trivy", "AVD-AWS-0041"),
        });

    public override RuleDescriptor Descriptor => Definition;

    protected override void Analyze(TerraformProject project, RuleParameters parameters, TerraformReport report)
    {
        var openCidrs = parameters.GetStringList("open_cidrs");
        var moduleSources = parameters.GetStringList("eks_module_sources");
        foreach (var cluster in project.ResourcesOfType("aws_eks_cluster"))
        {
            var vpc = cluster.Body.BlocksOfType("vpc_config").FirstOrDefault();
            if (vpc is null || TerraformFacts.BoolOrDefault(vpc, "endpoint_public_access", whenUnset: true) != true) continue;
            Check(cluster.Module, vpc.Attribute("endpoint_public_access"), vpc, vpc.Attribute("public_access_cidrs"), cluster.LocalAddress, "public_access_cidrs", openCidrs, report);
        }
        foreach (var call in project.ModuleCalls.Where(c => TerraformFacts.IsModule(c, moduleSources)))
        {
            var publicAccess = TerraformFacts.FirstInput(call, "cluster_endpoint_public_access", "endpoint_public_access");
            if (publicAccess is null || TerraformFacts.AsBool(publicAccess.Value) != true) continue;
            var cidrs = TerraformFacts.FirstInput(call, "cluster_endpoint_public_access_cidrs", "endpoint_public_access_cidrs");
            Check(call.Caller, publicAccess, call.Body, cidrs, $"module.{call.Name}", cidrs?.Name ?? "cluster_endpoint_public_access_cidrs", openCidrs, report);
        }
    }

    private static void Check(TerraformModule module, TerraformAttribute? publicAccess, TerraformBlock block, TerraformAttribute? cidrs, string what, string cidrsName,
        System.Collections.Generic.IReadOnlyList<string> openCidrs, TerraformReport report)
    {
        if (cidrs is null || cidrs.Value.IsNull)
        {
            string message = $"{what} has a public API endpoint open to the internet: {cidrsName} is not set, so it defaults to 0.0.0.0/0.";
            if (publicAccess is not null) report.At(module, publicAccess, message);
            else report.At(module, block, message);
            return;
        }
        var open = TerraformFacts.AsStrings(cidrs.Value)?.Where(openCidrs.Contains).ToList();
        if (open is { Count: > 0 })
            report.At(module, cidrs, $"{what} has a public API endpoint open to {string.Join(" and ", open)}.");
    }
}
