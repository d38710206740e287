using OpsTower.Policy.Formats.Kubernetes;
using OpsTower.Policy.Formats.Yaml;

namespace OpsTower.Policy.Rules.Kubernetes;

/// <summary>Every container mounts its root filesystem read-only.</summary>
public sealed class ReadOnlyRootFilesystemRule : FileRule<KubernetesFile>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP2006",
        name: "ReadOnlyRootFilesystem",
        title: "Containers use a read-only root filesystem.",
        description: "Each container's securityContext must set readOnlyRootFilesystem: true; writable paths the application needs are mounted as emptyDir volumes.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 4.5,
        category: "Kubernetes",
        tags: new[] { "security", "kubernetes", "immutability" },
        helpMarkdown: """
            ## Why
            A writable root filesystem lets an attacker who gets code execution drop tools, modify the application or
            persist until the pod restarts. A read-only root also makes accidental state in the image layer visible.

            ## How to fix
            Set `readOnlyRootFilesystem: true` and mount an `emptyDir` where the application writes (`/tmp`, caches).

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
              readOnlyRootFilesystem: true
            volumeMounts:
            - name: tmp
              mountPath: /tmp
            ```
            """,
        precision: "very-high",
        peers: new[]
        {
            new PeerRule("kube-linter", "no-read-only-root-fs"),
            new PeerRule("Checkov", "CKV_K8S_22"),
            new PeerRule("Trivy", "AVD-KSV-0014"),
        });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(KubernetesFile file, RuleContext context)
    {
        foreach (var container in WorkloadFacts.Containers(file))
        {
            if (container.Security("readOnlyRootFilesystem")?.Value is YamlScalar value)
            {
                if (value.AsBool() != true)
                    context.Report(value.Span, $"The {container.DisplayName} sets readOnlyRootFilesystem: {value.Value}: set it to true and mount emptyDir volumes where it writes.");
                continue;
            }
            if (container.Pod.IsPartial) continue;
            context.Report(container.SecurityReportSpan, $"The {container.DisplayName} does not set readOnlyRootFilesystem: true.");
        }
    }
}
