using System.Collections.Generic;
using System.Linq;
using OpsTower.Policy.Formats.Kubernetes;
using OpsTower.Policy.Formats.Yaml;

namespace OpsTower.Policy.Rules.Kubernetes;

/// <summary>Every container sets the CPU and memory requests and limits the policy requires.</summary>
public sealed class ResourceRequestsAndLimitsRule : FileRule<KubernetesFile>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP2008",
        name: "ResourceRequestsAndLimits",
        title: "Containers set CPU and memory requests and limits.",
        description: "Each container and init container must set every resource the policy lists (requests.cpu, requests.memory, limits.cpu and limits.memory in the baseline). Ephemeral containers cannot set resources and are not checked. One finding per container names everything it lacks.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 3.0,
        category: "Kubernetes",
        tags: new[] { "reliability", "kubernetes", "availability" },
        helpMarkdown: """
            ## Why
            Without requests the scheduler packs pods onto nodes that cannot run them; without limits one leaking or
            attacked pod takes the node's memory or CPU from every other pod (a denial of service across services).

            ## How to fix
            Set requests to the normal load and limits to the most the container may use.

            ## Example
            Bad:
            ```yaml
            - name: app
              image: ops-tower/user-service:1.4.2
            ```
            Good:
            ```yaml
            - name: app
              image: ops-tower/user-service:1.4.2
              resources:
                requests: {cpu: 100m, memory: 256Mi}
                limits: {cpu: 500m, memory: 512Mi}
            ```
            """,
        precision: "very-high",
        peers: new[]
        {
            new PeerRule("kube-linter", "unset-cpu-requirements"),
            new PeerRule("kube-linter", "unset-memory-requirements"),
            new PeerRule("Checkov", "CKV_K8S_10"),
            new PeerRule("Checkov", "CKV_K8S_11"),
            new PeerRule("Checkov", "CKV_K8S_12"),
            new PeerRule("Checkov", "CKV_K8S_13"),
            new PeerRule("Trivy", "AVD-KSV-0011"),
            new PeerRule("Trivy", "AVD-KSV-0015"),
            new PeerRule("Trivy", "AVD-KSV-0016"),
            new PeerRule("Trivy", "AVD-KSV-0018"),
        });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(KubernetesFile file, RuleContext context)
    {
        var required = context.Parameters.GetStringList("required_resources");
        foreach (var container in WorkloadFacts.Containers(file))
        {
            // A patch states only what it changes: what it leaves out comes from the base manifest.
            if (container.Kind == ContainerKind.EphemeralContainer || container.Pod.IsPartial) continue;
            var resourcesEntry = container.Node.Find("resources");
            var resources = resourcesEntry?.Value as YamlMapping;
            var missing = new List<string>();
            foreach (string path in required)
            {
                var node = resources?.GetPath(path.Split('.'));
                if (node is null || node is YamlScalar { IsNull: true }) missing.Add(path);
            }
            if (missing.Count == 0) continue;
            context.Report(resourcesEntry?.Key.Span ?? container.ReportSpan,
                $"The {container.DisplayName} sets no {string.Join(", ", missing.Select(m => "resources." + m))}.");
        }
    }
}
