using System.Linq;
using OpsTower.Policy.Formats.Dockerfile;
using OpsTower.Policy.Formats.Shell;

namespace OpsTower.Policy.Rules.Dockerfile;

/// <summary>Image builds do not upgrade every installed package.</summary>
public sealed class PackageUpgradeInBuildRule : FileRule<DockerfileDocument>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP1012",
        name: "PackageUpgradeInBuild",
        title: "Image builds do not upgrade all packages of the base image.",
        description: "A RUN that upgrades every installed package (apk upgrade, apt-get/apt upgrade, dist-upgrade or full-upgrade, yum/dnf/microdnf update or upgrade without package names) makes the image depend on the day it was built. Targeted upgrades that name packages are not reported.",
        defaultLevel: FindingLevel.Note,
        securitySeverity: 1.0,
        category: "Dockerfile",
        tags: new[] { "reproducibility", "maintainability" },
        helpMarkdown: """
            ## Why
            A blanket upgrade replaces the base image's tested package set with whatever the mirrors serve at build
            time: two builds of one commit differ, a rebuild can break on an incompatible upgrade, and the result is
            a package set nobody else runs. It is also a sign the base image is stale. The Ops Tower spec's hardening
            example does this to get security fixes, which is why the baseline reports it only as a note.

            ## How to fix
            Get fixes from the base image: move to a newer tag or digest (Renovate/Dependabot keep it current) and
            rebuild. Where one package needs a fix before the base image has it, upgrade that package by name.

            ## Example
            Bad:
            ```dockerfile
            RUN apk update && apk upgrade
            ```
            Good:
            ```dockerfile
            FROM node:20.11-alpine3.19
            RUN apk add --no-cache --upgrade openssl
            ```
            """,
        precision: "high",
        peers: new[] { new PeerRule("Trivy", "AVD-DS-0024") });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(DockerfileDocument document, RuleContext context)
    {
        foreach (var run in DockerfileFacts.AllRuns(document))
        foreach (var script in DockerfileFacts.RunScripts(run, context.File))
        foreach (var command in script.Script.AllCommands)
        {
            if (!UpgradesEverything(command)) continue;
            context.Report(script.Map(command),
                $"'{DockerfileFacts.Snippet(script.TextOf(command.Start, command.End))}' upgrades every package at build time: use a newer base image instead.");
        }
    }

    private static bool UpgradesEverything(ShellCommand command)
    {
        var operands = command.Arguments.Select(w => w.Value).Where(a => !a.StartsWith("-", System.StringComparison.Ordinal)).ToList();
        if (operands.Count == 0) return false;
        string subcommand = operands[0];
        bool namesPackages = operands.Count > 1;
        return command.ProgramName switch
        {
            "apk" => subcommand == "upgrade" && !namesPackages,
            "apt-get" or "apt" => subcommand is "upgrade" or "dist-upgrade" or "full-upgrade",
            "yum" or "dnf" or "microdnf" => subcommand is "update" or "upgrade" or "distro-sync" && !namesPackages,
            _ => false,
        };
    }
}
