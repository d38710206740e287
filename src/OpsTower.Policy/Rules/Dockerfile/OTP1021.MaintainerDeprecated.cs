using OpsTower.Policy.Formats.Dockerfile;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Rules.Dockerfile;

/// <summary>The deprecated MAINTAINER instruction is replaced by a LABEL.</summary>
public sealed class MaintainerDeprecatedRule : FileRule<DockerfileDocument>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP1021",
        name: "MaintainerDeprecated",
        title: "Use a LABEL, not the deprecated MAINTAINER instruction.",
        description: "Every MAINTAINER instruction is reported: Docker deprecated it in favour of the org.opencontainers.image.authors label.",
        defaultLevel: FindingLevel.Note,
        securitySeverity: 0.5,
        category: "Dockerfile",
        tags: new[] { "hygiene", "deprecated" },
        helpMarkdown: """
            ## Why
            `MAINTAINER` is deprecated: it sets an image field that tools no longer read, and BuildKit's checks warn
            about it. Labels are where registries, scanners and `docker inspect` look for the authors.

            ## How to fix
            Replace it with `LABEL org.opencontainers.image.authors="…"`.

            ## Example
            Bad:
            ```dockerfile
            MAINTAINER Platform Team <platform@example.com>
            ```
            Good:
            ```dockerfile
            LABEL org.opencontainers.image.authors="Platform Team <platform@example.com>"
            ```
            """,
        precision: "very-high",
        peers: new[]
        {
            new PeerRule("hadolint", "DL4000"),
            new PeerRule("Checkov", "CKV_DOCKER_6"),
            new PeerRule("Trivy", "AVD-DS-0022"),
            new PeerRule("docker build --check", "MaintainerDeprecated"),
        });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(DockerfileDocument document, RuleContext context)
    {
        foreach (var instruction in document.Instructions)
        {
            if (instruction.Keyword != "MAINTAINER") continue;
            context.Report(TextSpan.FromBounds(instruction.KeywordSpan.Start, instruction.ArgumentSpan.End),
                $"MAINTAINER is deprecated: use LABEL org.opencontainers.image.authors=\"{DockerfileFacts.Snippet(instruction.ArgumentText, 60)}\".");
        }
    }
}
