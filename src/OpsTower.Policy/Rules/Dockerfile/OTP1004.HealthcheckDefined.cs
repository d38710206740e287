using System;
using System.Linq;
using OpsTower.Policy.Formats.Dockerfile;

namespace OpsTower.Policy.Rules.Dockerfile;

/// <summary>A service image declares a HEALTHCHECK.</summary>
public sealed class HealthcheckDefinedRule : FileRule<DockerfileDocument>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP1004",
        name: "HealthcheckDefined",
        title: "Service images declare a HEALTHCHECK.",
        description: "The final image of a service (one that EXPOSEs a port, or whose main program is in the policy's server_programs list, looking through an init entrypoint) should declare a HEALTHCHECK; HEALTHCHECK NONE is reported too. Images that are tools or jobs are not reported.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 2.0,
        category: "Dockerfile",
        tags: new[] { "reliability", "availability", "container" },
        helpMarkdown: """
            ## Why
            Without a health check, Docker, Compose and Swarm only know whether the process exists, not whether it
            serves: a deadlocked or half-started service keeps receiving traffic and is never restarted. The image is
            the one place that knows how its service answers, so it should say so. (Kubernetes ignores HEALTHCHECK and
            uses probes; declare both.)

            The rule reports only images that look like services: the final stage EXPOSEs a port, or its main program
            (after an init such as `dumb-init`) is listed in the `server_programs` parameter. A HEALTHCHECK inherited
            from the base image cannot be seen and is not taken into account.

            ## How to fix
            Add a `HEALTHCHECK` that exercises the service cheaply, with a timeout. Do not disable it with
            `HEALTHCHECK NONE`.

            ## Example
            Bad:
            ```dockerfile
            FROM node:20-alpine
            EXPOSE 3000
            CMD ["node", "index.js"]
            ```
            Good:
            ```dockerfile
            FROM node:20-alpine
            EXPOSE 3000
            HEALTHCHECK --interval=30s --timeout=3s --retries=3 CMD wget -qO- http://localhost:3000/health || exit 1
            CMD ["node", "index.js"]
            ```
            """,
        precision: "medium",
        peers: new[]
        {
            new PeerRule("Checkov", "CKV_DOCKER_2"),
            new PeerRule("Trivy", "AVD-DS-0026"),
        });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(DockerfileDocument document, RuleContext context)
    {
        var serverPrograms = context.Parameters.GetStringList("server_programs");
        var initPrograms = context.Parameters.GetStringList("init_programs");
        var final = document.FinalStage;
        if (final is null) return;

        var healthcheck = DockerfileFacts.LastShipped(document, "HEALTHCHECK");
        if (healthcheck is not null)
        {
            if (string.Equals(healthcheck.ArgumentText.Trim(), "NONE", StringComparison.OrdinalIgnoreCase))
                context.Report(healthcheck.ArgumentSpan, "HEALTHCHECK NONE disables the health check of a service image: declare a real check.");
            return;
        }

        string? why = null;
        var expose = DockerfileFacts.ShippedInstructions(document).FirstOrDefault(i => i.Keyword == "EXPOSE" && i.Arguments.Count > 0);
        if (expose is not null)
            why = $"it exposes {string.Join(" ", expose.Arguments.Select(a => a.Value))}";
        else if (DockerfileFacts.MainProgram(document, initPrograms) is { } main && DockerfileFacts.IsOneOf(main.Program, serverPrograms))
            why = $"it runs the server program '{main.Program}'";
        if (why is null) return;

        context.Report(final.BaseImage.Span, $"The final image is a service ({why}) but declares no HEALTHCHECK.");
    }
}
