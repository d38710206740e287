using System;
using System.Linq;
using OpsTower.Policy.Formats.Kubernetes;
using OpsTower.Policy.Formats.Yaml;

namespace OpsTower.Policy.Rules.Kubernetes;

/// <summary>Pods mount no hostPath volumes.</summary>
public sealed class HostPathVolumeRule : FileRule<KubernetesFile>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP2014",
        name: "HostPathVolume",
        title: "Pods do not mount hostPath volumes.",
        description: "Reports every hostPath volume of a pod spec, except paths the policy allows.",
        defaultLevel: FindingLevel.Error,
        securitySeverity: 7.0,
        category: "Kubernetes",
        tags: new[] { "security", "kubernetes", "isolation" },
        helpMarkdown: """
            ## Why
            A hostPath volume exposes the node's filesystem to the container: `/var/run/docker.sock` or
            `/var/lib/kubelet` is a node takeover, `/etc` or `/root` are credentials, and even a harmless path pins the
            pod to one node's data.

            ## How to fix
            Use `emptyDir` for scratch space, a PersistentVolumeClaim for data, a ConfigMap or Secret for files.

            ## Example
            Bad:
            ```yaml
            volumes:
            - name: backup
              hostPath: {path: /var/backups}
            ```
            Good:
            ```yaml
            volumes:
            - name: backup
              persistentVolumeClaim: {claimName: backup}
            ```
            """,
        precision: "very-high",
        peers: new[] { new PeerRule("Trivy", "AVD-KSV-0023") });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(KubernetesFile file, RuleContext context)
    {
        var allowed = context.Parameters.GetStringList("allowed_paths");
        foreach (var pod in file.PodSpecs)
        {
            if (pod.Node.GetSequence("volumes") is not { } volumes) continue;
            foreach (var volume in volumes.Items.OfType<YamlMapping>())
            {
                if (volume.Find("hostPath") is not { } hostPath) continue;
                string? path = (hostPath.Value as YamlMapping)?.GetString("path");
                if (path is not null && allowed.Contains(path, StringComparer.Ordinal)) continue;
                context.Report(hostPath.Key.Span, $"The pod of {pod.Owner.DisplayName} mounts the node's {(path is null ? "filesystem" : $"'{path}'")} through a hostPath volume.");
            }
        }
    }
}
