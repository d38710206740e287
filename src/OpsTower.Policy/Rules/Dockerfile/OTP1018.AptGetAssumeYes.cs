using System;
using System.Linq;
using OpsTower.Policy.Formats.Dockerfile;
using OpsTower.Policy.Formats.Shell;

namespace OpsTower.Policy.Rules.Dockerfile;

/// <summary><c>apt-get install</c> answers its prompt with -y, so the build does not stop at "Do you want to continue?".</summary>
public sealed class AptGetAssumeYesRule : FileRule<DockerfileDocument>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP1018",
        name: "AptGetAssumeYes",
        title: "apt-get install runs non-interactively with -y.",
        description: "Every apt-get or apt install in a RUN (shell form, a here-document the shell runs, or an exec-form sh -c script; ONBUILD triggers included) passes -y, --yes, --assume-yes, a short-option cluster with y (-qy), -qq (which implies -y) or -o APT::Get::Assume-Yes=true.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 1.0,
        category: "Dockerfile",
        tags: new[] { "reliability", "container" },
        helpMarkdown: """
            ## Why
            Without `-y`, `apt-get install` asks "Do you want to continue? [Y/n]" whenever it installs more than the
            named packages. A build has no terminal, so apt-get reads end of input, aborts, and the step fails (or,
            with a cached layer, fails later on a different base image).

            ## How to fix
            Pass `-y` (or `--yes`) to every `apt-get install`.

            ## Example
            Bad:
            ```dockerfile
            RUN apt-get update && apt-get install --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
            ```
            Good:
            ```dockerfile
            RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
            ```
            """,
        precision: "very-high",
        peers: new[] { new PeerRule("hadolint", "DL3014"), new PeerRule("Trivy", "AVD-DS-0021") });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(DockerfileDocument document, RuleContext context)
    {
        foreach (var run in DockerfileFacts.AllRuns(document))
        foreach (var script in DockerfileFacts.RunScripts(run, context.File))
        foreach (var command in script.Script.AllCommands)
        {
            if (!DockerfileFacts.IsAptInstall(command) || AssumesYes(command)) continue;
            context.Report(script.Map(command),
                $"'{DockerfileFacts.Snippet(script.TextOf(command.Start, command.End))}' waits for a confirmation no build can give: add -y.");
        }
    }

    private static bool AssumesYes(ShellCommand command)
    {
        var args = command.Arguments.Select(w => w.Value).ToList();
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (arg is "--yes" or "--assume-yes" or "-qq" or "--quiet=2" or "-q=2") return true;
            if (arg.Length >= 2 && arg[0] == '-' && arg[1] != '-' && arg.IndexOf('y') > 0) return true;
            if (arg == "-o" && i + 1 < args.Count && args[i + 1].StartsWith("APT::Get::Assume-Yes=", StringComparison.OrdinalIgnoreCase)
                && args[i + 1].EndsWith("=true", StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }
}
