using OpsTower.Policy.Formats.Kubernetes;
using OpsTower.Policy.Formats.Yaml;

namespace OpsTower.Policy.Rules.Kubernetes;

/// <summary>Pods do not share the node's network, process or IPC namespace.</summary>
public sealed class HostNamespacesRule : FileRule<KubernetesFile>
{
    private static readonly string[] Fields = { "hostNetwork", "hostPID", "hostIPC" };

    public static readonly RuleDescriptor Definition = new(
        id: "OTP2013",
        name: "HostNamespaces",
        title: "Pods do not use the host's network, PID or IPC namespace.",
        description: "Reports hostNetwork: true, hostPID: true and hostIPC: true in a pod spec.",
        defaultLevel: FindingLevel.Error,
        securitySeverity: 8.0,
        category: "Kubernetes",
        tags: new[] { "security", "kubernetes", "isolation", "CIS-Kubernetes-5.2.3" },
        helpMarkdown: """
            ## Why
            `hostNetwork` puts the pod on the node's interfaces: it can reach services bound to localhost, sniff node
            traffic and bypasses NetworkPolicies. `hostPID` shows (and lets it signal or ptrace) every process on the
            node; `hostIPC` shares the node's shared memory.

            ## How to fix
            Remove these fields. Expose ports through a Service; node agents that truly need them belong to the
            platform, not to application workloads.

            ## Example
            Bad:
            ```yaml
            spec:
              hostNetwork: true
            ```
            Good:
            ```yaml
            spec:
              hostNetwork: false
            ```
            """,
        precision: "very-high",
        peers: new[]
        {
            new PeerRule("kube-linter", "host-network"),
            new PeerRule("kube-linter", "host-pid"),
            new PeerRule("kube-linter", "host-ipc"),
            new PeerRule("Checkov", "CKV_K8S_17"),
            new PeerRule("Checkov", "CKV_K8S_18"),
            new PeerRule("Checkov", "CKV_K8S_19"),
            new PeerRule("Trivy", "AVD-KSV-0008"),
            new PeerRule("Trivy", "AVD-KSV-0009"),
            new PeerRule("Trivy", "AVD-KSV-0010"),
        });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(KubernetesFile file, RuleContext context)
    {
        foreach (var pod in file.PodSpecs)
        foreach (string field in Fields)
            if (pod.Node.GetScalar(field) is { } value && value.AsBool() == true)
                context.Report(value.Span, $"The pod of {pod.Owner.DisplayName} sets {field}: true, sharing the node's namespace.");
    }
}
