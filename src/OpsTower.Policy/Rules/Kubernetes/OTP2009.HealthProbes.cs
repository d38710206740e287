using System;
using System.Collections.Generic;
using System.Linq;
using OpsTower.Policy.Formats.Kubernetes;
using OpsTower.Policy.Formats.Yaml;

namespace OpsTower.Policy.Rules.Kubernetes;

/// <summary>Long-running containers have liveness and readiness probes.</summary>
public sealed class HealthProbesRule : FileRule<KubernetesFile>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP2009",
        name: "HealthProbes",
        title: "Long-running containers define liveness and readiness probes.",
        description: "Each container of a workload must define the probes the policy lists (livenessProbe and readinessProbe in the baseline). Init and ephemeral containers cannot have them, and workloads of the kinds the policy exempts (Job and CronJob in the baseline) run to completion, so they are not checked.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 2.0,
        category: "Kubernetes",
        tags: new[] { "reliability", "kubernetes", "availability" },
        helpMarkdown: """
            ## Why
            Without a readiness probe, a pod gets traffic before it can serve it and keeps getting it while it cannot;
            rolling updates and canaries then shift users onto broken pods. Without a liveness probe, a deadlocked
            process is never restarted.

            ## How to fix
            Add `readinessProbe` (can it serve now?) and `livenessProbe` (is it stuck?) on separate endpoints.

            ## Example
            Good:
            ```yaml
            livenessProbe:
              httpGet: {path: /health, port: 3000}
            readinessProbe:
              httpGet: {path: /ready, port: 3000}
            ```
            """,
        precision: "high",
        peers: new[]
        {
            new PeerRule("kube-linter", "no-liveness-probe"),
            new PeerRule("kube-linter", "no-readiness-probe"),
            new PeerRule("Checkov", "CKV_K8S_8"),
            new PeerRule("Checkov", "CKV_K8S_9"),
        });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(KubernetesFile file, RuleContext context)
    {
        var required = context.Parameters.GetStringList("required_probes");
        var exemptKinds = context.Parameters.GetStringList("exempt_kinds");
        foreach (var pod in file.PodSpecs)
        {
            // A patch states only what it changes: its probes come from the base manifest.
            if (exemptKinds.Contains(pod.Owner.Kind, StringComparer.Ordinal) || pod.IsPartial) continue;
            foreach (var container in pod.Containers)
            {
                if (container.Kind != ContainerKind.Container) continue;
                var missing = new List<string>();
                foreach (string probe in required)
                    if (container.Node.Get(probe) is null or YamlScalar { IsNull: true }) missing.Add(probe);
                if (missing.Count > 0)
                    context.Report(container.ReportSpan, $"The {container.DisplayName} has no {string.Join(" or ", missing)}.");
            }
        }
    }
}
