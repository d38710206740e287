using System;
using System.Linq;
using OpsTower.Policy.Formats.Compose;

namespace OpsTower.Policy.Rules.Compose;

/// <summary>Database ports are published on localhost only.</summary>
public sealed class ComposeDatabasePortPublishedRule : FileRule<ComposeFile>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP6002",
        name: "ComposeDatabasePortPublished",
        title: "Database ports are not published on every interface.",
        description: "Reports a service port whose container port is one the policy lists as a database port (5432, 6379… in the baseline) and that is published without a host IP, or on 0.0.0.0 or ::, which makes it reachable from the network, not just the developer's machine.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 6.0,
        category: "Compose",
        tags: new[] { "security", "compose", "network" },
        helpMarkdown: """
            ## Why
            `"5432:5432"` binds every interface of the host: anyone on the same Wi-Fi, VPN or cloud network reaches the
            database, usually with a default password. Docker's port publishing also bypasses host firewalls such as
            ufw.

            ## How to fix
            Publish on the loopback address, or not at all (services reach each other on the compose network).

            ## Example
            Bad:
            ```yaml
            ports:
              - "5432:5432"
            ```
            Good:
            ```yaml
            ports:
              - "127.0.0.1:5432:5432"
            ```
            """,
        precision: "high");

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(ComposeFile file, RuleContext context)
    {
        var databasePorts = context.Parameters.GetStringList("database_ports");
        foreach (var service in file.Services)
        foreach (var port in service.Ports)
        {
            if (port.HostIp is not (null or "" or "0.0.0.0" or "::")) continue;
            if (!databasePorts.Contains(port.Target, StringComparer.Ordinal)) continue;
            context.Report(port.Span, $"Service {service.Name} publishes database port {port.Target} on every interface: bind it to 127.0.0.1 or drop the port.");
        }
    }
}
