using System.Collections.Generic;
using System.Linq;
using OpsTower.Policy.Formats.Hcl;
using OpsTower.Policy.Formats.Terraform;

namespace OpsTower.Policy.Rules.Terraform;

/// <summary>EC2 instances and launch templates require IMDSv2 session tokens.</summary>
public sealed class InstanceMetadataV2Rule : TerraformRule
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP3100",
        name: "InstanceMetadataV2",
        title: "EC2 instances and launch templates require IMDSv2.",
        description: "aws_instance and aws_launch_template (which EKS managed node groups use) must set metadata_options { http_tokens = \"required\" }; a missing block or http_tokens, or \"optional\", is reported, and http_endpoint = \"disabled\" passes. Calls of the terraform-aws-modules/eks module require IMDSv2 by default (since v19) and are reported only when a node group's metadata_options (or the node group defaults) proves http_tokens = \"optional\". Unknown values are not reported.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 6.0,
        category: "Terraform",
        tags: new[] { "security", "terraform", "aws", "ec2", "eks", "imds" },
        helpMarkdown: """
            ## Why
            IMDSv1 answers any GET to `169.254.169.254`, so one server-side request forgery in an application (or a
            misconfigured proxy) hands out the instance role's credentials. IMDSv2 requires a session token obtained
            with a PUT, which such requests cannot send. On EKS nodes the node role's credentials are reachable from
            every pod unless IMDSv2 (with a hop limit of 1 or 2) is enforced.

            Whether the provider default is `optional` depends on the AMI and the account's instance metadata
            defaults, which the configuration does not show, so the rule asks for the setting in code.

            ## How to fix
            Add `metadata_options { http_tokens = "required" }` to the instance or launch template (or disable the
            endpoint with `http_endpoint = "disabled"` when nothing on the instance needs it). For the
            terraform-aws-modules/eks module, remove `http_tokens = "optional"` from the node group's
            `metadata_options`.

            ## Example
            Bad:
            ```hcl
            resource "aws_instance" "bastion" {
              ami           = "ami-0123456789abcdef0"
              instance_type = "t3.micro"
            }
            ```
            Good:
            ```hcl
            resource "aws_instance" "bastion" {
              ami           = "ami-0123456789abcdef0"
              instance_type = "t3.micro"

              metadata_options {
                http_tokens                 = "required"
                http_put_response_hop_limit = 1
              }
            }
            ```
            """,
        precision: "high",
        peers: new[]
        {
            new PeerRule("Checkov", "CKV_AWS_79"),
            new PeerRule("tfsec", "aws-ec2-enforce-http-token-imds"),
            new PeerRule("tfsec", "aws-ec2-enforce-launch-config-http-token-imds"),
            new PeerRule("Trivy", "AVD-AWS-0028"),
            new PeerRule("Trivy", "AVD-AWS-0130"),
        });

    public override RuleDescriptor Descriptor => Definition;

    private const string Consequence = "so IMDSv1 stays available and one request forgery can read the instance role's credentials";

    protected override void Analyze(TerraformProject project, RuleParameters parameters, TerraformReport report)
    {
        var moduleSources = parameters.GetStringList("eks_module_sources");
        foreach (var resource in project.ResourcesOfType("aws_instance", "aws_launch_template"))
        {
            var options = resource.Body.BlocksOfType("metadata_options").ToList();
            if (options.Count == 0)
            {
                report.At(resource.Module, resource.Body, $"{resource.LocalAddress} has no metadata_options block, so http_tokens is not \"required\" and {Consequence}.");
                continue;
            }
            foreach (var block in options)
            {
                if (!MayServeV1(block.ValueOf("http_endpoint"))) continue;
                var tokens = block.Attribute("http_tokens");
                if (tokens is null || tokens.Value.IsNull)
                    report.At(resource.Module, block, $"{resource.LocalAddress} does not set metadata_options.http_tokens = \"required\", {Consequence}.");
                else if (TerraformFacts.AsString(tokens.Value) is { } value && value != "required")
                    report.At(resource.Module, tokens, $"{resource.LocalAddress} sets http_tokens = \"{value}\", {Consequence}.");
            }
        }
        foreach (var call in project.ModuleCalls.Where(c => TerraformFacts.IsModule(c, moduleSources)))
        {
            // The node group submodules take metadata_options directly; the root module takes it per group or in the defaults.
            CheckInput(call, call.Body.Attribute("metadata_options"), report, v => Single("", v));
            foreach (string name in new[] { "eks_managed_node_group_defaults", "self_managed_node_group_defaults" })
                CheckInput(call, call.Body.Attribute(name), report, v => Single("", v.Kind == HclValueKind.Object && v.Attributes.TryGetValue("metadata_options", out var o) ? o : HclValue.Null));
            foreach (string name in new[] { "eks_managed_node_groups", "self_managed_node_groups" })
                CheckInput(call, call.Body.Attribute(name), report, Groups);
        }
    }

    /// <summary>Reports the groups whose metadata_options prove http_tokens = "optional" (the module's own default is "required").</summary>
    private static void CheckInput(TerraformModuleCall call, TerraformAttribute? input, TerraformReport report, System.Func<HclValue, IEnumerable<(string Group, HclValue Options)>> options)
    {
        if (input is null) return;
        foreach (var (group, value) in options(input.Value))
        {
            if (value.Kind != HclValueKind.Object || !value.Attributes.TryGetValue("http_tokens", out var tokens)) continue;
            if (!MayServeV1(value.Attributes.TryGetValue("http_endpoint", out var endpoint) ? endpoint : HclValue.Null)) continue;
            if (TerraformFacts.AsString(tokens) is { } text && text != "required")
                report.At(call.Caller, input, $"module.{call.Name} {(group.Length == 0 ? "" : $"node group \"{group}\" ")}sets metadata_options.http_tokens = \"{text}\" in {input.Name}, {Consequence}.");
        }
    }

    private static IEnumerable<(string, HclValue)> Single(string group, HclValue options) => new[] { (group, options) };

    private static IEnumerable<(string, HclValue)> Groups(HclValue groups) =>
        groups.Kind != HclValueKind.Object
            ? Enumerable.Empty<(string, HclValue)>()
            : groups.Attributes.Select(g => (g.Key, g.Value.Kind == HclValueKind.Object && g.Value.Attributes.TryGetValue("metadata_options", out var o) ? o : HclValue.Null));

    /// <summary>False only when the endpoint is proven disabled or unknown (unknown values never report).</summary>
    private static bool MayServeV1(HclValue endpoint) => endpoint.IsNull || TerraformFacts.AsString(endpoint) is { } text && text != "disabled";
}
