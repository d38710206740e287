using System.Collections.Generic;
using System.Linq;
using OpsTower.Policy.Engine;
using OpsTower.Policy.Formats.Yaml;

namespace OpsTower.Policy.Rules.Repository;

/// <summary>The ports a manifest opens and probes are the ones the image listens on.</summary>
public sealed class ContainerPortMatchesExposeRule : RepositoryRule
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP5033",
        name: "ContainerPortMatchesExpose",
        title: "Kubernetes container and probe ports match the Dockerfile's EXPOSE.",
        description: "For a Kubernetes container paired with its service's Dockerfile (as in OTP5032) whose final stage EXPOSEs ports, each numeric containerPort and each numeric liveness, readiness or startup probe port (httpGet, tcpSocket, grpc) must be one of them. Reported at the port number, naming the Dockerfile.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 2.0,
        category: "Repository",
        tags: new[] { "kubernetes", "dockerfile", "cross-file", "reliability" },
        helpMarkdown: """
            ## Why
            A probe on a port the process does not listen on fails forever: the pod never becomes ready, or is
            restarted in a loop. A containerPort that differs from the one the image serves sends the Service's
            traffic nowhere.

            ## How to fix
            Use the port the service listens on (and that its Dockerfile `EXPOSE`s) in `containerPort` and probes.

            ## Example
            ```dockerfile
            EXPOSE 3000
            ```
            ```yaml
            ports:
              - containerPort: 3000
            readinessProbe:
              httpGet: { path: /ready, port: 3000 }
            ```
            """,
        precision: "high");

    private static readonly string[] Probes = { "livenessProbe", "readinessProbe", "startupProbe" };
    private static readonly string[] ProbeHandlers = { "httpGet", "tcpSocket", "grpc" };

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(RepositoryModel repository, RuleContext context)
    {
        foreach (var (manifest, container, dockerfile) in DockerfilePairs.Pairs(repository))
        {
            var expose = dockerfile.FinalStage?.Instructions.Where(i => i.Keyword == "EXPOSE").ToList() ?? new();
            var exposed = expose.SelectMany(i => i.Arguments).Select(a => DockerfilePairs.Number(a.Value.Split('/')[0])).Where(p => p is not null).Select(p => p!.Value).ToList();
            if (exposed.Count == 0) continue;
            var related = new[] { new RelatedLocation(dockerfile.File, expose[0].ArgumentSpan, "the Dockerfile's EXPOSE") };
            string exposedText = string.Join(", ", exposed.Distinct());
            foreach (var (port, what) in Ports(container.Node))
            {
                if (port.AsInteger() is not { } number || exposed.Contains((int)number)) continue;
                context.Report(manifest.File, port.Span,
                    $"{container.DisplayName} uses port {number} for its {what}, but {dockerfile.File.Path} EXPOSEs {exposedText}: use the port the service listens on.",
                    related);
            }
        }
    }

    private static IEnumerable<(YamlScalar Port, string What)> Ports(YamlMapping container)
    {
        foreach (var item in container.GetSequence("ports")?.Items ?? new List<YamlNode>())
            if (item is YamlMapping port && port.GetScalar("containerPort") is { } containerPort) yield return (containerPort, "containerPort");
        foreach (string probe in Probes)
        foreach (string handler in ProbeHandlers)
            if (container.GetPath(probe, handler, "port") is YamlScalar port) yield return (port, probe);
    }
}
