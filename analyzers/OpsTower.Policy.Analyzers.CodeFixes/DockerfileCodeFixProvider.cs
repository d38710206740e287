using System;
using System.Collections.Immutable;
using System.Composition;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace OpsTower.Policy.Analyzers.CodeFixes;

/// <summary>
/// Mechanical fixes for Dockerfile findings, offered on the additional document the finding is in:
/// OTP1001 (a root USER becomes <c>USER 10001</c>; a final stage without USER gets one) and OTP1006 (ADD becomes COPY).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, LanguageNames.VisualBasic, Name = nameof(DockerfileCodeFixProvider), DocumentKinds = new[] { nameof(TextDocumentKind.AdditionalDocument) })]
[Shared]
public sealed class DockerfileCodeFixProvider : AdditionalDocumentCodeFixProvider
{
    /// <summary>The unprivileged user the fixes switch to: a high UID that no base image gives a name or privileges.</summary>
    public const string UnprivilegedUser = "10001";

    private static readonly Regex RootUser = new(@"^(root|0)(:.*)?$", RegexOptions.CultureInvariant);

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("OTP1001", "OTP1006");

    private protected override Fix? CreateFix(string id, SourceText text, TextSpan span)
    {
        string target = text.ToString(span);
        switch (id)
        {
            case "OTP1001" when RootUser.IsMatch(target):
                return new Fix($"Run as an unprivileged user (USER {UnprivilegedUser})", "OTP1001.ReplaceRootUser", new TextChange(span, UnprivilegedUser));
            case "OTP1001":
                // The finding is on the final FROM's image: the stage has no USER. The final stage runs to the end of the file.
                bool endsWithNewline = text.Length > 0 && (text[text.Length - 1] == '\n' || text[text.Length - 1] == '\r');
                string newline = NewlineOf(text, 0);
                return new Fix($"Add 'USER {UnprivilegedUser}' to the final stage", "OTP1001.AddUser",
                    new TextChange(new TextSpan(text.Length, 0), (endsWithNewline ? "" : newline) + "USER " + UnprivilegedUser + newline));
            case "OTP1006" when target.Equals("ADD", StringComparison.OrdinalIgnoreCase):
                return new Fix("Use COPY", "OTP1006.UseCopy", new TextChange(span, target == "add" ? "copy" : target == "Add" ? "Copy" : "COPY"));
            default:
                return null;
        }
    }
}
