// PLACEHOLDER until the parser lands: replaced by the real parser.
using System;
using OpsTower.Policy.Text;
namespace OpsTower.Policy.Formats.Dockerfile;
public static class DockerfileParser
{
    public static DockerfileDocument Parse(SourceFile file) => new(file, '\\', Array.Empty<ParserDirective>(), Array.Empty<DockerInstruction>(), Array.Empty<DockerStage>(), Array.Empty<DockerComment>(), Array.Empty<ParseDiagnostic>());
}
