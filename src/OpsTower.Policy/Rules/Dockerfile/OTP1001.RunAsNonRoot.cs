using System.Linq;
using OpsTower.Policy.Formats.Dockerfile;

namespace OpsTower.Policy.Rules.Dockerfile;

/// <summary>The final image must run as a non-root user.</summary>
public sealed class RunAsNonRootRule : FileRule<DockerfileDocument>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP1001",
        name: "RunAsNonRoot",
        title: "The final image runs as a non-root user.",
        description: "The last USER of the final stage (or of the stages it builds on with FROM <stage>) must name a user other than root or UID 0. Without a USER the container runs as the base image's user, which is root for almost every public image.",
        defaultLevel: FindingLevel.Error,
        securitySeverity: 7.5,
        category: "Dockerfile",
        tags: new[] { "security", "container", "least-privilege", "CIS-Docker-4.1" },
        helpMarkdown: """
            ## Why
            A process running as root inside a container is root on the host's kernel: one kernel or runtime escape,
            a writable host mount or a misconfigured capability turns an application bug into a node compromise.
            Kubernetes `runAsNonRoot: true` (which the Ops Tower deployments set) also refuses to start an image
            whose user is root, or a user name it cannot check, so the mistake shows up late, at deploy time.

            Only the final stage matters: builder stages may run as root. A final stage written `FROM builder`
            inherits the builder's last USER, so the rule follows that chain.

            ## How to fix
            Create an unprivileged user and switch to it as the last USER of the final stage. Base images that
            already run as non-root (distroless `:nonroot`) can be listed in the `non_root_base_images` parameter.

            ## Example
            Bad:
            ```dockerfile
            FROM node:20-alpine
            COPY . /app
            CMD ["node", "/app/index.js"]
            ```
            Good:
            ```dockerfile
            FROM node:20-alpine
            RUN addgroup -S app && adduser -S app -G app
            COPY --chown=app:app . /app
            USER app
            CMD ["node", "/app/index.js"]
            ```
            """,
        precision: "high",
        peers: new[]
        {
            new PeerRule("hadolint", "DL3002"),
            new PeerRule("Checkov", "CKV_DOCKER_3"),
            new PeerRule("Checkov", "CKV_DOCKER_8"),
            new PeerRule("Trivy", "AVD-DS-0002"),
        });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(DockerfileDocument document, RuleContext context)
    {
        var nonRootBaseImages = context.Parameters.GetStringList("non_root_base_images");
        var final = document.FinalStage;
        if (final is null) return;

        var user = DockerfileFacts.LastShipped(document, "USER");
        if (user is not null)
        {
            var token = user.Arguments.FirstOrDefault();
            if (token is null || DockerfileFacts.HasVariable(token.Value) || !DockerfileFacts.IsRootUser(token.Value)) return;
            context.Report(token.Span, $"The final image runs as '{token.Value}': switch to an unprivileged user as its last USER.");
            return;
        }

        var imageStage = DockerfileFacts.Chain(final).Last();
        string? image = imageStage.ResolvedBaseImage;
        if (image is not null && nonRootBaseImages.Any(pattern => DockerfileFacts.GlobMatches(pattern, image))) return;
        context.Report(final.BaseImage.Span,
            $"The final stage sets no USER, so it runs as the default user of '{imageStage.BaseImage.Value}', which is root unless that image says otherwise.");
    }
}
