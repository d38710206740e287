using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using OpsTower.Policy.Formats.Hcl;
using OpsTower.Policy.Formats.Terraform;

namespace OpsTower.Policy.Rules.Terraform;

/// <summary>No sensitive port is open to the whole internet.</summary>
public sealed class SecurityGroupOpenIngressRule : TerraformRule
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP3040",
        name: "SecurityGroupOpenIngress",
        title: "Security groups do not open sensitive ports to the internet.",
        description: "Ingress from 0.0.0.0/0 or ::/0 (open_cidrs) to a port in sensitive_ports (SSH, RDP, databases, caches, search, Vault…), or to all ports, is reported in aws_security_group ingress blocks (dynamic ones expanded), aws_security_group_rule with type = \"ingress\", and aws_vpc_security_group_ingress_rule. Reported only when the CIDR and the port range are known.",
        defaultLevel: FindingLevel.Error,
        securitySeverity: 8.5,
        category: "Terraform",
        tags: new[] { "security", "terraform", "aws", "network", "security-group" },
        helpMarkdown: """
            ## Why
            Internet-wide scanners find an open SSH, RDP, PostgreSQL, Redis or Elasticsearch port within minutes
            and start brute-forcing credentials or exploiting the service; unauthenticated Redis and
            Elasticsearch have been wiped and ransomed at scale this way. Administrative and data ports belong
            behind a VPN, a bastion, SSM Session Manager or a load balancer.

            ## How to fix
            Restrict `cidr_blocks` to known networks or reference a security group (`security_groups`,
            `source_security_group_id`, `referenced_security_group_id`). The ports and the networks that count as
            open are the `sensitive_ports` and `open_cidrs` parameters.

            ## Example
            Bad:
            ```hcl
            resource "aws_security_group" "db" {
              ingress {
                from_port   = 5432
                to_port     = 5432
                protocol    = "tcp"
                cidr_blocks = ["0.0.0.0/0"]
              }
            }
            ```
            Good:
            ```hcl
            resource "aws_security_group" "db" {
              ingress {
                from_port       = 5432
                to_port         = 5432
                protocol        = "tcp"
                security_groups = [aws_security_group.app.id]
              }
            }
            ```
            """,
        precision: "high",
        peers: new[]
        {
            new PeerRule("Checkov", "CKV_AWS_24"),
            new PeerRule("Checkov", "CKV_AWS_25"),
            new PeerRule("Checkov", "CKV_AWS_260"),
            new PeerRule("tfsec", "aws-ec2-no-public-ingress-sgr"),
            new PeerRule("Trivy", "AVD-AWS-0107"),
        });

    public override RuleDescriptor Descriptor => Definition;

    protected override void Analyze(TerraformProject project, RuleParameters parameters, TerraformReport report)
    {
        var sensitivePorts = parameters.GetStringList("sensitive_ports").Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToList();
        var openCidrs = parameters.GetStringList("open_cidrs");
        foreach (var resource in project.ResourcesOfType("aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule"))
        {
            switch (resource.Type)
            {
                case "aws_security_group":
                    foreach (var ingress in resource.Body.BlocksOfType("ingress"))
                        Check(resource, ingress, "protocol", new[] { "cidr_blocks", "ipv6_cidr_blocks" }, sensitivePorts, openCidrs, report);
                    break;
                case "aws_security_group_rule":
                    if (TerraformFacts.AsString(resource.ValueOf("type")) == "ingress")
                        Check(resource, resource.Body, "protocol", new[] { "cidr_blocks", "ipv6_cidr_blocks" }, sensitivePorts, openCidrs, report);
                    break;
                default:
                    Check(resource, resource.Body, "ip_protocol", new[] { "cidr_ipv4", "cidr_ipv6" }, sensitivePorts, openCidrs, report);
                    break;
            }
        }
    }

    private static void Check(TerraformResource resource, TerraformBlock rule, string protocolName, string[] cidrNames, List<int> sensitivePorts, IReadOnlyList<string> openCidrs, TerraformReport report)
    {
        string? exposed = Exposed(rule, protocolName, sensitivePorts);
        if (exposed is null) return;
        foreach (string name in cidrNames)
        {
            var cidrs = rule.Attribute(name);
            var open = cidrs is null ? null : TerraformFacts.AsStrings(cidrs.Value)?.Where(openCidrs.Contains).ToList();
            if (open is { Count: > 0 })
                report.At(resource.Module, cidrs!, $"{resource.LocalAddress} allows ingress from {string.Join(" and ", open)} to {exposed}.");
        }
    }

    /// <summary>"port 22", "ports 0-65535 (22, 5432…)" or "all ports" when the rule covers a sensitive port; null when it does not or is unknown.</summary>
    private static string? Exposed(TerraformBlock rule, string protocolName, List<int> sensitivePorts)
    {
        HclValue protocol = rule.ValueOf(protocolName);
        string? protocolText = protocol.Kind == HclValueKind.Number ? HclValue.FormatNumber(protocol.AsNumber()) : TerraformFacts.AsString(protocol);
        if (protocolText is "-1" or "all") return "all ports";
        if (protocolText is null || !(protocolText is "tcp" or "udp" or "6" or "17")) return null;
        decimal? from = TerraformFacts.AsNumber(rule.ValueOf("from_port"));
        decimal? to = TerraformFacts.AsNumber(rule.ValueOf("to_port"));
        if (from is null || to is null) return null;
        var hit = sensitivePorts.Where(p => p >= from && p <= to).ToList();
        if (hit.Count == 0) return null;
        return from == to ? $"port {from}" : $"ports {from}-{to} (including {string.Join(", ", hit)})";
    }
}
