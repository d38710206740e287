using System;
using System.Linq;
using OpsTower.Policy.Formats.Kubernetes;
using OpsTower.Policy.Formats.Yaml;

namespace OpsTower.Policy.Rules.Kubernetes;

/// <summary>Pods do not mount a service account token unless their service account needs one.</summary>
public sealed class ServiceAccountTokenAutomountRule : FileRule<KubernetesFile>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP2015",
        name: "ServiceAccountTokenAutomount",
        title: "Pods mount a service account token only when they need one.",
        description: "A pod spec must set automountServiceAccountToken: false, unless its service account is one the policy says needs the API, or a ServiceAccount of that name in the same file and namespace sets automountServiceAccountToken: false itself.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 4.0,
        category: "Kubernetes",
        tags: new[] { "security", "kubernetes", "least-privilege", "CIS-Kubernetes-5.1.6" },
        helpMarkdown: """
            ## Why
            By default every pod gets a token for its service account at
            `/var/run/secrets/kubernetes.io/serviceaccount`. An application that never calls the Kubernetes API only
            hands that token to whoever compromises it, and RBAC bindings tend to grow over time.

            ## How to fix
            Set `automountServiceAccountToken: false` in the pod spec (or on the ServiceAccount). For workloads that
            call the API, list their service account in the policy's `service_accounts_needing_token`.

            ## Example
            Good:
            ```yaml
            spec:
              serviceAccountName: user-service
              automountServiceAccountToken: false
            ```
            """,
        precision: "high",
        peers: new[] { new PeerRule("Checkov", "CKV_K8S_38") });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(KubernetesFile file, RuleContext context)
    {
        var needingToken = context.Parameters.GetStringList("service_accounts_needing_token");
        foreach (var pod in file.PodSpecs)
        {
            string account = pod.Node.GetString("serviceAccountName") ?? pod.Node.GetString("serviceAccount") ?? "default";
            if (needingToken.Contains(account, StringComparer.Ordinal)) continue;
            var automount = pod.Node.GetScalar("automountServiceAccountToken");
            if (automount is not null)
            {
                if (automount.AsBool() != false)
                    context.Report(automount.Span, $"The pod of {pod.Owner.DisplayName} mounts the token of service account '{account}', which the policy does not list as needing the API.");
                continue;
            }
            if (pod.IsPartial || ServiceAccountDisablesAutomount(file, account, pod.Owner.Namespace)) continue;
            context.Report(pod.ReportSpan, $"The pod of {pod.Owner.DisplayName} does not set automountServiceAccountToken: false, so it mounts the token of service account '{account}'.");
        }
    }

    private static bool ServiceAccountDisablesAutomount(KubernetesFile file, string account, string? ns) =>
        file.Objects.Any(o => o.Kind == "ServiceAccount" && o.Group == "" && o.Name == account && o.Namespace == ns
            && o.Node.GetScalar("automountServiceAccountToken")?.AsBool() == false);
}
