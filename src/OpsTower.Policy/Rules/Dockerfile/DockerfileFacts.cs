using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using OpsTower.Policy.Formats.Dockerfile;
using OpsTower.Policy.Formats.Shell;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Rules.Dockerfile;

/// <summary>Questions several Dockerfile rules ask of a document: which stages ship, who runs, what RUN executes.</summary>
internal static class DockerfileFacts
{
    private static readonly HashSet<string> ShellPrograms = new(StringComparer.Ordinal) { "sh", "bash", "dash", "ash", "zsh", "ksh", "mksh" };

    /// <summary>The stage, then the earlier stages it builds on (<c>FROM builder</c>), nearest first.</summary>
    public static IEnumerable<DockerStage> Chain(DockerStage stage)
    {
        var seen = new HashSet<DockerStage>();
        for (var current = stage; current is not null && seen.Add(current); current = current.BaseStage)
            yield return current;
    }

    /// <summary>The instructions whose layers and settings end up in the final image, last instruction first.</summary>
    public static IEnumerable<DockerInstruction> ShippedInstructionsLastFirst(DockerfileDocument document) =>
        document.FinalStage is null
            ? Enumerable.Empty<DockerInstruction>()
            : Chain(document.FinalStage).SelectMany(s => s.Instructions.Reverse());

    /// <summary>The instructions whose layers end up in the final image, in build order.</summary>
    public static IEnumerable<DockerInstruction> ShippedInstructions(DockerfileDocument document) =>
        ShippedInstructionsLastFirst(document).Reverse();

    /// <summary>The final image's last instruction with this keyword (inherited through <c>FROM stage</c>), or null.</summary>
    public static DockerInstruction? LastShipped(DockerfileDocument document, string keyword) =>
        ShippedInstructionsLastFirst(document).FirstOrDefault(i => i.Keyword == keyword);

    public static bool IsScratch(string image) => string.Equals(image, "scratch", StringComparison.OrdinalIgnoreCase);

    /// <summary>The user part of a USER value (<c>app:app</c> → <c>app</c>).</summary>
    public static string UserName(string userValue)
    {
        int colon = userValue.IndexOf(':');
        return colon < 0 ? userValue : userValue.Substring(0, colon);
    }

    public static bool IsRootUser(string userValue) => UserName(userValue) is "root" or "0";

    /// <summary>Whether a value is a variable the rule cannot resolve (<c>$X</c>, <c>${X}</c>).</summary>
    public static bool HasVariable(string value) => value.IndexOf('$') >= 0;

    /// <summary>
    /// The shell scripts a RUN executes, each with a way to map its offsets to the file: the shell-form command line,
    /// here-document bodies that the shell runs (<c>RUN &lt;&lt;EOF</c>, <c>RUN bash &lt;&lt;EOF</c>, but not <c>RUN python3 &lt;&lt;EOF</c>),
    /// and the script of an exec-form shell (<c>RUN ["sh", "-c", "…"]</c>).
    /// </summary>
    public static IReadOnlyList<RunScript> RunScripts(DockerInstruction run, SourceFile file) =>
        // Most Dockerfile rules read every RUN's scripts: parse each RUN once, not once per rule.
        ParsedRunScripts.GetValue(run, r => ParseRunScripts(r, file).ToArray());

    // Keyed by instruction, so parsed scripts live exactly as long as the document they belong to.
    private static readonly ConditionalWeakTable<DockerInstruction, RunScript[]> ParsedRunScripts = new();

    private static IEnumerable<RunScript> ParseRunScripts(DockerInstruction run, SourceFile file)
    {
        if (run.Keyword != "RUN") yield break;
        if (run.IsExecForm)
        {
            if (ExecFormScript(run) is { } execScript) yield return execScript;
            yield break;
        }
        var commandLine = ShellScript.Parse(run.ArgumentText);
        yield return new RunScript(commandLine, run.ArgumentText, (start, end) => run.MapArgumentSpan(start, end - start));

        foreach (var heredoc in run.Heredocs)
        {
            if (!RunsAsShell(heredoc, commandLine)) continue;
            int offset = heredoc.ContentSpan.Start;
            string body = file.GetText(heredoc.ContentSpan);
            yield return new RunScript(ShellScript.Parse(body), body, (start, end) => new TextSpan(offset + start, end - start));
        }
    }

    /// <summary><c>apt-get install</c> or <c>apt install</c> (options such as <c>-o Key=value</c> may come before the subcommand).</summary>
    public static bool IsAptInstall(ShellCommand command) =>
        command.ProgramName is "apt-get" or "apt" && AptOperands(command).FirstOrDefault()?.Value == "install";

    /// <summary>The words of an apt-get command that are not options nor option values: the subcommand, then the packages.</summary>
    public static IEnumerable<ShellWord> AptOperands(ShellCommand command)
    {
        bool optionValue = false;
        foreach (var word in command.Arguments)
        {
            if (optionValue) { optionValue = false; continue; }
            if (word.Value.StartsWith("-", StringComparison.Ordinal))
            {
                // -o, -c and -t take a separate value; --target-release=x and -oX carry theirs.
                optionValue = word.Value is "-o" or "-c" or "-t" or "--option" or "--config-file" or "--target-release" or "--default-release";
                continue;
            }
            yield return word;
        }
    }

    /// <summary>Whether a program name (no directory) is a POSIX-style shell.</summary>
    public static bool IsShellProgram(string programName) => ShellPrograms.Contains(programName);

    /// <summary>The script of <c>RUN ["/bin/sh", "-c", "script"]</c> (options such as <c>-e</c>, <c>-o pipefail</c> may precede -c), or null.</summary>
    private static RunScript? ExecFormScript(DockerInstruction run)
    {
        var arguments = run.Arguments;
        if (arguments.Count < 3 || !ShellPrograms.Contains(ShellCommand.BaseName(arguments[0].Value))) return null;
        int i = 1;
        while (i < arguments.Count - 1 && !IsCommandOption(arguments[i].Value))
        {
            if (!arguments[i].Value.StartsWith("-", StringComparison.Ordinal) && !arguments[i].Value.StartsWith("+", StringComparison.Ordinal)) return null;
            // `-o pipefail`, `-eo pipefail`: an option cluster ending in o takes the next argument.
            i += arguments[i].Value[arguments[i].Value.Length - 1] == 'o' ? 2 : 1;
        }
        if (i >= arguments.Count - 1) return null;
        var token = arguments[i + 1];
        int literalStart = run.ArgumentIndexOf(token.Span.Start);
        if (literalStart < 0 || !TryMapJsonString(run.ArgumentText, literalStart, token.Value, out var rawStarts)) return null;
        // rawStarts has one more entry than the value: the index of the closing quote.
        return new RunScript(ShellScript.Parse(token.Value), token.Value, (start, end) =>
            run.MapArgumentSpan(rawStarts[start], rawStarts[end] - rawStarts[start]));
    }

    private static bool IsCommandOption(string option) =>
        option.Length >= 2 && option[0] == '-' && option[1] != '-' && option[option.Length - 1] == 'c';

    /// <summary>
    /// For a JSON string literal at <paramref name="literalStart"/> of <paramref name="text"/>, the index in the text where
    /// each decoded character's escape or character starts; false when it does not decode to <paramref name="value"/>.
    /// </summary>
    private static bool TryMapJsonString(string text, int literalStart, string value, out int[] rawStarts)
    {
        rawStarts = new int[value.Length + 1];
        if (literalStart >= text.Length || text[literalStart] != '"') return false;
        int i = literalStart + 1, v = 0;
        while (i < text.Length && text[i] != '"')
        {
            if (v >= value.Length) return false;
            rawStarts[v] = i;
            char decoded = text[i];
            int length = 1;
            if (decoded == '\\' && i + 1 < text.Length)
            {
                char escape = text[i + 1];
                length = 2;
                decoded = escape switch { 'n' => '\n', 't' => '\t', 'r' => '\r', 'b' => '\b', 'f' => '\f', _ => escape };
                if (escape == 'u' && i + 6 <= text.Length
                    && int.TryParse(text.Substring(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code))
                {
                    decoded = (char)code;
                    length = 6;
                }
            }
            if (value[v] != decoded) return false;
            v++;
            i += length;
        }
        rawStarts[v] = i;
        return v == value.Length && i < text.Length;
    }

    /// <summary>Every RUN of the file (ONBUILD RUN triggers included, since child images run them).</summary>
    public static IEnumerable<DockerInstruction> AllRuns(DockerfileDocument document) =>
        document.Instructions.Select(i => i.Keyword == "ONBUILD" && i.Trigger is not null ? i.Trigger : i).Where(i => i.Keyword == "RUN");

    private static bool RunsAsShell(DockerHeredoc heredoc, ShellScript commandLine)
    {
        string firstLine = heredoc.Content.Split('\n')[0].Trim();
        if (firstLine.StartsWith("#!", StringComparison.Ordinal))
        {
            var interpreter = ShellScript.Parse(firstLine.Substring(2)).Commands.FirstOrDefault();
            return interpreter is not null && ShellPrograms.Contains(interpreter.ProgramName);
        }
        var owner = commandLine.Commands.FirstOrDefault(c => c.Redirections.Any(r => r.Operator is "<<" or "<<-" && r.Target?.Value == heredoc.Name));
        // A bare `RUN <<EOF` runs the body with the default shell; otherwise the body is the stdin of a program.
        return owner is null || owner.ProgramIndex < 0 || ShellPrograms.Contains(owner.ProgramName);
    }

    /// <summary>A command's source text, shortened for a message and with URL credentials hidden.</summary>
    public static string Snippet(string text, int maxLength = 80)
    {
        string oneLine = string.Join(" ", text.Split(new[] { ' ', '\t', '\r', '\n', '\\' }, StringSplitOptions.RemoveEmptyEntries));
        oneLine = RedactUrlCredentials(oneLine);
        return oneLine.Length <= maxLength ? oneLine : oneLine.Substring(0, maxLength - 1) + "…";
    }

    /// <summary>Replaces the <c>user:password@</c> part of any URL in the text with <c>***@</c>.</summary>
    public static string RedactUrlCredentials(string text)
    {
        int scheme = text.IndexOf("://", StringComparison.Ordinal);
        while (scheme >= 0)
        {
            int hostStart = scheme + 3;
            int hostEnd = hostStart;
            while (hostEnd < text.Length && text[hostEnd] != '/' && text[hostEnd] != ' ' && text[hostEnd] != '"' && text[hostEnd] != '\'') hostEnd++;
            int at = text.LastIndexOf('@', hostEnd - 1, hostEnd - hostStart);
            if (at >= hostStart) text = text.Substring(0, hostStart) + "***" + text.Substring(at);
            scheme = text.IndexOf("://", hostStart, StringComparison.Ordinal);
        }
        return text;
    }

    /// <summary>Parses an EXPOSE token (<c>80</c>, <c>80/tcp</c>, <c>8000-8010/udp</c>); false for variables and junk.</summary>
    public static bool TryParsePortRange(string token, out int first, out int last)
    {
        first = last = 0;
        string ports = token;
        int slash = ports.IndexOf('/');
        if (slash >= 0) ports = ports.Substring(0, slash);
        int dash = ports.IndexOf('-');
        string low = dash < 0 ? ports : ports.Substring(0, dash);
        string high = dash < 0 ? ports : ports.Substring(dash + 1);
        return int.TryParse(low, NumberStyles.None, CultureInfo.InvariantCulture, out first)
            && int.TryParse(high, NumberStyles.None, CultureInfo.InvariantCulture, out last)
            && first <= last;
    }

    /// <summary>Whether the program of an ENTRYPOINT or CMD is one of <paramref name="programs"/> (by file name).</summary>
    public static bool IsOneOf(string program, IReadOnlyList<string> programs)
    {
        string name = ShellCommand.BaseName(program);
        return programs.Any(p => string.Equals(ShellCommand.BaseName(p), name, StringComparison.Ordinal));
    }

    /// <summary>
    /// The program an ENTRYPOINT or CMD starts: the first JSON element in exec form, the first command's program in shell form
    /// (the shell itself runs as PID 1 then).
    /// </summary>
    public static string? ProgramOf(DockerInstruction instruction)
    {
        if (instruction.IsExecForm) return instruction.Arguments.Count == 0 ? null : instruction.Arguments[0].Value;
        return ShellScript.Parse(instruction.ArgumentText).Commands.FirstOrDefault()?.Program?.Value;
    }

    /// <summary>
    /// The program the container's main process runs and the instruction naming it, looking through an init
    /// entrypoint (<c>ENTRYPOINT ["dumb-init", "--"]</c>) to the command it starts; null when the image sets none.
    /// </summary>
    public static (string Program, DockerInstruction Source)? MainProgram(DockerfileDocument document, IReadOnlyList<string> initPrograms)
    {
        var entrypoint = LastShipped(document, "ENTRYPOINT");
        if (entrypoint is not null && ProgramOf(entrypoint) is { } program)
        {
            if (!IsOneOf(program, initPrograms)) return (program, entrypoint);
            var wrapped = entrypoint.IsExecForm ? entrypoint.Arguments.Skip(1).FirstOrDefault(a => !a.Value.StartsWith("-", StringComparison.Ordinal)) : null;
            if (wrapped is not null) return (wrapped.Value, entrypoint);
        }
        var cmd = LastShipped(document, "CMD");
        return cmd is not null && ProgramOf(cmd) is { } cmdProgram ? (cmdProgram, cmd) : null;
    }

    /// <summary>Whether a glob with <c>*</c> wildcards (matching any text, '/' included) matches the whole value.</summary>
    public static bool GlobMatches(string pattern, string value)
    {
        // Iterative wildcard matching with one backtrack point: linear in practice, no regex.
        int p = 0, v = 0, star = -1, mark = 0;
        while (v < value.Length)
        {
            if (p < pattern.Length && pattern[p] == '*') { star = p++; mark = v; }
            else if (p < pattern.Length && char.ToLowerInvariant(pattern[p]) == char.ToLowerInvariant(value[v])) { p++; v++; }
            else if (star >= 0) { p = star + 1; v = ++mark; }
            else return false;
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }
}

/// <summary>A shell script a RUN executes, and how its offsets map to the Dockerfile.</summary>
internal sealed class RunScript
{
    private readonly Func<int, int, TextSpan> _map;

    public RunScript(ShellScript script, string text, Func<int, int, TextSpan> map)
    {
        Script = script;
        Text = text;
        _map = map;
    }

    public ShellScript Script { get; }

    /// <summary>The text the script's offsets refer to.</summary>
    public string Text { get; }

    /// <summary>The file span of script text [start, end).</summary>
    public TextSpan Map(int start, int end) => _map(start, end);

    public TextSpan Map(ShellCommand command) => _map(command.Start, command.End);

    public TextSpan Map(ShellWord word) => _map(word.Start, word.End);

    public string TextOf(int start, int end) => Text.Substring(start, end - start);
}
