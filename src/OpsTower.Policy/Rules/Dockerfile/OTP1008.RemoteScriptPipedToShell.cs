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
        description: "A RUN (shell form or a here-document the shell runs, ONBUILD triggers included) must not pipe the output of a downloader (the policy's downloaders: curl, wget) into an interpreter (the policy's interpreters: sh, bash, python…), nor run one on a downloader's output through $(…), backticks or <(…). sudo, env and similar wrappers are looked through.",
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
        }
    }

    private static int IndexOf(IReadOnlyList<ShellCommand> pipeline, int from, Func<ShellCommand, bool> predicate)
    {
        for (int i = from; i < pipeline.Count; i++)
            if (predicate(pipeline[i])) return i;
        return -1;
    }
}
