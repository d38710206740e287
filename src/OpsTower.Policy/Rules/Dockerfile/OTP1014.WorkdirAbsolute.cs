using System.Linq;
using OpsTower.Policy.Formats.Dockerfile;

namespace OpsTower.Policy.Rules.Dockerfile;

/// <summary>WORKDIR starts from an absolute path.</summary>
public sealed class WorkdirAbsoluteRule : FileRule<DockerfileDocument>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP1014",
        name: "WorkdirAbsolute",
        title: "A stage sets an absolute WORKDIR before any relative one.",
        description: "A relative WORKDIR is resolved against the base image's working directory. It is reported when no absolute WORKDIR came before it in the stage or in the stages it builds on. Paths starting with a variable are assumed absolute.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 1.0,
        category: "Dockerfile",
        tags: new[] { "reliability", "maintainability" },
        helpMarkdown: """
            ## Why
            `WORKDIR app` means `<the base image's WORKDIR>/app`. The base image's working directory is not part of
            its contract: a base image update that changes it moves the application, and COPY and RUN steps then
            write to or run in an unexpected place, sometimes `/`.

            ## How to fix
            Give the first WORKDIR of each stage an absolute path; later relative ones are then well defined.

            ## Example
            Bad:
            ```dockerfile
            FROM node:20-alpine
            WORKDIR app
            ```
            Good:
            ```dockerfile
            FROM node:20-alpine
            WORKDIR /app
            ```
            """,
        precision: "very-high",
        peers: new[]
        {
            new PeerRule("hadolint", "DL3000"),
            new PeerRule("Checkov", "CKV_DOCKER_10"),
            new PeerRule("Trivy", "AVD-DS-0009"),
            new PeerRule("docker build --check", "WorkdirRelativePath"),
        });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(DockerfileDocument document, RuleContext context)
    {
        foreach (var stage in document.Stages)
        {
            bool anchored = DockerfileFacts.Chain(stage).Skip(1).SelectMany(s => s.Instructions).Any(i => i.Keyword == "WORKDIR" && IsAnchored(PathOf(i)));
            foreach (var workdir in stage.Instructions.Where(i => i.Keyword == "WORKDIR"))
            {
                string path = PathOf(workdir);
                if (path.Length == 0) continue;
                if (IsAnchored(path)) { anchored = true; continue; }
                if (!anchored)
                    context.Report(workdir.ArgumentSpan, $"WORKDIR '{path}' is relative to the base image's working directory: start the stage with an absolute WORKDIR.");
            }
        }
    }

    private static string PathOf(DockerInstruction workdir) => workdir.Arguments.FirstOrDefault()?.Value ?? workdir.ArgumentText.Trim();

    /// <summary>Absolute on Linux or Windows, or starting with a variable (usually an absolute path such as $HOME).</summary>
    private static bool IsAnchored(string path) =>
        path.StartsWith("/", System.StringComparison.Ordinal)
        || path.StartsWith("\\", System.StringComparison.Ordinal)
        || path.StartsWith("$", System.StringComparison.Ordinal)
        || (path.Length >= 3 && char.IsLetter(path[0]) && path[1] == ':' && (path[2] == '\\' || path[2] == '/'));
}
