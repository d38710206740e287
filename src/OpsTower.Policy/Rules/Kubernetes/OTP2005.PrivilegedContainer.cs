using OpsTower.Policy.Formats.Kubernetes;
using OpsTower.Policy.Formats.Yaml;

namespace OpsTower.Policy.Rules.Kubernetes;

/// <summary>No container runs privileged.</summary>
public sealed class PrivilegedContainerRule : FileRule<KubernetesFile>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP2005",
        name: "PrivilegedContainer",
        title: "Containers do not run privileged.",
        description: "Reports securityContext.privileged: true on any container. A privileged container has every capability and every host device, and no seccomp or AppArmor confinement.",
        defaultLevel: FindingLevel.Error,
        securitySeverity: 9.0,
        category: "Kubernetes",
        tags: new[] { "security", "kubernetes", "least-privilege", "CIS-Kubernetes-5.2.2" },
        helpMarkdown: """
            ## Why
            `privileged: true` is root on the node: the container can mount the host's disks, load kernel modules and
            reach every device. One compromised request handler becomes a compromised node and cluster.

            ## How to fix
            Remove `privileged: true`. Grant the one capability the workload needs instead (see OTP2004), or move the
            privileged part to a node-level DaemonSet owned by the platform team.

            ## Example
            Bad:
            ```yaml
            securityContext:
              privileged: true
            ```
            Good:
            ```yaml
            securityContext:
              privileged: false
              allowPrivilegeEscalation: false
            ```
            """,
        precision: "very-high",
        peers: new[]
        {
            new PeerRule("kube-linter", "privileged-container"),
            new PeerRule("Checkov", "CKV_K8S_16"),
            new PeerRule("Trivy", "AVD-KSV-0017"),
        });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(KubernetesFile file, RuleContext context)
    {
        foreach (var container in WorkloadFacts.Containers(file))
            if (container.Security("privileged")?.Value is YamlScalar value && value.AsBool() == true)
                context.Report(value.Span, $"The {container.DisplayName} runs privileged, with every capability and host device: remove privileged: true.");
    }
}
