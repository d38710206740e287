using System.Linq;
using OpsTower.Policy.Formats.Dockerfile;

namespace OpsTower.Policy.Rules.Dockerfile;

/// <summary>A non-root image does not EXPOSE a privileged port it cannot bind.</summary>
public sealed class PrivilegedPortAsNonRootRule : FileRule<DockerfileDocument>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP1010",
        name: "PrivilegedPortAsNonRoot",
        title: "Images that run as non-root do not expose privileged ports.",
        description: "When the final image's last USER is not root, an EXPOSEd port (or the start of a port range) below the policy's privileged_port_limit is reported: the process cannot bind it without NET_BIND_SERVICE. Ports given by variables are not reported.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 2.0,
        category: "Dockerfile",
        tags: new[] { "reliability", "least-privilege", "container" },
        helpMarkdown: """
            ## Why
            On Linux only root (or a process with `CAP_NET_BIND_SERVICE`) may bind ports below 1024. Docker since
            20.10 lowers `net.ipv4.ip_unprivileged_port_start` to 0 inside containers, so the image works locally,
            then crashes on Kubernetes nodes and other runtimes that keep the kernel default. The usual "fix", adding
            the capability or running as root, undoes the hardening OTP1001 asks for.

            ## How to fix
            Listen on an unprivileged port (8080, 8443…) and map it to 80/443 in the Service, load balancer or
            `docker run -p 80:8080`.

            ## Example
            Bad:
            ```dockerfile
            FROM nginxinc/nginx-unprivileged:1.25
            USER nginx
            EXPOSE 80
            ```
            Good:
            ```dockerfile
            FROM nginxinc/nginx-unprivileged:1.25
            USER nginx
            EXPOSE 8080
            ```
            """,
        precision: "high",
        peers: null);

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(DockerfileDocument document, RuleContext context)
    {
        int limit = context.Parameters.GetInt("privileged_port_limit");
        var user = DockerfileFacts.LastShipped(document, "USER")?.Arguments.FirstOrDefault();
        if (user is null || DockerfileFacts.HasVariable(user.Value) || DockerfileFacts.IsRootUser(user.Value)) return;

        foreach (var expose in DockerfileFacts.ShippedInstructions(document).Where(i => i.Keyword == "EXPOSE"))
        foreach (var port in expose.Arguments)
        {
            if (DockerfileFacts.TryParsePortRange(port.Value, out int first, out _) && first < limit)
                context.Report(port.Span, $"EXPOSE {port.Value} is below port {limit}, but the image runs as '{user.Value}', which cannot bind it without NET_BIND_SERVICE: listen on an unprivileged port.");
        }
    }
}
