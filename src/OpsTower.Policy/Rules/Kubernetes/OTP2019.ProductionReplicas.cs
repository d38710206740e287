using System;
using System.Collections.Generic;
using System.Linq;
using OpsTower.Policy.Engine;
using OpsTower.Policy.Formats.Kubernetes;
using OpsTower.Policy.Formats.Yaml;

namespace OpsTower.Policy.Rules.Kubernetes;

/// <summary>Production workloads run at least two replicas, unless an autoscaler manages them.</summary>
public sealed class ProductionReplicasRule : RepositoryRule
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP2019",
        name: "ProductionReplicas",
        title: "Production workloads run at least two replicas.",
        description: "Looks across every Kubernetes file of the scan: a workload of the policy's kinds in a namespace matching the policy's production patterns must set replicas to at least the policy's minimum (unset means 1). A workload that a HorizontalPodAutoscaler targets is left to OTP2018.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 2.0,
        category: "Kubernetes",
        tags: new[] { "reliability", "kubernetes", "availability" },
        helpMarkdown: """
            ## Why
            A single replica is a single point of failure: every deployment, node drain or crash is an outage.

            ## How to fix
            Set `replicas: 2` or more (with a PodDisruptionBudget), or attach a HorizontalPodAutoscaler with
            `minReplicas: 2`.

            ## Example
            Bad:
            ```yaml
            spec:
              replicas: 1
            ```
            Good:
            ```yaml
            spec:
              replicas: 3
            ```
            """,
        precision: "high");

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(RepositoryModel repository, RuleContext context)
    {
        long minimum = context.Parameters.GetInt("minimum_replicas");
        var kinds = context.Parameters.GetStringList("workload_kinds");
        var productionPatterns = context.Parameters.GetStringList("production_namespaces");
        var files = repository.ModelsOf<KubernetesFile>().ToList();
        var autoscaled = new HashSet<string>(StringComparer.Ordinal);
        foreach (var hpa in files.SelectMany(f => f.Objects).Where(o => o.Kind == "HorizontalPodAutoscaler" && o.Group == "autoscaling"))
            if (hpa.Node.GetPath("spec", "scaleTargetRef") is YamlMapping target)
                autoscaled.Add(Key(hpa.Namespace, target.GetString("kind"), target.GetString("name")));

        foreach (var file in files)
        foreach (var obj in file.Objects)
        {
            if (!kinds.Contains(obj.Kind, StringComparer.Ordinal) || obj.PodSpec is null) continue;
            string ns = obj.Namespace ?? "default";
            if (!productionPatterns.Any(p => WorkloadFacts.WildcardMatches(p, ns))) continue;
            if (autoscaled.Contains(Key(obj.Namespace, obj.Kind, obj.Name))) continue;
            var replicas = obj.Node.GetMapping("spec")?.GetScalar("replicas");
            if (replicas is null && obj.IsPatch) continue;
            long count = replicas?.AsInteger() ?? 1;
            if (count >= minimum) continue;
            context.Report(file.File, replicas?.Span ?? obj.ReportSpan,
                $"{obj.DisplayName} in production namespace '{ns}' runs {count} replica{(count == 1 ? "" : "s")}: run at least {minimum}.");
        }
    }

    private static string Key(string? ns, string? kind, string? name) => $"{ns ?? "default"}/{kind}/{name}";
}
