using OpsTower.Policy.Formats.Dockerfile;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Tests.Formats.Dockerfile;

/// <summary>Parsing and position helpers shared by the Dockerfile parser tests.</summary>
internal static class DockerfileTestText
{
    public static DockerfileDocument Parse(string text) => DockerfileParser.Parse(new SourceFile("Dockerfile", text));

    /// <summary>"line:column-line:column", end exclusive, as the file reports it.</summary>
    public static string At(this DockerfileDocument document, TextSpan span) => document.File.GetPositionSpan(span).ToString();

    public static string At(this DockerfileDocument document, TextSpan? span) => span is null ? "(none)" : document.At(span.Value);

    public static string TextOf(this DockerfileDocument document, TextSpan span) => document.File.GetText(span);
}
