using System;
using System.Collections.Generic;
using System.Linq;
using OpsTower.Policy.Formats.Dockerfile;
using OpsTower.Policy.Formats.Shell;

namespace OpsTower.Policy.Rules.Dockerfile;

/// <summary>Package installs in shipped layers do not leave the package manager's cache behind.</summary>
public sealed class PackageCacheCleanedRule : FileRule<DockerfileDocument>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP1009",
        name: "PackageCacheCleaned",
        title: "Package installs clean the package manager's cache in the same RUN.",
        description: "In the stages whose layers ship (the final stage and the stages it builds on), each install by a package manager listed in the policy's package_managers must leave no cache in its layer: apk add --no-cache; apt-get/apt install with rm -rf /var/lib/apt/lists/* in the same RUN; yum/dnf/microdnf install with '<manager> clean all'; pip install --no-cache-dir (or PIP_NO_CACHE_DIR); npm ci/install with 'npm cache clean --force'; yarn install/add with 'yarn cache clean'. A RUN with a --mount=type=cache is fine.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 1.5,
        category: "Dockerfile",
        tags: new[] { "hygiene", "image-size", "container" },
        helpMarkdown: """
            ## Why
            Package indexes and downloaded packages stay in the layer that created them, even if a later RUN deletes
            them. They add tens to hundreds of megabytes to every pull, and stale package indexes let a later
            `apt-get install` in a derived image install outdated, vulnerable versions.

            Only stages whose layers end up in the final image are checked: caches in builder stages that are only
            used through `COPY --from` never ship. `apt-get install` without `-y` is not checked (the build fails
            on its own), nor is `--no-install-recommends`.

            ## How to fix
            Clean up in the same RUN as the install, or use a BuildKit cache mount
            (`RUN --mount=type=cache,target=/var/cache/apt …`), which keeps the cache out of the image and speeds
            up rebuilds.

            ## Example
            Bad:
            ```dockerfile
            RUN apt-get update && apt-get install -y curl
            RUN apk add curl
            RUN pip install -r requirements.txt
            ```
            Good:
            ```dockerfile
            RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
            RUN apk add --no-cache curl
            RUN pip install --no-cache-dir -r requirements.txt
            ```
            """,
        precision: "high",
        peers: new[]
        {
            new PeerRule("hadolint", "DL3009"),
            new PeerRule("hadolint", "DL3019"),
            new PeerRule("hadolint", "DL3032"),
            new PeerRule("hadolint", "DL3040"),
            new PeerRule("hadolint", "DL3042"),
            new PeerRule("hadolint", "DL3060"),
            new PeerRule("Trivy", "AVD-DS-0015"),
            new PeerRule("Trivy", "AVD-DS-0019"),
            new PeerRule("Trivy", "AVD-DS-0025"),
        });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(DockerfileDocument document, RuleContext context)
    {
        var managers = new HashSet<string>(context.Parameters.GetStringList("package_managers"), StringComparer.OrdinalIgnoreCase);
        var shipped = DockerfileFacts.ShippedInstructions(document).ToList();
        bool pipCacheDisabled = shipped.Any(i => i.Keyword == "ENV" && i.KeyValues.Any(kv => kv.Key == "PIP_NO_CACHE_DIR"));

        foreach (var run in shipped.Where(i => i.Keyword == "RUN"))
        {
            if (run.Flags.Any(f => string.Equals(f.Name, "mount", StringComparison.OrdinalIgnoreCase) && (f.Value ?? "").IndexOf("type=cache", StringComparison.Ordinal) >= 0))
                continue;
            var scripts = DockerfileFacts.RunScripts(run, context.File).ToList();
            var commands = scripts.SelectMany(s => s.Script.AllCommands).ToList();
            foreach (var script in scripts)
            foreach (var command in script.Script.AllCommands)
            {
                string? problem = Check(command, commands, managers, pipCacheDisabled);
                if (problem is not null)
                    context.Report(script.Map(command), $"'{DockerfileFacts.Snippet(script.TextOf(command.Start, command.End))}' {problem}");
            }
        }
    }

    /// <summary>What is wrong with an install command, or null.</summary>
    private static string? Check(ShellCommand command, IReadOnlyList<ShellCommand> sameRun, HashSet<string> managers, bool pipCacheDisabled)
    {
        string program = command.ProgramName;
        var args = command.Arguments.Select(w => w.Value).ToList();
        string? subcommand = args.FirstOrDefault(a => !a.StartsWith("-", StringComparison.Ordinal));

        if (program == "apk" && managers.Contains("apk") && subcommand == "add"
            && !args.Contains("--no-cache") && !Removes(sameRun, "/var/cache/apk"))
            return "keeps the apk index in the layer: use 'apk add --no-cache'.";

        if (program is "apt-get" or "apt" && managers.Contains("apt") && subcommand == "install"
            && !Removes(sameRun, "/var/lib/apt/lists"))
            return "keeps the apt lists in the layer: add '&& rm -rf /var/lib/apt/lists/*' to the same RUN.";

        if (program is "yum" or "dnf" or "microdnf" && managers.Contains(program == "microdnf" ? "dnf" : program)
            && subcommand is "install" or "groupinstall" or "reinstall"
            && !sameRun.Any(c => c.ProgramName == program && c.Arguments.Select(w => w.Value).SequenceEqual(new[] { "clean", "all" }))
            && !Removes(sameRun, "/var/cache/" + (program == "microdnf" ? "dnf" : program)))
            return $"keeps the {program} cache in the layer: add '&& {program} clean all' to the same RUN.";

        if (managers.Contains("pip") && IsPipInstall(command) && !pipCacheDisabled
            && !args.Contains("--no-cache-dir") && !command.Words.Any(w => w.Value.StartsWith("PIP_NO_CACHE_DIR=", StringComparison.Ordinal)))
            return "keeps pip's download cache in the layer: add --no-cache-dir.";

        if (program == "npm" && managers.Contains("npm") && subcommand is "ci" or "install" or "i"
            && !sameRun.Any(c => c.ProgramName == "npm" && c.Arguments.Take(2).Select(w => w.Value).SequenceEqual(new[] { "cache", "clean" })))
            return "keeps npm's cache in the layer: add '&& npm cache clean --force' to the same RUN.";

        if (program == "yarn" && managers.Contains("yarn") && subcommand is null or "install" or "add"
            && !sameRun.Any(c => c.ProgramName == "yarn" && c.Arguments.Take(2).Select(w => w.Value).SequenceEqual(new[] { "cache", "clean" })))
            return "keeps yarn's cache in the layer: add '&& yarn cache clean' to the same RUN.";

        return null;
    }

    /// <summary><c>pip install</c>, <c>pip3.12 install</c> or <c>python3 -m pip install</c>.</summary>
    private static bool IsPipInstall(ShellCommand command)
    {
        var args = command.Arguments.Select(w => w.Value).ToList();
        if (command.ProgramName.StartsWith("pip", StringComparison.Ordinal))
            return args.FirstOrDefault(a => !a.StartsWith("-", StringComparison.Ordinal)) == "install";
        return command.ProgramName.StartsWith("python", StringComparison.Ordinal)
            && args.Count >= 3 && args[0] == "-m" && args[1] == "pip" && args[2] == "install";
    }

    /// <summary>Whether some <c>rm</c> of the RUN deletes under <paramref name="directory"/>.</summary>
    private static bool Removes(IEnumerable<ShellCommand> commands, string directory) =>
        commands.Any(c => c.ProgramName == "rm" && c.Arguments.Any(w => w.Value.StartsWith(directory, StringComparison.Ordinal)));
}
