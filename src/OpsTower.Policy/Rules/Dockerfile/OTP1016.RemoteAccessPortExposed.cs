using System.Globalization;
using System.Linq;
using OpsTower.Policy.Formats.Dockerfile;

namespace OpsTower.Policy.Rules.Dockerfile;

/// <summary>The final image does not expose remote-administration ports (SSH, Telnet, RDP, VNC).</summary>
public sealed class RemoteAccessPortExposedRule : FileRule<DockerfileDocument>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP1016",
        name: "RemoteAccessPortExposed",
        title: "The final image does not expose remote-access ports.",
        description: "An EXPOSE in the final image (stages it builds on included) of a port listed in the policy's remote_access_ports (22 SSH, 23 Telnet, 3389 RDP, 5900 VNC by default), alone or inside a range, is reported. Ports given by variables are not reported.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 6.5,
        category: "Dockerfile",
        tags: new[] { "security", "network", "container" },
        helpMarkdown: """
            ## Why
            Exposing SSH or another remote-administration port means the image runs a login daemon next to the
            application: another network-facing service to patch, credentials or keys baked into the image, and a
            way in that bypasses the orchestrator's access control and audit trail.

            ## How to fix
            Remove the daemon and the EXPOSE. Use `kubectl exec`, `docker exec` or an ephemeral debug container to
            get a shell, and `kubectl cp`/volumes to move files.

            ## Example
            Bad:
            ```dockerfile
            RUN apt-get update && apt-get install -y openssh-server && rm -rf /var/lib/apt/lists/*
            EXPOSE 22 8080
            ```
            Good:
            ```dockerfile
            EXPOSE 8080
            ```
            """,
        precision: "very-high",
        peers: new[]
        {
            new PeerRule("Checkov", "CKV_DOCKER_1"),
            new PeerRule("Trivy", "AVD-DS-0004"),
        });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(DockerfileDocument document, RuleContext context)
    {
        var remoteAccessPorts = context.Parameters.GetStringList("remote_access_ports")
            .Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out int port)
                ? port
                : throw new PolicyException($"Parameter 'remote_access_ports' lists port numbers, not '{p}'."))
            .ToList();
        foreach (var expose in DockerfileFacts.ShippedInstructions(document).Where(i => i.Keyword == "EXPOSE"))
        foreach (var token in expose.Arguments)
        {
            if (!DockerfileFacts.TryParsePortRange(token.Value, out int first, out int last)) continue;
            var hit = remoteAccessPorts.Where(p => p >= first && p <= last).ToList();
            if (hit.Count > 0)
                context.Report(token.Span, $"EXPOSE {token.Value} opens remote-access port {string.Join(", ", hit)}: use docker/kubectl exec instead of a login daemon.");
        }
    }
}
