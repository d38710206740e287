using System;
using System.Collections.Generic;
using System.Linq;
using OpsTower.Policy.Formats.Dockerfile;
using OpsTower.Policy.Formats.Shell;

namespace OpsTower.Policy.Rules.Dockerfile;

/// <summary>A RUN that pipes commands in a POSIX shell sets pipefail, so a failing command before a pipe fails the build.</summary>
public sealed class PipefailInShellPipesRule : FileRule<DockerfileDocument>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP1017",
        name: "PipefailInShellPipes",
        title: "RUN commands that pipe set pipefail first.",
        description: "A shell-form RUN (or a here-document the shell runs) whose script has a pipeline (a | b) must run under pipefail: either the stage's SHELL (inherited through FROM stage) passes -o pipefail to one of the policy's posix_shells, or the script runs 'set -o pipefail' (set -euo pipefail…) before the pipe. RUNs under another SHELL (pwsh, cmd) are not checked.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 3.0,
        category: "Dockerfile",
        tags: new[] { "reliability", "shell" },
        helpMarkdown: """
            ## Why
            A shell reports the exit status of a pipeline's last command only. In
            `RUN curl -fsSL https://example.com/key.asc | gpg --dearmor -o /usr/share/keyrings/example.gpg` a failed
            download still lets the step succeed, and the image is built with an empty key or a half-written file.

            ## How to fix
            Set `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` once per stage (before the RUNs that pipe), or start the
            RUN with `set -o pipefail &&` (in a shell that supports it: bash, zsh, ksh, busybox ash, dash 0.5.11+).

            ## Example
            Bad:
            ```dockerfile
            RUN wget -qO- https://example.com/app.tar.gz | tar -xz -C /opt
            ```
            Good:
            ```dockerfile
            SHELL ["/bin/bash", "-o", "pipefail", "-c"]
            RUN wget -qO- https://example.com/app.tar.gz | tar -xz -C /opt
            ```
            """,
        precision: "high",
        peers: new[] { new PeerRule("hadolint", "DL4006") });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(DockerfileDocument document, RuleContext context)
    {
        var posixShells = new HashSet<string>(context.Parameters.GetStringList("posix_shells"), StringComparer.Ordinal);
        // The SHELL in force at the end of each stage, for the stages built on it; null is the default /bin/sh -c.
        var shellAtEnd = new Dictionary<DockerStage, DockerInstruction?>();
        foreach (var stage in document.Stages)
        {
            DockerInstruction? shell = stage.BaseStage is not null && shellAtEnd.TryGetValue(stage.BaseStage, out var inherited) ? inherited : null;
            foreach (var instruction in stage.Instructions)
            {
                if (instruction.Keyword == "SHELL" && instruction.IsExecForm) shell = instruction;
                // Exec form names its shell and options itself.
                if (instruction.Keyword != "RUN" || instruction.IsExecForm) continue;
                if (shell is not null && (!IsPosixShell(shell, posixShells) || ShellSetsPipefail(shell))) continue;
                foreach (var script in DockerfileFacts.RunScripts(instruction, context.File))
                {
                    var pipeline = FirstPipelineWithoutPipefail(script.Script);
                    if (pipeline is null) continue;
                    int start = pipeline[0].Start, end = pipeline[pipeline.Count - 1].End;
                    string shellName = shell is null ? "/bin/sh" : shell.Arguments[0].Value;
                    context.Report(script.Map(start, end),
                        $"'{DockerfileFacts.Snippet(script.TextOf(start, end))}' pipes without pipefail: a failure of {pipeline[0].ProgramName} is hidden. Use SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"] or 'set -o pipefail &&' (the shell is {shellName}).");
                }
            }
            shellAtEnd[stage] = shell;
        }
    }

    private static bool IsPosixShell(DockerInstruction shell, HashSet<string> posixShells) =>
        shell.Arguments.Count > 0 && posixShells.Contains(ShellCommand.BaseName(shell.Arguments[0].Value));

    private static bool ShellSetsPipefail(DockerInstruction shell) =>
        SetsPipefail(shell.Arguments.Skip(1).Select(a => a.Value).ToList());

    /// <summary>The script's first pipeline (this level: pipes inside $(…) do not decide the RUN's status) before any <c>set -o pipefail</c>.</summary>
    private static IReadOnlyList<ShellCommand>? FirstPipelineWithoutPipefail(ShellScript script)
    {
        foreach (var pipeline in script.Pipelines)
        {
            if (pipeline.Any(c => c.ProgramName == "set" && SetsPipefail(c.Arguments.Select(w => w.Value).ToList()))) return null;
            if (pipeline.Count > 1) return pipeline;
        }
        return null;
    }

    /// <summary>Whether options say <c>-o pipefail</c>, alone or in a cluster (<c>-euo pipefail</c>).</summary>
    private static bool SetsPipefail(IReadOnlyList<string> options)
    {
        for (int i = 0; i + 1 < options.Count; i++)
        {
            string option = options[i];
            if (option.Length >= 2 && option[0] == '-' && option[1] != '-' && option[option.Length - 1] == 'o' && options[i + 1] == "pipefail")
                return true;
        }
        return false;
    }
}
