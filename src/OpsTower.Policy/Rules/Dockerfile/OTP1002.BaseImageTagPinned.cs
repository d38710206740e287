using System;
using System.Linq;
using OpsTower.Policy.Formats.Dockerfile;

namespace OpsTower.Policy.Rules.Dockerfile;

/// <summary>Every FROM that names an image gives a version tag (or a digest), never a moving one like latest.</summary>
public sealed class BaseImageTagPinnedRule : FileRule<DockerfileDocument>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP1002",
        name: "BaseImageTagPinned",
        title: "Base images are pinned to a version tag.",
        description: "A FROM image without a tag pulls 'latest', and the tags listed in the policy (latest by default) move without notice. ARG defaults used in FROM are resolved first; references that cannot be resolved, scratch, earlier stages and digest-pinned images are not reported.",
        defaultLevel: FindingLevel.Error,
        securitySeverity: 5.0,
        category: "Dockerfile",
        tags: new[] { "security", "supply-chain", "reproducibility" },
        helpMarkdown: """
            ## Why
            `latest` (or no tag, which means `latest`) is whatever the publisher pushed last. Two builds of the same
            commit can get different operating systems, runtimes and vulnerabilities, a rollback does not roll the base
            back, and a compromised or broken upstream push lands in your image on the next build.

            ## How to fix
            Name a version tag (`node:20.11-alpine3.19`), or pin a digest (see OTP1003). When the tag comes from an
            `ARG`, give the ARG a pinned default.

            ## Example
            Bad:
            ```dockerfile
            ARG TAG=latest
            FROM node:${TAG}
            ```
            Good:
            ```dockerfile
            ARG NODE_VERSION=20.11
            FROM node:${NODE_VERSION}-alpine
            ```
            """,
        precision: "very-high",
        peers: new[]
        {
            new PeerRule("hadolint", "DL3006"),
            new PeerRule("hadolint", "DL3007"),
            new PeerRule("Checkov", "CKV_DOCKER_7"),
            new PeerRule("Trivy", "AVD-DS-0001"),
        });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(DockerfileDocument document, RuleContext context)
    {
        var movingTags = context.Parameters.GetStringList("moving_tags");
        foreach (var stage in document.Stages)
        {
            string? image = stage.ResolvedBaseImage;
            if (stage.BaseStage is not null || image is null || DockerfileFacts.IsScratch(image) || image.IndexOf('@') >= 0) continue;

            string resolvedNote = image == stage.BaseImage.Value ? "" : $" (resolved from '{stage.BaseImage.Value}')";
            string? tag = ImageReference.Tag(image);
            if (tag is null)
                context.Report(stage.BaseImage.Span, $"Base image '{image}'{resolvedNote} has no tag, so it pulls whatever 'latest' is at build time: pin a version tag.");
            else if (movingTags.Any(t => string.Equals(t, tag, StringComparison.OrdinalIgnoreCase)))
                context.Report(stage.BaseImage.Span, $"Base image '{image}'{resolvedNote} uses the moving tag '{tag}': pin a version tag.");
        }
    }
}

/// <summary>Splits image references such as <c>registry:5000/team/app:1.2@sha256:…</c>.</summary>
internal static class ImageReference
{
    /// <summary>The tag, or null when the reference has none (a registry port is not a tag).</summary>
    public static string? Tag(string image)
    {
        int at = image.IndexOf('@');
        string name = at < 0 ? image : image.Substring(0, at);
        int colon = name.IndexOf(':', name.LastIndexOf('/') + 1);
        return colon < 0 ? null : name.Substring(colon + 1);
    }

    public static bool HasDigest(string image) => image.IndexOf("@sha256:", StringComparison.OrdinalIgnoreCase) >= 0;
}
