using OpsTower.Policy.Text;

namespace OpsTower.Policy.Formats.Hcl;

internal enum HclTokenKind
{
    EndOfFile,
    Newline,
    Identifier,
    Number,

    /// <summary>The <c>"</c> that opens a quoted template.</summary>
    OpenQuote,
    CloseQuote,

    /// <summary>Literal text of a quoted template, still holding its backslash escapes.</summary>
    QuotedLiteral,

    /// <summary><c>&lt;&lt;EOT</c> or <c>&lt;&lt;-EOT</c> with the newline that ends it.</summary>
    OpenHeredoc,

    /// <summary>The closing marker line of a heredoc (leading spaces and the marker).</summary>
    CloseHeredoc,

    /// <summary>Literal text of a heredoc or standalone template: one line at most, with its newline.</summary>
    TemplateLiteral,

    /// <summary><c>${</c> or <c>${~</c>.</summary>
    TemplateInterpolation,

    /// <summary><c>%{</c> or <c>%{~</c>.</summary>
    TemplateControl,

    /// <summary>The <c>}</c> or <c>~}</c> that closes an interpolation or directive.</summary>
    TemplateSequenceEnd,

    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    OpenParen,
    CloseParen,
    Comma,
    Dot,
    Ellipsis,
    Colon,
    DoubleColon,
    Question,
    Equals,
    FatArrow,
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    And,
    Or,
    Bang,
    EqualEqual,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,

    /// <summary>Characters that start no token; the lexer has already reported them.</summary>
    Invalid,
}

internal readonly struct HclToken
{
    public HclToken(HclTokenKind kind, int start, int end)
    {
        Kind = kind;
        Start = start;
        End = end;
    }

    public HclTokenKind Kind { get; }
    public int Start { get; }
    public int End { get; }
    public TextSpan Span => TextSpan.FromBounds(Start, End);

    public override string ToString() => $"{Kind}[{Start}..{End})";
}
