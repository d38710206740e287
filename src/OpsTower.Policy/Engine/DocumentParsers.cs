using System.Collections.Generic;
using OpsTower.Policy.Formats.Dockerfile;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Engine;

/// <summary>A parsed file: the format's model (what rules read) and what the parser had to say.</summary>
public sealed record ParsedDocument(FileKind Kind, object Model, IReadOnlyList<ParseDiagnostic> Diagnostics);

/// <summary>One entry per format: how to turn a file into its model.</summary>
public static class DocumentParsers
{
    public static ParsedDocument? Parse(FileKind kind, SourceFile file)
    {
        switch (kind)
        {
            case FileKind.Dockerfile:
                var dockerfile = DockerfileParser.Parse(file);
                return new ParsedDocument(kind, dockerfile, dockerfile.Diagnostics);
            default:
                return null;
        }
    }
}
