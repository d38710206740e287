using System;
using System.Collections.Generic;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Formats.Dockerfile;

/// <summary>
/// Groups instructions into stages at each FROM, resolves base images against the global ARGs (those before the
/// first FROM) and links stages built on earlier ones, reporting what BuildKit's instruction layer rejects.
/// </summary>
internal sealed class StageBuilder
{
    private readonly char _escapeToken;
    private readonly List<ParseDiagnostic> _diagnostics;

    // Global ARG name → default after expansion; null when declared without one or when it cannot be worked out.
    private readonly Dictionary<string, string?> _globalArgs = new(StringComparer.Ordinal);

    public StageBuilder(char escapeToken, List<ParseDiagnostic> diagnostics)
    {
        _escapeToken = escapeToken;
        _diagnostics = diagnostics;
    }

    public IReadOnlyList<DockerStage> Build(IReadOnlyList<DockerInstruction> instructions)
    {
        var froms = new List<DockerInstruction>();
        var members = new List<List<DockerInstruction>>();
        foreach (var instruction in instructions)
        {
            if (instruction.Keyword == "FROM")
            {
                froms.Add(instruction);
                members.Add(new List<DockerInstruction> { instruction });
            }
            else if (froms.Count > 0)
            {
                members[members.Count - 1].Add(instruction);
            }
            else if (instruction.Keyword == "ARG")
            {
                AddGlobalArg(instruction);
            }
            else
            {
                _diagnostics.Add(new ParseDiagnostic(DiagnosticSeverity.Error, DockerfileParser.NoBuildStageMessage, instruction.KeywordSpan));
            }
        }

        var stages = new List<DockerStage>();
        for (int index = 0; index < froms.Count; index++) stages.Add(CreateStage(index, froms[index], members[index], stages));
        return stages;
    }

    /// <summary>Defaults may use earlier global ARGs, as BuildKit expands each meta ARG with those before it.</summary>
    private void AddGlobalArg(DockerInstruction arg)
    {
        // ARG keeps one argument word per key-value pair; the word holds the default as written.
        for (int i = 0; i < arg.KeyValues.Count && i < arg.Arguments.Count; i++)
        {
            var pair = arg.KeyValues[i];
            if (pair.Value is null)
            {
                _globalArgs[pair.Key] = null;
                continue;
            }
            string word = arg.Arguments[i].Value;
            int equals = word.IndexOf('=');
            _globalArgs[pair.Key] = Resolve(word.Substring(equals + 1));
        }
    }

    private string? Resolve(string word)
    {
        var lexer = new ShellWordLexer(_escapeToken, rawQuotes: false, rawEscapes: false, skipUnsetEnv: false, _globalArgs);
        return lexer.TryProcessWord(word, 0, word.Length, out string result, out _) && !lexer.UsedUnknownValue ? result : null;
    }

    private DockerStage CreateStage(int index, DockerInstruction from, List<DockerInstruction> instructions, List<DockerStage> earlier)
    {
        var arguments = from.Arguments;
        DockerToken? name = null;
        if (arguments.Count == 3 && string.Equals(arguments[1].Value, "AS", StringComparison.OrdinalIgnoreCase))
        {
            name = arguments[2];
            CheckStageName(name, earlier);
        }
        else if (arguments.Count != 1)
        {
            Error("FROM requires either one or three arguments", arguments.Count == 0 ? from.KeywordSpan : from.ArgumentSpan);
        }

        var baseImage = arguments.Count > 0 ? arguments[0] : new DockerToken("", new TextSpan(from.KeywordSpan.End, 0));
        string? resolved = baseImage.Value.Length == 0 ? null : Resolve(baseImage.Value);
        string reference = resolved ?? baseImage.Value;
        DockerStage? baseStage = null;
        foreach (var stage in earlier)
        {
            if (stage.Name is not null && string.Equals(stage.Name.Value, reference, StringComparison.OrdinalIgnoreCase))
            {
                baseStage = stage;
                break;
            }
        }
        return new DockerStage(index, from, baseImage, resolved, name, baseStage, instructions);
    }

    /// <summary>BuildKit lower-cases stage names and wants <c>^[a-z][a-z0-9-_.]*$</c>, unique in the file.</summary>
    private void CheckStageName(DockerToken name, List<DockerStage> earlier)
    {
        string lower = name.Value.ToLowerInvariant();
        bool valid = lower.Length > 0 && lower[0] >= 'a' && lower[0] <= 'z';
        foreach (char c in lower)
            valid &= (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
        if (!valid)
        {
            Error($"invalid name for build stage: \"{name.Value}\", name can't start with a number or contain symbols", name.Span);
            return;
        }
        foreach (var stage in earlier)
        {
            if (stage.Name is not null && string.Equals(stage.Name.Value, name.Value, StringComparison.OrdinalIgnoreCase))
            {
                Error($"duplicate stage name \"{name.Value}\"", name.Span);
                return;
            }
        }
    }

    private void Error(string message, TextSpan span) => _diagnostics.Add(new ParseDiagnostic(DiagnosticSeverity.Error, message, span));
}
