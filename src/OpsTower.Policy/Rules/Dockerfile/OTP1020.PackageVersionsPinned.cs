using System;
using System.Collections.Generic;
using System.Linq;
using OpsTower.Policy.Formats.Dockerfile;
using OpsTower.Policy.Formats.Shell;

namespace OpsTower.Policy.Rules.Dockerfile;

/// <summary>Packages installed by apt, apk, pip and npm name a version, so rebuilds install the same software.</summary>
public sealed class PackageVersionsPinnedRule : FileRule<DockerfileDocument>
{
    // Options that take the next word as their value, per manager (the value is not a package).
    private static readonly HashSet<string> ApkOptionsWithValue = new(StringComparer.Ordinal)
    {
        "-t", "--virtual", "-X", "--repository", "-p", "--root", "--arch", "--cache-dir", "--keys-dir", "--repositories-file",
    };

    private static readonly HashSet<string> PipOptionsWithValue = new(StringComparer.Ordinal)
    {
        "-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-i", "--index-url", "--extra-index-url",
        "-f", "--find-links", "-t", "--target", "--prefix", "--root", "--trusted-host", "--platform", "--python-version",
        "--implementation", "--abi", "--src", "--upgrade-strategy", "--progress-bar", "--cache-dir", "--log", "--proxy",
        "--retries", "--timeout", "--exists-action", "--cert", "--client-cert", "--global-option", "-C", "--config-settings",
        "--only-binary", "--no-binary", "--report", "--python",
    };

    private static readonly HashSet<string> NpmOptionsWithValue = new(StringComparer.Ordinal)
    {
        "--prefix", "--registry", "--cache", "--tag", "-w", "--workspace", "--omit", "--include", "--userconfig", "--install-strategy",
    };

    public static readonly RuleDescriptor Definition = new(
        id: "OTP1020",
        name: "PackageVersionsPinned",
        title: "Packages installed in RUN are pinned to a version.",
        description: "Each package named on an install command line of a manager listed in the policy's package_managers (apt: apt-get/apt install pkg=version; apk: apk add pkg=version or pkg~version; pip: pip install pkg==version or another version specifier, python -m pip included; npm: npm install/i/add pkg@version) names a version. Requirement files (pip -r), local paths, URLs, archive files and words with variables are not checked, nor npm install without packages (the lock file pins those).",
        defaultLevel: FindingLevel.Note,
        securitySeverity: 2.0,
        category: "Dockerfile",
        tags: new[] { "reproducibility", "supply-chain" },
        helpMarkdown: """
            ## Why
            An unpinned package installs whatever the repository serves on the day of the build: two builds of the
            same commit can ship different software, a broken or compromised release enters the image silently,
            and a vulnerability report cannot tell which version an image has without inspecting it.

            ## How to fix
            Pin each package (`curl=7.88.1-10+deb12u5`, `curl=~8.5`, `flask==3.0.3`, `typescript@5.4.5`), and let a
            dependency bot (Renovate, Dependabot) raise the pins. For many Python or Node packages, install from a
            pinned requirements or lock file instead.

            ## Example
            Bad:
            ```dockerfile
            RUN apk add --no-cache curl
            RUN pip install --no-cache-dir flask
            ```
            Good:
            ```dockerfile
            RUN apk add --no-cache curl=8.5.0-r0
            RUN pip install --no-cache-dir flask==3.0.3
            ```
            """,
        precision: "high",
        peers: new[]
        {
            new PeerRule("hadolint", "DL3008"),
            new PeerRule("hadolint", "DL3013"),
            new PeerRule("hadolint", "DL3016"),
            new PeerRule("hadolint", "DL3018"),
        });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(DockerfileDocument document, RuleContext context)
    {
        var managers = new HashSet<string>(context.Parameters.GetStringList("package_managers"), StringComparer.OrdinalIgnoreCase);
        foreach (var run in DockerfileFacts.AllRuns(document))
        foreach (var script in DockerfileFacts.RunScripts(run, context.File))
        foreach (var command in script.Script.AllCommands)
        {
            var (manager, packages) = InstalledPackages(command, managers);
            foreach (var package in packages)
            {
                if (package.Value.IndexOf('$') >= 0 || IsPinned(manager, package.Value)) continue;
                context.Report(script.Map(package),
                    $"{manager} installs '{package.Value}' without a version: pin it ({Example(manager, package.Value)}).");
            }
        }
    }

    /// <summary>The manager and the package words of an install command; no words for anything else.</summary>
    private static (string Manager, IEnumerable<ShellWord> Packages) InstalledPackages(ShellCommand command, HashSet<string> managers)
    {
        string program = command.ProgramName;
        var none = Enumerable.Empty<ShellWord>();
        if (program is "apt-get" or "apt")
            return ("apt", managers.Contains("apt") && DockerfileFacts.IsAptInstall(command) ? DockerfileFacts.AptOperands(command).Skip(1) : none);
        if (program == "apk")
            return ("apk", managers.Contains("apk") ? AfterSubcommand(command.Arguments.ToList(), ApkOptionsWithValue, "add") : none);
        if (IsPipProgram(program))
            return ("pip", managers.Contains("pip") ? AfterSubcommand(command.Arguments.ToList(), PipOptionsWithValue, "install") : none);
        if (program.StartsWith("python", StringComparison.Ordinal))
        {
            var args = command.Arguments.ToList();
            bool isPip = args.Count >= 2 && args[0].Value == "-m" && args[1].Value == "pip";
            return ("pip", managers.Contains("pip") && isPip ? AfterSubcommand(args.Skip(2).ToList(), PipOptionsWithValue, "install") : none);
        }
        if (program == "npm")
            return ("npm", managers.Contains("npm") ? AfterSubcommand(command.Arguments.ToList(), NpmOptionsWithValue, "install", "i", "add") : none);
        return ("", none);
    }

    /// <summary><c>pip</c>, <c>pip3</c>, <c>pip3.12</c>; not pipx or pipenv, which install differently.</summary>
    private static bool IsPipProgram(string program) =>
        program.StartsWith("pip", StringComparison.Ordinal) && program.Skip(3).All(c => char.IsDigit(c) || c == '.');

    /// <summary>The operands after the first one when that is one of <paramref name="subcommands"/>; option values skipped.</summary>
    private static IEnumerable<ShellWord> AfterSubcommand(IReadOnlyList<ShellWord> args, HashSet<string> optionsWithValue, params string[] subcommands)
    {
        var operands = new List<ShellWord>();
        for (int i = 0; i < args.Count; i++)
        {
            string value = args[i].Value;
            if (value.StartsWith("-", StringComparison.Ordinal))
            {
                if (optionsWithValue.Contains(value)) i++;
                continue;
            }
            operands.Add(args[i]);
        }
        return operands.Count > 0 && Array.IndexOf(subcommands, operands[0].Value) >= 0 ? operands.Skip(1) : Enumerable.Empty<ShellWord>();
    }

    private static bool IsPinned(string manager, string package)
    {
        // Paths, URLs and archives name an exact artifact; only a scoped npm name (@scope/name) has a '/' otherwise.
        bool scopedNpmName = manager == "npm" && package.StartsWith("@", StringComparison.Ordinal);
        if (!scopedNpmName && (package.IndexOf('/') >= 0 || package.StartsWith(".", StringComparison.Ordinal))) return true;
        switch (manager)
        {
            case "apt":
                return package.IndexOf('=') > 0 || package.EndsWith(".deb", StringComparison.Ordinal);
            case "apk":
                return package.IndexOf('=') > 0 || package.IndexOf('~') > 0 || package.IndexOf('<') > 0 || package.IndexOf('>') > 0
                    || package.EndsWith(".apk", StringComparison.Ordinal);
            case "pip":
                return package.IndexOfAny(new[] { '=', '<', '>', '@' }) > 0
                    || package.EndsWith(".whl", StringComparison.Ordinal) || package.EndsWith(".tar.gz", StringComparison.Ordinal) || package.EndsWith(".zip", StringComparison.Ordinal);
            default:
                // npm: name@version, @scope/name@version (a leading @ is the scope); tags such as latest move.
                int at = package.IndexOf('@', 1);
                if (at < 0) return package.EndsWith(".tgz", StringComparison.Ordinal) || package.IndexOf(':') > 0;
                string version = package.Substring(at + 1);
                return version.Length > 0 && version != "latest" && version != "next";
        }
    }

    private static string Example(string manager, string package) => manager switch
    {
        "apt" => $"{package}=<version>",
        "apk" => $"{package}=<version>",
        "pip" => $"{package}==<version>",
        _ => $"{package}@<version>",
    };
}
