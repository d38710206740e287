using System;
using System.Linq;
using OpsTower.Policy.Formats.Dockerfile;

namespace OpsTower.Policy.Rules.Dockerfile;

/// <summary>ADD of local files that are not archives should be COPY.</summary>
public sealed class AddWhereCopySufficesRule : FileRule<DockerfileDocument>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP1006",
        name: "AddWhereCopySuffices",
        title: "Use COPY, not ADD, for local files.",
        description: "ADD of local sources none of which is a tar archive (by the policy's archive_extensions) does nothing COPY would not, but also unpacks archives and fetches URLs if the source ever changes; use COPY. Remote sources are OTP1005's business; sources with unresolved variables are not reported.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 3.0,
        category: "Dockerfile",
        tags: new[] { "security", "maintainability" },
        helpMarkdown: """
            ## Why
            ADD has side effects COPY does not: it unpacks any local tar archive it is given (a renamed or newly
            added `.tar.gz` is silently expanded into the image, path traversal and all) and fetches URLs. Using
            ADD only where those effects are wanted makes them visible in review.

            Local tar archives (`.tar`, `.tar.gz`, `.tgz`, `.tar.bz2`, `.tar.xz`… per the `archive_extensions`
            parameter) are a legitimate use of ADD and are not reported. ADD of URLs and Git repositories is
            checked by OTP1005 instead.

            ## How to fix
            Replace `ADD` with `COPY` (flags such as `--chown` and `--chmod` work the same).

            ## Example
            Bad:
            ```dockerfile
            ADD package.json ./
            ```
            Good:
            ```dockerfile
            COPY package.json ./
            ADD rootfs.tar.gz /
            ```
            """,
        precision: "very-high",
        peers: new[]
        {
            new PeerRule("hadolint", "DL3020"),
            new PeerRule("Checkov", "CKV_DOCKER_4"),
            new PeerRule("Trivy", "AVD-DS-0005"),
        });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(DockerfileDocument document, RuleContext context)
    {
        var archiveExtensions = context.Parameters.GetStringList("archive_extensions");
        foreach (var add in document.Instructions)
        {
            if (add.Keyword != "ADD") continue;
            var sources = AddSources.Of(add).Select(s => s.Value).ToList();
            bool copySuffices = sources.Count > 0 && sources.All(source =>
                !AddSources.IsRemote(source)
                && !DockerfileFacts.HasVariable(source)
                && !archiveExtensions.Any(ext => source.EndsWith(ext, StringComparison.OrdinalIgnoreCase)));
            if (copySuffices)
                context.Report(add.KeywordSpan, $"ADD of local '{string.Join("', '", sources)}' does nothing COPY would not: use COPY.");
        }
    }
}
