namespace OpsTower.Policy.Text;

public enum DiagnosticSeverity
{
    Error,
    Warning,
    Info,
}

/// <summary>A problem a parser found in a file, at its position. Parsers collect these instead of throwing.</summary>
public sealed class ParseDiagnostic
{
    public ParseDiagnostic(DiagnosticSeverity severity, string message, TextSpan span)
    {
        Severity = severity;
        Message = message;
        Span = span;
    }

    public DiagnosticSeverity Severity { get; }
    public string Message { get; }
    public TextSpan Span { get; }

    public override string ToString() => $"{Severity} {Span}: {Message}";
}
