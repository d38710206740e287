using OpsTower.Policy.Formats.Kubernetes;

namespace OpsTower.Policy.Rules.Kubernetes;

/// <summary>Container images are pinned by digest.</summary>
public sealed class ImageDigestPinnedRule : FileRule<KubernetesFile>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP2011",
        name: "ImageDigestPinned",
        title: "Container images are pinned by digest.",
        description: "Each container's image should carry an @sha256: digest. A tag can be re-pointed by anyone who can push to the registry; a digest cannot. Stricter than OTP2010, so the baseline reports it as a note. Images written with a variable are not judged.",
        defaultLevel: FindingLevel.Note,
        securitySeverity: 3.0,
        category: "Kubernetes",
        tags: new[] { "security", "kubernetes", "supply-chain" },
        helpMarkdown: """
            ## Why
            Tags are mutable: a compromised registry account or CI job can push different content under
            `1.4.2`. A digest names the exact image content, and admission policies (signature checks) work on digests.

            ## How to fix
            Deploy `name:tag@sha256:<digest>`; let the release pipeline or Renovate/Dependabot write the digest.

            ## Example
            Bad:
            ```yaml
            image: ops-tower/user-service:1.4.2
            ```
            Good:
            ```yaml
            image: ops-tower/user-service:1.4.2@sha256:2b7412e6465c3c7fc5bb21d3e6f1917c167358449fecac8176c6e496e5c1f05f
            ```
            """,
        precision: "very-high",
        peers: new[] { new PeerRule("Checkov", "CKV_K8S_43") });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(KubernetesFile file, RuleContext context)
    {
        foreach (var container in WorkloadFacts.Containers(file))
        {
            if (container.Node.GetScalar("image") is not { } image) continue;
            if (WorkloadFacts.IsInterpolated(image.Value) || WorkloadFacts.HasDigest(image.Value)) continue;
            context.Report(image.Span, $"The {container.DisplayName} uses the image '{image.Value}' without an @sha256: digest.");
        }
    }
}
