using System;
using System.Collections.Generic;
using System.Linq;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Formats.Dockerfile;

/// <summary>A parsed Dockerfile: directives, instructions in order, and the build stages they form.</summary>
public sealed class DockerfileDocument
{
    public DockerfileDocument(
        SourceFile file,
        char escapeCharacter,
        IReadOnlyList<ParserDirective> directives,
        IReadOnlyList<DockerInstruction> instructions,
        IReadOnlyList<DockerStage> stages,
        IReadOnlyList<DockerComment> comments,
        IReadOnlyList<ParseDiagnostic> diagnostics)
    {
        File = file;
        EscapeCharacter = escapeCharacter;
        Directives = directives;
        Instructions = instructions;
        Stages = stages;
        Comments = comments;
        Diagnostics = diagnostics;
    }

    public SourceFile File { get; }

    /// <summary>'\\' unless a <c># escape=</c> directive says '`'.</summary>
    public char EscapeCharacter { get; }

    public IReadOnlyList<ParserDirective> Directives { get; }

    /// <summary>Every top-level instruction in file order (an ONBUILD's trigger hangs off its ONBUILD).</summary>
    public IReadOnlyList<DockerInstruction> Instructions { get; }

    /// <summary>One per FROM, in order.</summary>
    public IReadOnlyList<DockerStage> Stages { get; }

    /// <summary>ARG instructions before the first FROM: their defaults can be used in FROM lines.</summary>
    public IEnumerable<DockerInstruction> GlobalArgs => Instructions.TakeWhile(i => i.Keyword != "FROM").Where(i => i.Keyword == "ARG");

    /// <summary>Whole-line comments (not parser directives), for suppressions.</summary>
    public IReadOnlyList<DockerComment> Comments { get; }

    public IReadOnlyList<ParseDiagnostic> Diagnostics { get; }

    /// <summary>The stage a plain <c>docker build</c> produces: the last one.</summary>
    public DockerStage? FinalStage => Stages.Count == 0 ? null : Stages[Stages.Count - 1];
}

/// <summary>A parser directive such as <c># syntax=docker/dockerfile:1</c> or <c># escape=`</c>.</summary>
public sealed record ParserDirective(string Name, string Value, TextSpan Span, TextSpan ValueSpan);

/// <summary>A comment line; <see cref="Text"/> excludes the '#' and surrounding white space.</summary>
public sealed record DockerComment(string Text, TextSpan Span);

/// <summary>A value with the span of the source text it came from.</summary>
public sealed record DockerToken(string Value, TextSpan Span);

/// <summary>A flag such as <c>--from=builder</c>: <see cref="Name"/> is <c>from</c>, <see cref="Value"/> <c>builder</c> (null for a bare <c>--flag</c>).</summary>
public sealed record DockerFlag(string Name, string? Value, TextSpan Span, TextSpan? ValueSpan);

/// <summary>A <c>KEY=value</c> (or legacy <c>KEY value</c>) pair of ENV, ARG or LABEL; <see cref="Value"/> is unquoted, null for <c>ARG NAME</c>.</summary>
public sealed record DockerKeyValue(string Key, string? Value, TextSpan KeySpan, TextSpan? ValueSpan, TextSpan Span);

/// <summary>A heredoc body (<c>RUN &lt;&lt;EOF</c> … <c>EOF</c>).</summary>
public sealed class DockerHeredoc
{
    public DockerHeredoc(string name, bool expand, bool chomp, string content, TextSpan markerSpan, TextSpan contentSpan)
    {
        Name = name;
        Expand = expand;
        Chomp = chomp;
        Content = content;
        MarkerSpan = markerSpan;
        ContentSpan = contentSpan;
    }

    /// <summary>The delimiter word (EOF).</summary>
    public string Name { get; }

    /// <summary>False when the delimiter was quoted: variables in the body are then not expanded.</summary>
    public bool Expand { get; }

    /// <summary>True for <c>&lt;&lt;-EOF</c>: leading tabs are stripped from the body.</summary>
    public bool Chomp { get; }

    /// <summary>The body as BuildKit passes it on (leading tabs removed when <see cref="Chomp"/>), ending with a newline if it has lines.</summary>
    public string Content { get; }

    /// <summary>The <c>&lt;&lt;EOF</c> marker on the instruction line.</summary>
    public TextSpan MarkerSpan { get; }

    /// <summary>The body's lines in the file, from the line after the instruction to the end of the line before the closing delimiter.</summary>
    public TextSpan ContentSpan { get; }
}

/// <summary>One instruction, continuations joined.</summary>
public sealed class DockerInstruction
{
    private readonly OffsetMap _argumentOffsets;

    internal DockerInstruction(
        string keyword,
        TextSpan keywordSpan,
        TextSpan span,
        IReadOnlyList<DockerFlag> flags,
        bool isExecForm,
        IReadOnlyList<DockerToken> arguments,
        string argumentText,
        OffsetMap argumentOffsets,
        IReadOnlyList<DockerKeyValue> keyValues,
        IReadOnlyList<DockerHeredoc> heredocs,
        DockerInstruction? trigger,
        int startLine,
        int endLine)
    {
        if (argumentOffsets.Length != argumentText.Length)
            throw new ArgumentException("The offset map must cover the argument text.", nameof(argumentOffsets));
        Keyword = keyword;
        KeywordSpan = keywordSpan;
        Span = span;
        Flags = flags;
        IsExecForm = isExecForm;
        Arguments = arguments;
        ArgumentText = argumentText;
        _argumentOffsets = argumentOffsets;
        KeyValues = keyValues;
        Heredocs = heredocs;
        Trigger = trigger;
        StartLine = startLine;
        EndLine = endLine;
    }

    /// <summary>Upper case: FROM, RUN, COPY…</summary>
    public string Keyword { get; }

    public TextSpan KeywordSpan { get; }

    /// <summary>From the keyword to the end of the instruction's last line, heredoc bodies included.</summary>
    public TextSpan Span { get; }

    public IReadOnlyList<DockerFlag> Flags { get; }

    /// <summary>True when the arguments are a JSON array (exec form): <c>CMD ["node", "index.js"]</c>.</summary>
    public bool IsExecForm { get; }

    /// <summary>
    /// The arguments as BuildKit splits them for this instruction: the JSON elements (exec form), the words
    /// (FROM, COPY, ADD, EXPOSE, USER…), or the whole command as one token (RUN/CMD/ENTRYPOINT shell form).
    /// </summary>
    public IReadOnlyList<DockerToken> Arguments { get; }

    /// <summary>Everything after the keyword and flags, continuations removed, as one logical line.</summary>
    public string ArgumentText { get; }

    /// <summary>ENV, ARG and LABEL pairs.</summary>
    public IReadOnlyList<DockerKeyValue> KeyValues { get; }

    public IReadOnlyList<DockerHeredoc> Heredocs { get; }

    /// <summary>For ONBUILD, the instruction it registers.</summary>
    public DockerInstruction? Trigger { get; }

    /// <summary>1-based first and last line, as BuildKit's StartLine/EndLine.</summary>
    public int StartLine { get; }
    public int EndLine { get; }

    public DockerFlag? GetFlag(string name) => Flags.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The file offset of character <paramref name="index"/> of <see cref="ArgumentText"/> (index == length gives the end).</summary>
    public int MapArgumentOffset(int index) => _argumentOffsets[index];

    /// <summary>The file span of <see cref="ArgumentText"/>[start..start+length).</summary>
    public TextSpan MapArgumentSpan(int start, int length) =>
        length == 0
            ? new TextSpan(_argumentOffsets[start], 0)
            : TextSpan.FromBounds(_argumentOffsets[start], _argumentOffsets[start + length - 1] + 1);

    /// <summary>The index in <see cref="ArgumentText"/> of the character at file offset <paramref name="fileOffset"/>, or -1.</summary>
    public int ArgumentIndexOf(int fileOffset) => _argumentOffsets.IndexOf(fileOffset);

    /// <summary>The span of all arguments in the file (empty at the keyword's end when there are none).</summary>
    public TextSpan ArgumentSpan => ArgumentText.Length == 0 ? new TextSpan(KeywordSpan.End, 0) : MapArgumentSpan(0, ArgumentText.Length);

    public override string ToString() => $"{Keyword} {ArgumentText}";
}

/// <summary>A build stage: a FROM and the instructions up to the next FROM.</summary>
public sealed class DockerStage
{
    public DockerStage(
        int index,
        DockerInstruction from,
        DockerToken baseImage,
        string? resolvedBaseImage,
        DockerToken? name,
        DockerStage? baseStage,
        IReadOnlyList<DockerInstruction> instructions)
    {
        Index = index;
        From = from;
        BaseImage = baseImage;
        ResolvedBaseImage = resolvedBaseImage;
        Name = name;
        BaseStage = baseStage;
        Instructions = instructions;
    }

    public int Index { get; }
    public DockerInstruction From { get; }

    /// <summary>The image reference as written (<c>node:${NODE_VERSION}-alpine</c>).</summary>
    public DockerToken BaseImage { get; }

    /// <summary>
    /// The image reference after substituting the global ARG defaults (<c>${VAR}</c>, <c>${VAR:-default}</c>,
    /// <c>${VAR:+alt}</c>, <c>$VAR</c>); null when a variable has no default and cannot be resolved.
    /// </summary>
    public string? ResolvedBaseImage { get; }

    /// <summary>The <c>AS name</c>, when given.</summary>
    public DockerToken? Name { get; }

    /// <summary>The earlier stage this one builds on (<c>FROM builder</c>), or null for an image.</summary>
    public DockerStage? BaseStage { get; }

    /// <summary>The stage's instructions, its FROM first.</summary>
    public IReadOnlyList<DockerInstruction> Instructions { get; }

    /// <summary>The platform flag value, if any.</summary>
    public string? Platform => From.GetFlag("platform")?.Value;

    public override string ToString() => Name is null ? $"stage {Index}" : $"stage {Index} ({Name.Value})";
}
