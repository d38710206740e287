using System.Linq;
using OpsTower.Policy.Engine;

namespace OpsTower.Policy.Rules.Repository;

/// <summary>The user a manifest runs a container as is the one its Dockerfile prepared.</summary>
public sealed class DockerfileUserMatchesRunAsUserRule : RepositoryRule
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP5032",
        name: "DockerfileUserMatchesRunAsUser",
        title: "Kubernetes runAsUser agrees with the Dockerfile's USER.",
        description: "For a Kubernetes container whose image names a service folder with exactly one Dockerfile (services/user-service/Dockerfile for …/user-service or …-user-service), when the final stage's last USER and the container's effective runAsUser are both numeric and differ, reports the runAsUser value and names the Dockerfile.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 3.0,
        category: "Repository",
        tags: new[] { "kubernetes", "dockerfile", "cross-file" },
        helpMarkdown: """
            ## Why
            The image's files are owned by the user its Dockerfile creates (`--chown=1001`). Running it as another
            UID fails on the first write, or tempts someone to make everything world-writable or run as root.

            ## How to fix
            Use the same UID in both places (the Dockerfile's `USER 1001` and the pod's `runAsUser: 1001`).

            ## Example
            ```dockerfile
            USER 1001
            ```
            ```yaml
            securityContext:
              runAsUser: 1001
            ```
            """,
        precision: "high");

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(RepositoryModel repository, RuleContext context)
    {
        foreach (var (manifest, container, dockerfile) in DockerfilePairs.Pairs(repository))
        {
            var user = dockerfile.FinalStage?.Instructions.LastOrDefault(i => i.Keyword == "USER");
            if (user is null || user.Arguments.Count == 0) continue;
            string userText = user.Arguments[0].Value;
            int colon = userText.IndexOf(':');
            if (DockerfilePairs.Number(colon < 0 ? userText : userText.Substring(0, colon)) is not { } dockerUser) continue;
            if (container.Security("runAsUser") is not { Value: Formats.Yaml.YamlScalar runAs } || runAs.AsInteger() is not { } kubernetesUser) continue;
            if (kubernetesUser == dockerUser) continue;
            context.Report(manifest.File, runAs.Span,
                $"{container.DisplayName} runs as UID {kubernetesUser}, but {dockerfile.File.Path} sets USER {dockerUser}: use the same UID.",
                new[] { new RelatedLocation(dockerfile.File, user.Arguments[0].Span, "the Dockerfile's USER") });
        }
    }
}
