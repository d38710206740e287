using System;
using System.Collections.Generic;
using System.Linq;
using OpsTower.Policy.Formats.Dockerfile;
using OpsTower.Policy.Formats.Shell;

namespace OpsTower.Policy.Rules.Dockerfile;

/// <summary>RUN does not execute a downloaded script unverified (<c>curl … | sh</c>).</summary>
public sealed class RemoteScriptPipedToShellRule : FileRule<DockerfileDocument>
{
    // Shell built-ins that run their argument as code: `eval "$(curl …)"`, `. <(curl …)`.
    private static readonly HashSet<string> EvaluatingBuiltins = new(StringComparer.Ordinal) { "eval", "source", "." };

    public static readonly RuleDescriptor Definition = new(
        id: "OTP1008",
        name: "RemoteScriptPipedToShell",
        title: "RUN does not pipe downloaded scripts into an interpreter.",
        description: "A RUN (shell form or a here-document the shell runs, ONBUILD triggers included) must not pipe the output of a downloader (the policy's downloaders: curl, wget) into an interpreter (the policy's interpreters: sh, bash, python…), nor run one on a downloader's output through $(…), backticks or <(…), nor run a file a downloader wrote (curl -o f, wget -O f) with an interpreter or as a program later in the same script unless one of the policy's verifiers (sha256sum, gpg…) runs in between. Exec-form shells (RUN [\"sh\", \"-c\", \"…\"]) are checked too. sudo, env and similar wrappers are looked through.",
        defaultLevel: FindingLevel.Error,
        securitySeverity: 8.0,
        category: "Dockerfile",
        tags: new[] { "security", "supply-chain", "CWE-494" },
        helpMarkdown: """
            ## Why
            `curl … | sh` runs whatever the server sends at build time, as the build user (usually root), with no
            way to review or verify it. A compromised host, a DNS hijack or a truncated download executes in your
            image; the build cache then hides when it happened. OpenSSF Scorecard counts these as unpinned
            dependencies.

            ## How to fix
            Download to a file, verify a checksum or signature pinned in the Dockerfile, then run it; better, install
            a versioned package or copy the tool from a pinned image (`COPY --from=`).

            ## Example
            Bad:
            ```dockerfile
            RUN curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
            RUN curl -fsSLo /tmp/setup.sh https://deb.nodesource.com/setup_20.x && bash /tmp/setup.sh
            ```
            Good:
            ```dockerfile
            ARG SETUP_SHA256=5b2b8c3e0ab7b4d7cd9a8f1e1a3f7e8c9d0a1b2c3d4e5f60718293a4b5c6d7e8
            RUN curl -fsSLo /tmp/setup.sh https://deb.nodesource.com/setup_20.x \
             && echo "${SETUP_SHA256}  /tmp/setup.sh" | sha256sum -c - \
             && bash /tmp/setup.sh && rm /tmp/setup.sh
            ```
            """,
        precision: "high",
        peers: new[] { new PeerRule("OpenSSF Scorecard", "Pinned-Dependencies") });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(DockerfileDocument document, RuleContext context)
    {
        var downloaders = new HashSet<string>(context.Parameters.GetStringList("downloaders"), StringComparer.Ordinal);
        var interpreters = new HashSet<string>(context.Parameters.GetStringList("interpreters"), StringComparer.Ordinal);
        var verifiers = new HashSet<string>(context.Parameters.GetStringList("verifiers"), StringComparer.Ordinal);
        foreach (var run in DockerfileFacts.AllRuns(document))
        foreach (var runScript in DockerfileFacts.RunScripts(run, context.File))
        foreach (var script in runScript.Script.AllScripts)
        {
            foreach (var pipeline in script.Pipelines)
            {
                int download = IndexOf(pipeline, 0, c => downloaders.Contains(c.ProgramName));
                int execute = download < 0 ? -1 : IndexOf(pipeline, download + 1, c => interpreters.Contains(c.ProgramName));
                if (execute < 0) continue;
                int start = pipeline[download].Start, end = pipeline[execute].End;
                context.Report(runScript.Map(start, end),
                    $"'{DockerfileFacts.Snippet(runScript.TextOf(start, end))}' pipes a download from {pipeline[download].ProgramName} into {pipeline[execute].ProgramName} without verifying it.");
            }

            foreach (var command in script.Commands)
            {
                if (!interpreters.Contains(command.ProgramName) && !EvaluatingBuiltins.Contains(command.ProgramName)) continue;
                var downloader = command.Arguments
                    .SelectMany(w => w.Substitutions)
                    .SelectMany(s => s.AllCommands)
                    .FirstOrDefault(c => downloaders.Contains(c.ProgramName));
                if (downloader is null) continue;
                context.Report(runScript.Map(command),
                    $"'{DockerfileFacts.Snippet(runScript.TextOf(command.Start, command.End))}' runs a script downloaded by {downloader.ProgramName} without verifying it.");
            }

            ReportDownloadedFilesRun(script, runScript, context, downloaders, interpreters, verifiers);
        }
    }

    /// <summary>
    /// <c>curl -o f URL &amp;&amp; sh f</c> (or <c>./f</c>): a file a downloader wrote, run later in the same script with no
    /// verifier (sha256sum, gpg…) in between. Reported from the download to the command that runs it.
    /// </summary>
    private static void ReportDownloadedFilesRun(
        ShellScript script, RunScript runScript, RuleContext context,
        HashSet<string> downloaders, HashSet<string> interpreters, HashSet<string> verifiers)
    {
        var downloads = new List<(string File, ShellCommand Command)>();
        foreach (var command in script.Commands)
        {
            if (verifiers.Contains(command.ProgramName))
            {
                // Whatever was downloaded so far is checked from here on.
                downloads.Clear();
                continue;
            }
            if (downloaders.Contains(command.ProgramName))
            {
                if (OutputFile(command) is { } file) downloads.Add((file, command));
                continue;
            }
            string? target = ExecutedFile(command, interpreters);
            if (target is null) continue;
            foreach (var (file, download) in downloads)
            {
                if (!SamePath(file, target)) continue;
                context.Report(runScript.Map(download.Start, command.End),
                    $"'{DockerfileFacts.Snippet(runScript.TextOf(download.Start, command.End))}' runs {file}, downloaded by {download.ProgramName}, without verifying a checksum or signature.");
                break;
            }
        }
    }

    /// <summary>
    /// The file a curl or wget command writes: <c>-o f</c>, <c>-fsSLo f</c>, <c>--output f</c>, wget's <c>-O f</c>,
    /// <c>--output-document=f</c>, or the URL's last segment (wget by default, curl with <c>-O</c>/<c>--remote-name</c>).
    /// </summary>
    private static string? OutputFile(ShellCommand command)
    {
        var args = command.Arguments.Select(w => w.Value).ToList();
        if (NamedOutputFile(command.ProgramName, args, out string? named)) return named;
        bool namedAfterUrl = command.ProgramName == "wget"
            || args.Any(a => a == "--remote-name" || (a.Length >= 2 && a[0] == '-' && a[1] != '-' && a.IndexOf('O') > 0));
        string? url = args.FirstOrDefault(a => a.IndexOf("://", StringComparison.Ordinal) > 0);
        if (!namedAfterUrl || url is null) return null;
        int query = url.IndexOfAny(new[] { '?', '#' });
        string path = query < 0 ? url : url.Substring(0, query);
        string name = ShellCommand.BaseName(path);
        return name.Length == 0 || path.EndsWith("://" + name, StringComparison.Ordinal) ? null : name;
    }

    /// <summary>Whether the command names its output file; <paramref name="file"/> is null for standard output.</summary>
    private static bool NamedOutputFile(string program, List<string> args, out string? file)
    {
        // curl names its output with -o, wget with -O (curl's -O means "name it after the URL").
        char shortOption = program == "wget" ? 'O' : 'o';
        string longOption = program == "wget" ? "--output-document" : "--output";
        file = null;
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (arg == longOption && i + 1 < args.Count) file = args[i + 1];
            else if (arg.StartsWith(longOption + "=", StringComparison.Ordinal)) file = arg.Substring(longOption.Length + 1);
            else if (arg.Length >= 2 && arg[0] == '-' && arg[1] != '-' && arg.IndexOf(shortOption) is var at && at > 0)
                file = at == arg.Length - 1 ? (i + 1 < args.Count ? args[i + 1] : null) : arg.Substring(at + 1);
            else continue;
            // "-" is standard output: the pipeline check covers that.
            if (file == "-") file = null;
            return true;
        }
        return false;
    }

    /// <summary>The file a command runs: <c>sh f</c>, <c>bash -e f</c>, <c>./f</c>, <c>/tmp/f</c>; null otherwise.</summary>
    private static string? ExecutedFile(ShellCommand command, HashSet<string> interpreters)
    {
        if (command.Program is not { } program) return null;
        if (interpreters.Contains(command.ProgramName))
        {
            // The first operand; `sh -c 'text'` runs text, not a file, and `-o pipefail` names an option.
            bool optionValue = false;
            foreach (var argument in command.Arguments)
            {
                if (optionValue) { optionValue = false; continue; }
                if (argument.Value == "-c") return null;
                optionValue = argument.Value is "-o" or "+o";
                if (!argument.Value.StartsWith("-", StringComparison.Ordinal) && !argument.Value.StartsWith("+", StringComparison.Ordinal)) return argument.Value;
            }
            return null;
        }
        return program.Value.IndexOf('/') >= 0 ? program.Value : null;
    }

    private static bool SamePath(string a, string b) => Normalize(a) == Normalize(b);

    private static string Normalize(string path) => path.StartsWith("./", StringComparison.Ordinal) ? path.Substring(2) : path;

    private static int IndexOf(IReadOnlyList<ShellCommand> pipeline, int from, Func<ShellCommand, bool> predicate)
    {
        for (int i = from; i < pipeline.Count; i++)
            if (predicate(pipeline[i])) return i;
        return -1;
    }
}
