using System;
using System.Linq;
using OpsTower.Policy.Formats.Kubernetes;
using OpsTower.Policy.Formats.Yaml;

namespace OpsTower.Policy.Rules.Kubernetes;

/// <summary>A HorizontalPodAutoscaler keeps at least the policy's minimum of replicas.</summary>
public sealed class HpaMinReplicasRule : FileRule<KubernetesFile>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP2018",
        name: "HpaMinReplicas",
        title: "Autoscaled workloads keep at least two replicas.",
        description: "A HorizontalPodAutoscaler whose target is one of the policy's kinds (Deployment, StatefulSet, Rollout in the baseline) must set minReplicas to at least the policy's minimum (2 in the baseline); unset, minReplicas is 1.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 2.0,
        category: "Kubernetes",
        tags: new[] { "reliability", "kubernetes", "availability" },
        helpMarkdown: """
            ## Why
            An autoscaler scales a quiet service down to `minReplicas`. With one replica, a node drain, an eviction or
            a crash takes the service down until a new pod is ready, and the PodDisruptionBudget cannot help.

            ## How to fix
            Set `minReplicas: 2` or more, spread over zones with topology spread constraints.

            ## Example
            Good:
            ```yaml
            spec:
              minReplicas: 2
              maxReplicas: 10
            ```
            """,
        precision: "very-high");

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(KubernetesFile file, RuleContext context)
    {
        long minimum = context.Parameters.GetInt("minimum_replicas");
        var targetKinds = context.Parameters.GetStringList("target_kinds");
        foreach (var hpa in file.Objects)
        {
            if (hpa.Kind != "HorizontalPodAutoscaler" || hpa.Group != "autoscaling") continue;
            string? targetKind = (hpa.Node.GetPath("spec", "scaleTargetRef", "kind") as YamlScalar)?.Value;
            if (targetKind is null || !targetKinds.Contains(targetKind, StringComparer.Ordinal)) continue;
            var minReplicas = hpa.Node.GetMapping("spec")?.GetScalar("minReplicas");
            if (minReplicas is null && hpa.IsPatch) continue;
            long value = minReplicas?.AsInteger() ?? 1;
            if (value >= minimum) continue;
            context.Report(minReplicas?.Span ?? hpa.ReportSpan,
                $"HorizontalPodAutoscaler {hpa.Name} lets {targetKind} scale down to {value} replica{(value == 1 ? "" : "s")}: set minReplicas to at least {minimum}.");
        }
    }
}
