using System;
using System.Linq;
using OpsTower.Policy.Formats.Kubernetes;

namespace OpsTower.Policy.Rules.Kubernetes;

/// <summary>Container images name a version tag, never a moving one.</summary>
public sealed class ImageTagPinnedRule : FileRule<KubernetesFile>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP2010",
        name: "ImageTagPinned",
        title: "Container images are pinned to a version tag.",
        description: "Each container's image must have a tag other than the moving tags the policy lists (latest in the baseline), or a digest. An image without a tag pulls latest. Images written with a variable are not judged.",
        defaultLevel: FindingLevel.Error,
        securitySeverity: 5.0,
        category: "Kubernetes",
        tags: new[] { "security", "kubernetes", "supply-chain", "reproducibility" },
        helpMarkdown: """
            ## Why
            `latest` is whatever was pushed last. Nodes that pull at different times run different code under one
            Deployment revision, a rollback does not roll the image back, and a bad push reaches production as soon as
            a pod restarts.

            ## How to fix
            Deploy an immutable version tag (the release or commit), or a digest (see OTP2011).

            ## Example
            Bad:
            ```yaml
            image: ops-tower/user-service:latest
            ```
            Good:
            ```yaml
            image: ops-tower/user-service:1.4.2
            ```
            """,
        precision: "very-high",
        peers: new[]
        {
            new PeerRule("kube-linter", "latest-tag"),
            new PeerRule("Checkov", "CKV_K8S_14"),
            new PeerRule("Trivy", "AVD-KSV-0013"),
        });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(KubernetesFile file, RuleContext context)
    {
        var movingTags = context.Parameters.GetStringList("moving_tags");
        foreach (var container in WorkloadFacts.Containers(file))
        {
            if (container.Node.GetScalar("image") is not { } image) continue;
            string value = image.Value;
            if (WorkloadFacts.IsInterpolated(value) || WorkloadFacts.HasDigest(value)) continue;
            string? tag = WorkloadFacts.ImageTag(value);
            if (tag is null)
                context.Report(image.Span, $"The {container.DisplayName} uses the image '{value}' without a tag, which pulls 'latest': pin a version tag.");
            else if (movingTags.Any(t => string.Equals(t, tag, StringComparison.OrdinalIgnoreCase)))
                context.Report(image.Span, $"The {container.DisplayName} uses the image '{value}' with the moving tag '{tag}': pin a version tag.");
        }
    }
}
