using OpsTower.Policy.Formats.Kubernetes;
using OpsTower.Policy.Formats.Yaml;

namespace OpsTower.Policy.Rules.Kubernetes;

/// <summary>Every container sets allowPrivilegeEscalation: false.</summary>
public sealed class NoPrivilegeEscalationRule : FileRule<KubernetesFile>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP2002",
        name: "NoPrivilegeEscalation",
        title: "Containers set allowPrivilegeEscalation: false.",
        description: "Each container's securityContext must set allowPrivilegeEscalation: false (the pod securityContext has no such field). Unset, it defaults to true, so a setuid binary or file capability in the image can raise the process's privileges.",
        defaultLevel: FindingLevel.Error,
        securitySeverity: 7.0,
        category: "Kubernetes",
        tags: new[] { "security", "kubernetes", "least-privilege", "CIS-Kubernetes-5.2.5" },
        helpMarkdown: """
            ## Why
            `allowPrivilegeEscalation` controls the kernel's `no_new_privs` flag. Unless it is `false`, a process can
            gain privileges through setuid binaries (`su`, `sudo`, `ping` in many images) or file capabilities, which
            undoes running as a non-root user.

            ## How to fix
            Add `allowPrivilegeEscalation: false` to every container's `securityContext`, init containers included.

            ## Example
            Bad:
            ```yaml
            securityContext:
              runAsNonRoot: true
            ```
            Good:
            ```yaml
            securityContext:
              runAsNonRoot: true
              allowPrivilegeEscalation: false
            ```
            """,
        precision: "very-high",
        peers: new[]
        {
            new PeerRule("kube-linter", "privilege-escalation-container"),
            new PeerRule("Checkov", "CKV_K8S_20"),
            new PeerRule("Trivy", "AVD-KSV-0001"),
        });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(KubernetesFile file, RuleContext context)
    {
        foreach (var container in WorkloadFacts.Containers(file))
        {
            var setting = container.Security("allowPrivilegeEscalation");
            if (setting?.Value is YamlScalar value)
            {
                if (value.AsBool() != false)
                    context.Report(value.Span, $"The {container.DisplayName} sets allowPrivilegeEscalation: {value.Value}: set it to false.");
                continue;
            }
            if (container.Pod.IsPartial) continue;
            context.Report(container.SecurityReportSpan, $"The {container.DisplayName} does not set allowPrivilegeEscalation: false, and it defaults to true.");
        }
    }
}
