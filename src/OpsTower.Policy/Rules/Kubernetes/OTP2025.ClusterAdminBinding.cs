using System;
using System.Linq;
using OpsTower.Policy.Formats.Kubernetes;
using OpsTower.Policy.Formats.Yaml;

namespace OpsTower.Policy.Rules.Kubernetes;

/// <summary>Nothing but the platform's own groups is bound to cluster-admin.</summary>
public sealed class ClusterAdminBindingRule : FileRule<KubernetesFile>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP2025",
        name: "ClusterAdminBinding",
        title: "Workloads and users are not bound to the cluster-admin role.",
        description: "A ClusterRoleBinding or RoleBinding whose roleRef is the ClusterRole named in admin_roles (cluster-admin) is reported at the roleRef name for each subject that is not in allowed_subjects (by default the system:masters group); a ServiceAccount subject is called out, as any pod that mounts its token is then cluster-admin.",
        defaultLevel: FindingLevel.Error,
        securitySeverity: 8.5,
        category: "Kubernetes",
        tags: new[] { "security", "kubernetes", "rbac", "least-privilege", "CIS-Kubernetes-5.1.1" },
        helpMarkdown: """
            ## Why
            `cluster-admin` allows every action on every resource in every namespace. Bound to a service account,
            it makes any pod that runs as that account — or anyone who can create such a pod — an administrator
            of the cluster; bound to a user or group, it bypasses every other RBAC decision.

            ## How to fix
            Bind a role that grants what the subject needs (often a namespaced Role); keep cluster-admin for break-glass
            access through the identity provider's admin group.

            ## Example
            Bad:
            ```yaml
            kind: ClusterRoleBinding
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
            subjects:
            - kind: ServiceAccount
              name: deployer
              namespace: ci
            ```
            Good:
            ```yaml
            kind: RoleBinding
            metadata: {namespace: ops-tower}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: deployer}
            ```
            """,
        precision: "high",
        peers: new[]
        {
            new PeerRule("kube-linter", "cluster-admin-role-binding"),
            new PeerRule("Trivy", "AVD-KSV-0111"),
        });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(KubernetesFile file, RuleContext context)
    {
        var adminRoles = context.Parameters.GetStringList("admin_roles");
        var allowedSubjects = context.Parameters.GetStringList("allowed_subjects");
        foreach (var binding in file.Objects.Where(o => o.Group == "rbac.authorization.k8s.io" && o.Kind is "ClusterRoleBinding" or "RoleBinding"))
        {
            var roleRef = binding.Node.GetMapping("roleRef");
            if (roleRef?.GetScalar("name") is not { } roleName || roleRef.GetString("kind") != "ClusterRole") continue;
            if (!adminRoles.Contains(roleName.Value, StringComparer.Ordinal)) continue;
            if (binding.Node.GetSequence("subjects") is not { } subjects) continue;
            foreach (var subject in subjects.Items.OfType<YamlMapping>())
            {
                string kind = subject.GetString("kind") ?? "subject";
                string name = subject.GetString("name") ?? "";
                if (allowedSubjects.Contains(name, StringComparer.Ordinal)) continue;
                string who = kind == "ServiceAccount"
                    ? $"service account '{(subject.GetString("namespace") is { } ns ? ns + "/" : "")}{name}' (every pod that runs as it)"
                    : $"{kind} '{name}'";
                context.Report(roleName.Span, $"{binding.DisplayName} makes {who} {roleName.Value} of the whole cluster: bind a role that grants only what it needs.");
            }
        }
    }
}
