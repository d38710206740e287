using System.Linq;
using OpsTower.Policy.Formats.Dockerfile;
using OpsTower.Policy.Formats.Shell;

namespace OpsTower.Policy.Rules.Dockerfile;

/// <summary>RUN does not use sudo.</summary>
public sealed class SudoInRunRule : FileRule<DockerfileDocument>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP1013",
        name: "SudoInRun",
        title: "RUN does not use sudo.",
        description: "A command run through sudo in a RUN (shell form or a here-document the shell runs, ONBUILD triggers included) means the image ships sudo, usually with a passwordless rule for the app user; switch USER around the privileged steps instead.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 5.0,
        category: "Dockerfile",
        tags: new[] { "security", "least-privilege", "container" },
        helpMarkdown: """
            ## Why
            For `sudo` to work in a build, the image must contain sudo and a sudoers rule letting the build user
            become root, typically without a password. That rule ships: any code execution as the app user in the
            running container becomes root. sudo also has unpredictable TTY and signal behaviour in containers.

            ## How to fix
            Run the privileged steps as root (`USER root` … `USER app`), or do them before the final `USER`, and do
            not install sudo. `gosu`/`su-exec` exist for entrypoints that must drop privileges at run time.

            ## Example
            Bad:
            ```dockerfile
            USER app
            RUN sudo apt-get update && sudo apt-get install -y curl
            ```
            Good:
            ```dockerfile
            RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
            USER app
            ```
            """,
        precision: "very-high",
        peers: new[]
        {
            new PeerRule("hadolint", "DL3004"),
            new PeerRule("Trivy", "AVD-DS-0010"),
        });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(DockerfileDocument document, RuleContext context)
    {
        foreach (var run in DockerfileFacts.AllRuns(document))
        foreach (var script in DockerfileFacts.RunScripts(run, context.File))
        foreach (var command in script.Script.AllCommands)
        {
            var sudo = command.WrapperWords.FirstOrDefault(w => ShellCommand.BaseName(w.Value) == "sudo");
            if (sudo is null) continue;
            context.Report(script.Map(sudo),
                $"RUN uses sudo ('{DockerfileFacts.Snippet(script.TextOf(command.Start, command.End))}'): run the step as root with USER instead of shipping sudo.");
        }
    }
}
