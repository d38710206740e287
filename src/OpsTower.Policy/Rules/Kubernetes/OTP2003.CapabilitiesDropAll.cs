using System;
using System.Linq;
using OpsTower.Policy.Formats.Kubernetes;
using OpsTower.Policy.Formats.Yaml;

namespace OpsTower.Policy.Rules.Kubernetes;

/// <summary>Every container drops all Linux capabilities.</summary>
public sealed class CapabilitiesDropAllRule : FileRule<KubernetesFile>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP2003",
        name: "CapabilitiesDropAll",
        title: "Containers drop all Linux capabilities.",
        description: "Each container's securityContext.capabilities.drop must list ALL; the capabilities a container really needs are then added back one by one (and checked by OTP2004).",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 5.0,
        category: "Kubernetes",
        tags: new[] { "security", "kubernetes", "least-privilege", "CIS-Kubernetes-5.2.9" },
        helpMarkdown: """
            ## Why
            Container runtimes grant a default set of capabilities (CHOWN, DAC_OVERRIDE, FOWNER, NET_RAW, SETUID,
            SETGID, KILL…). NET_RAW alone allows ARP and DNS spoofing on the pod network. Web services need none.

            ## How to fix
            Drop `ALL`, then add back only what the process needs (for example `NET_BIND_SERVICE` to listen below 1024).

            ## Example
            Bad:
            ```yaml
            securityContext:
              allowPrivilegeEscalation: false
            ```
            Good:
            ```yaml
            securityContext:
              allowPrivilegeEscalation: false
              capabilities:
                drop: ["ALL"]
            ```
            """,
        precision: "very-high",
        peers: new[]
        {
            new PeerRule("Checkov", "CKV_K8S_37"),
            new PeerRule("Trivy", "AVD-KSV-0003"),
        });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(KubernetesFile file, RuleContext context)
    {
        foreach (var container in WorkloadFacts.Containers(file))
        {
            var capabilitiesEntry = container.SecurityContext?.Find("capabilities");
            var dropEntry = (capabilitiesEntry?.Value as YamlMapping)?.Find("drop");
            if (dropEntry?.Value is YamlSequence drop
                && drop.Items.OfType<YamlScalar>().Any(c => string.Equals(c.Value, "ALL", StringComparison.OrdinalIgnoreCase)))
                continue;
            // A patch's drop list replaces the base's, so only a written list without ALL is known to be wrong.
            if (container.Pod.IsPartial && dropEntry is null) continue;
            var where = dropEntry?.Key.Span ?? capabilitiesEntry?.Key.Span ?? container.SecurityReportSpan;
            context.Report(where, $"The {container.DisplayName} does not drop ALL capabilities: add capabilities.drop: [\"ALL\"] to its securityContext.");
        }
    }
}
