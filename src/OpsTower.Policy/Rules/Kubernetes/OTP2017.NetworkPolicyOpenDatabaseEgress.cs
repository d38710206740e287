using System;
using System.Linq;
using OpsTower.Policy.Formats.Kubernetes;
using OpsTower.Policy.Formats.Yaml;

namespace OpsTower.Policy.Rules.Kubernetes;

/// <summary>NetworkPolicy egress to database ports names its destinations.</summary>
public sealed class NetworkPolicyOpenDatabaseEgressRule : FileRule<KubernetesFile>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP2017",
        name: "NetworkPolicyOpenDatabaseEgress",
        title: "NetworkPolicy egress to database ports is limited to known destinations.",
        description: "Reports a NetworkPolicy egress rule that allows every destination (to: [], no 'to', or an ipBlock of 0.0.0.0/0 or ::/0) on a port the policy lists as a database port (5432, 6379… in the baseline), or on every port.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 6.0,
        category: "Kubernetes",
        tags: new[] { "security", "kubernetes", "network", "data-exfiltration" },
        helpMarkdown: """
            ## Why
            An egress rule with an empty `to` allows the port to any address, inside or outside the cluster. On
            database ports that lets a compromised pod reach any database it can find credentials for, and send
            data out to a database an attacker runs.

            ## How to fix
            Name the destinations: the database's CIDR with an `ipBlock`, or the pods and namespaces that run it.

            ## Example
            Bad:
            ```yaml
            egress:
            - to: []
              ports:
              - {protocol: TCP, port: 5432}
            ```
            Good:
            ```yaml
            egress:
            - to:
              - ipBlock: {cidr: 10.0.20.0/24}
              ports:
              - {protocol: TCP, port: 5432}
            ```
            """,
        precision: "high");

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(KubernetesFile file, RuleContext context)
    {
        var databasePorts = context.Parameters.GetStringList("database_ports");
        foreach (var policy in file.Objects.Where(o => o.Is("networking.k8s.io", "NetworkPolicy")))
        {
            if (policy.Node.GetPath("spec", "egress") is not YamlSequence egress) continue;
            foreach (var rule in egress.Items.OfType<YamlMapping>())
            {
                var to = rule.Find("to");
                if (!AllowsEveryDestination(to)) continue;
                var ports = rule.GetSequence("ports");
                if (ports is null || ports.Items.Count == 0)
                {
                    var where = to?.Key.Span ?? (rule.Entries.Count > 0 ? rule.Entries[0].Key.Span : rule.Span);
                    context.Report(where, $"NetworkPolicy {policy.Name} allows egress to every destination on every port, database ports included: name the destinations.");
                    continue;
                }
                foreach (var port in ports.Items.OfType<YamlMapping>())
                {
                    if (port.GetScalar("port") is { } number && databasePorts.Contains(number.Value, StringComparer.Ordinal))
                        context.Report(number.Span, $"NetworkPolicy {policy.Name} allows egress to every destination on database port {number.Value}: name the database's address or pods.");
                }
            }
        }
    }

    private static bool AllowsEveryDestination(YamlEntry? to)
    {
        if (to is null || to.Value is YamlScalar { IsNull: true }) return true;
        if (to.Value is not YamlSequence peers) return false;
        return peers.Items.Count == 0 || peers.Items.OfType<YamlMapping>().Any(peer =>
            peer.GetMapping("ipBlock") is { } block && block.GetString("cidr") is "0.0.0.0/0" or "::/0"
            && block.GetSequence("except") is not { Items.Count: > 0 });
    }
}
