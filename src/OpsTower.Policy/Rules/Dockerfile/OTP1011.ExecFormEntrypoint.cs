using System.Linq;
using OpsTower.Policy.Formats.Dockerfile;
using OpsTower.Policy.Formats.Shell;

namespace OpsTower.Policy.Rules.Dockerfile;

/// <summary>The final image's main process receives signals: exec-form ENTRYPOINT/CMD or an init.</summary>
public sealed class ExecFormEntrypointRule : FileRule<DockerfileDocument>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP1011",
        name: "ExecFormEntrypoint",
        title: "The final image's ENTRYPOINT and CMD use exec form, so the process receives signals.",
        description: "In the final image (stages it builds on included), a shell-form ENTRYPOINT, or a shell-form CMD with no ENTRYPOINT, makes /bin/sh -c PID 1, which does not forward SIGTERM. Not reported: commands whose last part starts with 'exec', and a shell-form CMD behind an exec-form ENTRYPOINT that is an init from the policy's init_programs. A shell-form CMD behind any other exec-form ENTRYPOINT is reported: the entrypoint receives '/bin/sh -c …' as arguments.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 2.0,
        category: "Dockerfile",
        tags: new[] { "reliability", "availability", "container" },
        helpMarkdown: """
            ## Why
            In shell form (`CMD node index.js`) Docker runs `/bin/sh -c "node index.js"`. The shell is PID 1; it
            does not forward SIGTERM to the application (some shells exec a lone command, but not reliably and not
            once the command has `&&` or a trap). `docker stop` and Kubernetes rolling updates then wait out the
            grace period and SIGKILL the process: in-flight requests fail, connections are not drained, and
            shutdown hooks never run.

            ## How to fix
            Use exec form (`CMD ["node", "index.js"]`), or start the (last) command with `exec`, or put an init such as
            `dumb-init` or `tini` in an exec-form ENTRYPOINT (listed in `init_programs`).

            ## Example
            Bad:
            ```dockerfile
            CMD npm start
            ```
            Good:
            ```dockerfile
            ENTRYPOINT ["dumb-init", "--"]
            CMD ["node", "index.js"]
            ```
            """,
        precision: "high",
        peers: new[]
        {
            new PeerRule("hadolint", "DL3025"),
            new PeerRule("docker build --check", "JSONArgsRecommended"),
        });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(DockerfileDocument document, RuleContext context)
    {
        var initPrograms = context.Parameters.GetStringList("init_programs");
        var entrypoint = DockerfileFacts.LastShipped(document, "ENTRYPOINT");
        var cmd = DockerfileFacts.LastShipped(document, "CMD");

        if (entrypoint is not null && entrypoint.ArgumentText.Trim().Length > 0)
        {
            if (!entrypoint.IsExecForm)
            {
                if (!EndsWithExec(entrypoint))
                    context.Report(entrypoint.ArgumentSpan, $"ENTRYPOINT '{DockerfileFacts.Snippet(entrypoint.ArgumentText)}' is in shell form: /bin/sh -c becomes PID 1 and does not forward SIGTERM; use exec form.");
                return;
            }
            string? program = DockerfileFacts.ProgramOf(entrypoint);
            if (cmd is null || cmd.IsExecForm || program is null || DockerfileFacts.IsOneOf(program, initPrograms)) return;
            context.Report(cmd.ArgumentSpan, $"CMD '{DockerfileFacts.Snippet(cmd.ArgumentText)}' is in shell form, so ENTRYPOINT '{program}' receives '/bin/sh -c …' as its arguments; use exec form.");
            return;
        }

        if (cmd is not null && !cmd.IsExecForm && cmd.ArgumentText.Trim().Length > 0 && !EndsWithExec(cmd))
            context.Report(cmd.ArgumentSpan, $"CMD '{DockerfileFacts.Snippet(cmd.ArgumentText)}' is in shell form: /bin/sh -c becomes PID 1 and does not forward SIGTERM; use exec form.");
    }

    /// <summary><c>exec node x</c> or <c>cd /app &amp;&amp; exec node x</c>: the shell replaces itself with the program.</summary>
    private static bool EndsWithExec(DockerInstruction instruction) =>
        ShellScript.Parse(instruction.ArgumentText).Commands.LastOrDefault()?.Words.FirstOrDefault()?.Value == "exec";
}
