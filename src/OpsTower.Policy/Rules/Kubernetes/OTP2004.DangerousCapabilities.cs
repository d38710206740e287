using System.Linq;
using OpsTower.Policy.Formats.Kubernetes;
using OpsTower.Policy.Formats.Yaml;

namespace OpsTower.Policy.Rules.Kubernetes;

/// <summary>No container adds a capability the policy lists as dangerous.</summary>
public sealed class DangerousCapabilitiesRule : FileRule<KubernetesFile>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP2004",
        name: "DangerousCapabilities",
        title: "Containers add no dangerous Linux capabilities.",
        description: "Reports each entry of a container's securityContext.capabilities.add that the policy lists as dangerous (SYS_ADMIN, NET_ADMIN, NET_RAW, SYS_PTRACE, ALL… in the baseline), written with or without the CAP_ prefix.",
        defaultLevel: FindingLevel.Error,
        securitySeverity: 8.0,
        category: "Kubernetes",
        tags: new[] { "security", "kubernetes", "least-privilege" },
        helpMarkdown: """
            ## Why
            SYS_ADMIN is close to full root (mounts, namespaces, BPF); NET_ADMIN reconfigures the pod's routes and firewall;
            NET_RAW forges packets; SYS_PTRACE reads other processes' memory; SYS_MODULE loads kernel modules. Each is
            a well-known container escape or lateral-movement step.

            ## How to fix
            Remove the capability. If a tool needs it (a network debugger), run it as an ephemeral debug container
            when needed rather than in the workload.

            ## Example
            Bad:
            ```yaml
            capabilities:
              drop: ["ALL"]
              add: ["NET_ADMIN"]
            ```
            Good:
            ```yaml
            capabilities:
              drop: ["ALL"]
              add: ["NET_BIND_SERVICE"]
            ```
            """,
        precision: "very-high",
        peers: new[]
        {
            new PeerRule("Checkov", "CKV_K8S_39"),
            new PeerRule("Trivy", "AVD-KSV-0005"),
            new PeerRule("Trivy", "AVD-KSV-0022"),
        });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(KubernetesFile file, RuleContext context)
    {
        var dangerous = context.Parameters.GetStringList("dangerous_capabilities");
        foreach (var container in WorkloadFacts.Containers(file))
        {
            if (container.SecurityContext?.GetPath("capabilities", "add") is not YamlSequence added) continue;
            foreach (var capability in added.Items.OfType<YamlScalar>())
                if (dangerous.Any(d => WorkloadFacts.SameCapability(d, capability.Value)))
                    context.Report(capability.Span, $"The {container.DisplayName} adds the capability {capability.Value}: remove it.");
        }
    }
}
