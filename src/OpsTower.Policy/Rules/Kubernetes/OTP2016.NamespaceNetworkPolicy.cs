using System;
using System.Collections.Generic;
using System.Linq;
using OpsTower.Policy.Engine;
using OpsTower.Policy.Formats.Kubernetes;

namespace OpsTower.Policy.Rules.Kubernetes;

/// <summary>Every workload runs in a namespace that some NetworkPolicy in the repository covers.</summary>
public sealed class NamespaceNetworkPolicyRule : RepositoryRule
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP2016",
        name: "NamespaceNetworkPolicy",
        title: "Workloads run in a namespace that a NetworkPolicy covers.",
        description: "Looks across every Kubernetes file of the scan: each object that runs pods must be in a namespace (metadata.namespace, default when unset) where at least one NetworkPolicy is defined, unless the policy exempts the namespace.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 5.0,
        category: "Kubernetes",
        tags: new[] { "security", "kubernetes", "network", "CIS-Kubernetes-5.3.2" },
        helpMarkdown: """
            ## Why
            Without a NetworkPolicy, every pod in the cluster can reach every pod in the namespace, and the pods can
            reach anything: one compromised service can talk to the database of every other service.

            ## How to fix
            Add a NetworkPolicy to the namespace, starting with a default deny (`podSelector: {}` with both
            `policyTypes`) and then allowing the flows the services need.

            ## Example
            Good:
            ```yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: default-deny
              namespace: ops-tower
            spec:
              podSelector: {}
              policyTypes: [Ingress, Egress]
            ```
            """,
        precision: "medium");

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(RepositoryModel repository, RuleContext context)
    {
        var exempt = context.Parameters.GetStringList("exempt_namespaces");
        var files = repository.ModelsOf<KubernetesFile>().ToList();
        var covered = new HashSet<string>(
            files.SelectMany(f => f.Objects).Where(o => o.Is("networking.k8s.io", "NetworkPolicy")).Select(NamespaceOf),
            StringComparer.Ordinal);
        foreach (var file in files)
        foreach (var obj in file.Objects)
        {
            // A patch changes a workload the base manifest declares; the base is the one checked.
            if (!obj.RunsPods || obj.IsPatch) continue;
            string ns = NamespaceOf(obj);
            if (covered.Contains(ns) || exempt.Contains(ns, StringComparer.Ordinal)) continue;
            context.Report(file.File, obj.ReportSpan, $"{obj.DisplayName} runs in namespace '{ns}', which no NetworkPolicy in the repository covers.");
        }
    }

    private static string NamespaceOf(KubernetesObject obj) => obj.Namespace ?? "default";
}
