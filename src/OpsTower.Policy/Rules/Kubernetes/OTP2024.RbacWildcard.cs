using System;
using System.Linq;
using OpsTower.Policy.Formats.Kubernetes;
using OpsTower.Policy.Formats.Yaml;

namespace OpsTower.Policy.Rules.Kubernetes;

/// <summary>RBAC roles name the verbs, resources and API groups they grant.</summary>
public sealed class RbacWildcardRule : FileRule<KubernetesFile>
{
    private static readonly string[] Lists = { "verbs", "resources", "apiGroups" };

    public static readonly RuleDescriptor Definition = new(
        id: "OTP2024",
        name: "RbacWildcard",
        title: "RBAC roles name the verbs, resources and API groups they grant, without '*'.",
        description: "Each rule of a Role or ClusterRole (rbac.authorization.k8s.io) whose verbs, resources or apiGroups contain '*' is reported at the '*', naming the role. A wildcard grants every present and future verb, resource or API group — custom resources installed later and sub-resources such as pods/exec included.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 7.0,
        category: "Kubernetes",
        tags: new[] { "security", "kubernetes", "rbac", "least-privilege", "CIS-Kubernetes-5.1.3" },
        helpMarkdown: """
            ## Why
            `verbs: ["*"]` includes `escalate`, `bind` and `impersonate`; `resources: ["*"]` includes `secrets` and
            `pods/exec`; `apiGroups: ["*"]` includes every CRD installed later. A service account with such a role
            can usually make itself cluster-admin, so one compromised pod becomes the whole cluster.

            ## How to fix
            List what the workload needs: the API groups, the resources and the verbs (`get`, `list`, `watch`…).
            `kubectl auth can-i --list --as system:serviceaccount:<ns>:<name>` shows what a role grants today.

            ## Example
            Bad:
            ```yaml
            rules:
            - apiGroups: ["*"]
              resources: ["*"]
              verbs: ["*"]
            ```
            Good:
            ```yaml
            rules:
            - apiGroups: [""]
              resources: ["configmaps"]
              verbs: ["get", "list", "watch"]
            ```
            """,
        precision: "high",
        peers: new[]
        {
            new PeerRule("kube-linter", "wildcard-in-rules"),
            new PeerRule("Checkov", "CKV_K8S_49"),
            new PeerRule("Trivy", "AVD-KSV-0044"),
        });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(KubernetesFile file, RuleContext context)
    {
        foreach (var role in file.Objects.Where(o => o.Group == "rbac.authorization.k8s.io" && o.Kind is "Role" or "ClusterRole"))
        {
            if (role.Node.GetSequence("rules") is not { } rules) continue;
            foreach (var rule in rules.Items.OfType<YamlMapping>())
            foreach (string list in Lists)
            {
                if (rule.GetSequence(list) is not { } values) continue;
                foreach (var wildcard in values.Items.OfType<YamlScalar>().Where(v => v.Value == "*"))
                    context.Report(wildcard.Span, $"{role.DisplayName} grants every {Noun(list)} ('*' in {list}): name the ones the workload needs.");
            }
        }
    }

    private static string Noun(string list) => list switch
    {
        "verbs" => "verb",
        "resources" => "resource",
        _ => "API group",
    };
}
