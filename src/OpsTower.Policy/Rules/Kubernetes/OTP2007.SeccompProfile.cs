using System;
using System.Linq;
using OpsTower.Policy.Formats.Kubernetes;
using OpsTower.Policy.Formats.Yaml;

namespace OpsTower.Policy.Rules.Kubernetes;

/// <summary>Every container runs under a seccomp profile of an allowed type.</summary>
public sealed class SeccompProfileRule : FileRule<KubernetesFile>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP2007",
        name: "SeccompProfile",
        title: "Containers run with the RuntimeDefault or a Localhost seccomp profile.",
        description: "Each container's seccompProfile.type, its own or inherited from the pod securityContext, must be one the policy allows (RuntimeDefault and Localhost in the baseline). Unset means Unconfined on most clusters.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 5.0,
        category: "Kubernetes",
        tags: new[] { "security", "kubernetes", "hardening", "CIS-Kubernetes-5.7.2" },
        helpMarkdown: """
            ## Why
            seccomp filters the system calls a container may make. Without a profile, every system call reaches the
            kernel, including the rarely used ones behind most container escapes.

            ## How to fix
            Set `seccompProfile: {type: RuntimeDefault}` in the pod's `securityContext` (containers inherit it), or a
            `Localhost` profile the node provides.

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
              seccompProfile:
                type: RuntimeDefault
            ```
            """,
        precision: "high",
        peers: new[]
        {
            new PeerRule("Checkov", "CKV_K8S_31"),
            new PeerRule("Trivy", "AVD-KSV-0030"),
        });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(KubernetesFile file, RuleContext context)
    {
        var allowed = context.Parameters.GetStringList("allowed_types");
        foreach (var container in WorkloadFacts.Containers(file))
        {
            var profile = container.Security("seccompProfile");
            if (profile?.Value is YamlMapping mapping && mapping.GetScalar("type") is { } type)
            {
                if (allowed.Any(a => string.Equals(a, type.Value, StringComparison.Ordinal))) continue;
                context.Report(type.Span, $"The {container.DisplayName} uses the seccomp profile type {type.Value}{(profile.FromPod ? " (from the pod securityContext)" : "")}: use {string.Join(" or ", allowed)}.");
                continue;
            }
            if (container.Pod.IsPartial) continue;
            context.Report(container.SecurityReportSpan, $"The {container.DisplayName} has no seccompProfile in its securityContext or the pod's, so it runs unconfined: set type {string.Join(" or ", allowed)}.");
        }
    }
}
