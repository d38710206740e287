using System;
using System.Linq;
using OpsTower.Policy.Formats.Dockerfile;
using OpsTower.Policy.Formats.Shell;

namespace OpsTower.Policy.Rules.Dockerfile;

/// <summary>The image does not make files world-writable.</summary>
public sealed class WorldWritablePermissionsRule : FileRule<DockerfileDocument>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP1015",
        name: "WorldWritablePermissions",
        title: "Files and directories are not made world-writable.",
        description: "Reports modes that give 'others' write permission without the sticky bit: chmod and mkdir -m in RUN (octal like 777/666/0757 or symbolic like o+w, a+rwx), and COPY/ADD --chmod. chmod 1777 (sticky, as /tmp) is fine.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 6.0,
        category: "Dockerfile",
        tags: new[] { "security", "least-privilege", "CWE-732" },
        helpMarkdown: """
            ## Why
            A world-writable file or directory can be changed by every user in the container, including a
            compromised process under another UID: application code, configuration and scripts that root later
            runs can be replaced. `chmod 777` is usually a workaround for an ownership problem that `--chown` or
            `chown` solves properly.

            ## How to fix
            Give ownership to the user that needs to write (`COPY --chown=app:app`, `chown app:app /data`) and keep
            modes at 755/644 (or 775/664 for a shared group). Directories every user must write to need the sticky
            bit (`chmod 1777`).

            ## Example
            Bad:
            ```dockerfile
            RUN chmod -R 777 /app
            COPY --chmod=777 entrypoint.sh /
            ```
            Good:
            ```dockerfile
            RUN chown -R app:app /app
            COPY --chmod=755 entrypoint.sh /
            ```
            """,
        precision: "high",
        peers: null);

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(DockerfileDocument document, RuleContext context)
    {
        foreach (var instruction in document.Instructions)
        {
            if (instruction.Keyword is "COPY" or "ADD" && instruction.GetFlag("chmod") is { Value: { } mode } flag && IsWorldWritable(mode))
                context.Report(flag.ValueSpan ?? flag.Span, $"{instruction.Keyword} --chmod={mode} makes the copied files writable by every user: use --chown and a mode such as 755.");
        }

        foreach (var run in DockerfileFacts.AllRuns(document))
        foreach (var script in DockerfileFacts.RunScripts(run, context.File))
        foreach (var command in script.Script.AllCommands)
        {
            var mode = ModeWord(command);
            if (mode is null || !IsWorldWritable(mode.Value)) continue;
            string targets = string.Join(" ", command.Arguments.SkipWhile(w => w != mode).Skip(1).Select(w => w.Value));
            context.Report(script.Map(mode), $"{command.ProgramName} {mode.Value} makes '{targets}' writable by every user: use chown and a mode such as 755.");
        }
    }

    /// <summary>The mode operand of <c>chmod [options] MODE files</c> or the value of <c>mkdir -m MODE</c>.</summary>
    private static ShellWord? ModeWord(ShellCommand command)
    {
        var args = command.Arguments.ToList();
        if (command.ProgramName == "chmod")
            return args.FirstOrDefault(w => !w.Value.StartsWith("-", StringComparison.Ordinal) || IsSymbolicMode(w.Value));
        if (command.ProgramName == "mkdir")
        {
            int index = args.FindIndex(w => w.Value is "-m" or "--mode");
            return index >= 0 && index + 1 < args.Count ? args[index + 1] : null;
        }
        return null;
    }

    /// <summary>'-w' is an option to some tools but a mode to chmod: <c>chmod -w file</c> removes write permission.</summary>
    private static bool IsSymbolicMode(string value) => value.Length > 1 && value.Skip(1).All(c => "rwxXst".IndexOf(c) >= 0);

    /// <summary>Octal with the others-write bit and no sticky bit, or a symbolic clause granting o/a write.</summary>
    internal static bool IsWorldWritable(string mode)
    {
        if (mode.Length > 0 && mode.All(c => c >= '0' && c <= '7'))
        {
            int others = mode[mode.Length - 1] - '0';
            bool sticky = mode.Length == 4 && ((mode[0] - '0') & 1) != 0;
            return (others & 2) != 0 && !sticky;
        }
        bool grantsOthersWrite = false, setsSticky = false;
        foreach (string clause in mode.Split(','))
        {
            int i = 0;
            while (i < clause.Length && "ugoa".IndexOf(clause[i]) >= 0) i++;
            string who = clause.Substring(0, i);
            // Each operator applies to the permission letters after it: o+w-x, a=rwx.
            while (i < clause.Length)
            {
                char op = clause[i++];
                int permsStart = i;
                while (i < clause.Length && "+-=".IndexOf(clause[i]) < 0) i++;
                string perms = clause.Substring(permsStart, i - permsStart);
                if (op is '+' or '=' && perms.IndexOf('t') >= 0) setsSticky = true;
                if (op is '+' or '=' && perms.IndexOf('w') >= 0 && (who.IndexOf('o') >= 0 || who.IndexOf('a') >= 0)) grantsOthersWrite = true;
            }
        }
        return grantsOthersWrite && !setsSticky;
    }
}
