using System;
using System.Linq;
using OpsTower.Policy.Formats.Dockerfile;
using OpsTower.Policy.Formats.Shell;

namespace OpsTower.Policy.Rules.Dockerfile;

/// <summary><c>apt-get install</c> in shipped layers skips recommended packages.</summary>
public sealed class AptGetNoInstallRecommendsRule : FileRule<DockerfileDocument>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP1019",
        name: "AptGetNoInstallRecommends",
        title: "apt-get install skips recommended packages with --no-install-recommends.",
        description: "In the stages whose layers ship (the final stage and the stages it builds on), every apt-get or apt install passes --no-install-recommends (or -o APT::Install-Recommends=false). A RUN that sets APT::Install-Recommends in an apt.conf.d file is not looked at; builder stages used only through COPY --from are not checked.",
        defaultLevel: FindingLevel.Note,
        securitySeverity: 1.5,
        category: "Dockerfile",
        tags: new[] { "hygiene", "image-size", "container" },
        helpMarkdown: """
            ## Why
            By default apt installs every package the requested ones recommend: documentation, extra tools, whole
            desktop libraries. They grow the image, often by more than the packages asked for, and every extra
            package is attack surface and a source of vulnerability reports.

            ## How to fix
            Add `--no-install-recommends`, then name any recommended package you really need.

            ## Example
            Bad:
            ```dockerfile
            RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
            ```
            Good:
            ```dockerfile
            RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl && rm -rf /var/lib/apt/lists/*
            ```
            """,
        precision: "high",
        peers: new[] { new PeerRule("hadolint", "DL3015"), new PeerRule("Trivy", "AVD-DS-0029") });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(DockerfileDocument document, RuleContext context)
    {
        foreach (var run in DockerfileFacts.ShippedInstructions(document).Where(i => i.Keyword == "RUN"))
        foreach (var script in DockerfileFacts.RunScripts(run, context.File))
        foreach (var command in script.Script.AllCommands)
        {
            if (!DockerfileFacts.IsAptInstall(command) || SkipsRecommends(command)) continue;
            context.Report(script.Map(command),
                $"'{DockerfileFacts.Snippet(script.TextOf(command.Start, command.End))}' also installs recommended packages: add --no-install-recommends.");
        }
    }

    private static bool SkipsRecommends(ShellCommand command)
    {
        var args = command.Arguments.Select(w => w.Value).ToList();
        for (int i = 0; i < args.Count; i++)
        {
            if (args[i] == "--no-install-recommends") return true;
            string setting = args[i] == "-o" && i + 1 < args.Count ? args[i + 1] : args[i].StartsWith("-o", StringComparison.Ordinal) ? args[i].Substring(2) : "";
            if (setting.StartsWith("APT::Install-Recommends=", StringComparison.OrdinalIgnoreCase)
                && (setting.EndsWith("=false", StringComparison.OrdinalIgnoreCase) || setting.EndsWith("=0", StringComparison.Ordinal)))
                return true;
        }
        return false;
    }
}
