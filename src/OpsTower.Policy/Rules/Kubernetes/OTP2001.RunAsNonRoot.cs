using OpsTower.Policy.Formats.Kubernetes;
using OpsTower.Policy.Formats.Yaml;

namespace OpsTower.Policy.Rules.Kubernetes;

/// <summary>Every container runs as a non-root user, by its own securityContext or the pod's.</summary>
public sealed class RunAsNonRootRule : FileRule<KubernetesFile>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP2001",
        name: "RunAsNonRoot",
        title: "Containers run as a non-root user.",
        description: "Each container (init and ephemeral ones too) must set runAsNonRoot: true or a runAsUser at or above the policy's minimum, in its own securityContext or inherited from the pod's, where the container's value overrides the pod's exactly as Kubernetes applies them. A runAsUser below the minimum is reported even with runAsNonRoot: true, because the kubelet then refuses to start the container.",
        defaultLevel: FindingLevel.Error,
        securitySeverity: 7.0,
        category: "Kubernetes",
        tags: new[] { "security", "kubernetes", "least-privilege", "CIS-Kubernetes-5.2.6" },
        helpMarkdown: """
            ## Why
            Without `runAsNonRoot` or a `runAsUser`, a container runs as whatever user its image names, which is root
            for most images. Root in a container is root on the node's kernel: one escape or writable host mount turns
            an application bug into a node compromise. A container-level `runAsUser: 0` or `runAsNonRoot: false`
            silently overrides a correct pod-level setting.

            ## How to fix
            Set `runAsNonRoot: true` and a numeric `runAsUser` in the pod's `securityContext` (every container inherits
            them), and do not override them in a container.

            ## Example
            Bad:
            ```yaml
            spec:
              containers:
              - name: app
                image: ops-tower/user-service:1.4.2
            ```
            Good:
            ```yaml
            spec:
              securityContext:
                runAsNonRoot: true
                runAsUser: 1001
              containers:
              - name: app
                image: ops-tower/user-service:1.4.2
            ```
            """,
        precision: "high",
        peers: new[]
        {
            new PeerRule("kube-linter", "run-as-non-root"),
            new PeerRule("Checkov", "CKV_K8S_23"),
            new PeerRule("Trivy", "AVD-KSV-0012"),
        });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(KubernetesFile file, RuleContext context)
    {
        long minimumUserId = context.Parameters.GetInt("minimum_user_id");
        foreach (var container in WorkloadFacts.Containers(file))
        {
            var user = container.Security("runAsUser");
            if (user?.Value is YamlScalar userValue && userValue.AsInteger() is { } uid)
            {
                if (uid >= minimumUserId) continue;
                context.Report(userValue.Span, $"The {container.DisplayName} runs as user {uid}{Inherited(user)}: use a non-root user id of at least {minimumUserId}.");
                continue;
            }

            var nonRoot = container.Security("runAsNonRoot");
            if (nonRoot?.Value is YamlScalar nonRootValue)
            {
                if (nonRootValue.AsBool() == true) continue;
                context.Report(nonRootValue.Span, $"The {container.DisplayName} has runAsNonRoot: {nonRootValue.Value}{Inherited(nonRoot)}, so it may run as root: set runAsNonRoot: true.");
                continue;
            }
            if (container.Pod.IsPartial) continue;
            context.Report(container.SecurityReportSpan,
                $"The {container.DisplayName} sets neither runAsNonRoot: true nor a runAsUser, in its securityContext or the pod's, so it runs as its image's user (usually root).");
        }
    }

    private static string Inherited(SecuritySetting setting) => setting.FromPod ? " (from the pod securityContext)" : "";
}
