using OpsTower.Policy.Formats.Dockerfile;

namespace OpsTower.Policy.Rules.Dockerfile;

/// <summary>Every FROM that names an image pins it by digest.</summary>
public sealed class BaseImageDigestPinnedRule : FileRule<DockerfileDocument>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP1003",
        name: "BaseImageDigestPinned",
        title: "Base images are pinned by digest.",
        description: "A FROM image should carry an @sha256: digest, so the build uses exactly the bytes that were reviewed. Stricter than OTP1002; ARG defaults are resolved first and unresolvable references, scratch and earlier stages are not reported.",
        defaultLevel: FindingLevel.Note,
        securitySeverity: 3.0,
        category: "Dockerfile",
        tags: new[] { "security", "supply-chain", "reproducibility", "openssf-scorecard" },
        helpMarkdown: """
            ## Why
            A tag is a pointer the publisher (or anyone who takes over their account) can move. Only a digest names
            immutable content. OpenSSF Scorecard's Pinned-Dependencies check asks for digests in every FROM.
            The baseline reports this as a note: pinning by digest needs a bot (Renovate, Dependabot) to keep the
            digests fresh, or images stop receiving base-image security fixes.

            ## How to fix
            Add the digest after the tag; keep the tag for readers and for update bots.

            ## Example
            Bad:
            ```dockerfile
            FROM node:20.11-alpine3.19
            ```
            Good:
            ```dockerfile
            FROM node:20.11-alpine3.19@sha256:c0a3badbd8a0a760de903e00cedbca94588e609299820557e72cba2a53dbaa2c
            ```
            """,
        precision: "very-high",
        peers: new[] { new PeerRule("OpenSSF Scorecard", "Pinned-Dependencies") });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(DockerfileDocument document, RuleContext context)
    {
        foreach (var stage in document.Stages)
        {
            string? image = stage.ResolvedBaseImage;
            if (stage.BaseStage is not null || image is null || DockerfileFacts.IsScratch(image) || ImageReference.HasDigest(image)) continue;
            context.Report(stage.BaseImage.Span, $"Base image '{image}' is not pinned by digest: add '@sha256:<digest>' after the tag.");
        }
    }
}
