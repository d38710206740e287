using System;
using System.Linq;
using OpsTower.Policy.Formats.Compose;

namespace OpsTower.Policy.Rules.Compose;

/// <summary>Compose services do not mount the container runtime's socket.</summary>
public sealed class ComposeDockerSocketMountRule : FileRule<ComposeFile>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP6006",
        name: "ComposeDockerSocketMount",
        title: "Compose services do not mount the Docker socket.",
        description: "Reports a volume whose source is one of the runtime sockets the policy lists (/var/run/docker.sock and the containerd and CRI-O sockets in the baseline).",
        defaultLevel: FindingLevel.Error,
        securitySeverity: 9.0,
        category: "Compose",
        tags: new[] { "security", "compose", "isolation" },
        helpMarkdown: """
            ## Why
            The Docker socket is root on the host: whoever can write to it starts a privileged container with the
            host's filesystem mounted. A service that mounts it hands that power to anyone who compromises it.

            ## How to fix
            Remove the mount. Tools that need the Docker API should use a restricted proxy (tecnativa/docker-socket-proxy)
            with only the calls they need.

            ## Example
            Bad:
            ```yaml
            volumes:
              - /var/run/docker.sock:/var/run/docker.sock
            ```
            """,
        precision: "very-high");

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(ComposeFile file, RuleContext context)
    {
        var sockets = context.Parameters.GetStringList("socket_paths");
        foreach (var service in file.Services)
        foreach (var volume in service.Volumes)
            if (volume.Source is { } source && sockets.Contains(source.TrimEnd('/'), StringComparer.Ordinal))
                context.Report(volume.SourceSpan, $"Service {service.Name} mounts the container runtime socket {source}, which gives it root on the host.");
    }
}
