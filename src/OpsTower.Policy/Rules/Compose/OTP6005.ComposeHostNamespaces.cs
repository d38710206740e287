using OpsTower.Policy.Formats.Compose;

namespace OpsTower.Policy.Rules.Compose;

/// <summary>Compose services do not share the host's network, PID or IPC namespace.</summary>
public sealed class ComposeHostNamespacesRule : FileRule<ComposeFile>
{
    private static readonly string[] Fields = { "network_mode", "pid", "ipc" };

    public static readonly RuleDescriptor Definition = new(
        id: "OTP6005",
        name: "ComposeHostNamespaces",
        title: "Compose services do not use the host's network, PID or IPC namespace.",
        description: "Reports network_mode: host, pid: host and ipc: host on a service.",
        defaultLevel: FindingLevel.Error,
        securitySeverity: 7.5,
        category: "Compose",
        tags: new[] { "security", "compose", "isolation" },
        helpMarkdown: """
            ## Why
            `network_mode: host` puts the container on the host's interfaces, reaching everything bound to localhost
            and skipping the compose network's isolation; `pid: host` shows and signals every host process; `ipc: host`
            shares the host's shared memory.

            ## How to fix
            Remove the setting and publish the ports the service needs.

            ## Example
            Bad:
            ```yaml
            network_mode: host
            ```
            Good:
            ```yaml
            ports:
              - "127.0.0.1:3001:3000"
            ```
            """,
        precision: "very-high");

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(ComposeFile file, RuleContext context)
    {
        foreach (var service in file.Services)
        foreach (string field in Fields)
            if (service.Node.GetScalar(field) is { Value: "host" } value)
                context.Report(value.Span, $"Service {service.Name} sets {field}: host, sharing the host's namespace.");
    }
}
