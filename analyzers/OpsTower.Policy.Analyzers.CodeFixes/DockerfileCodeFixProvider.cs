using System;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace OpsTower.Policy.Analyzers.CodeFixes;

/// <summary>
/// Mechanical fixes for Dockerfile findings, offered on the additional document the finding is in:
/// OTP1001 (a root USER becomes <c>USER 10001</c>; a final stage without USER gets one) and OTP1006 (ADD becomes COPY).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, LanguageNames.VisualBasic, Name = nameof(DockerfileCodeFixProvider), DocumentKinds = new[] { nameof(TextDocumentKind.AdditionalDocument) })]
[Shared]
public sealed class DockerfileCodeFixProvider : CodeFixProvider
{
    /// <summary>The unprivileged user the fixes switch to: a high UID that no base image gives a name or privileges.</summary>
    public const string UnprivilegedUser = "10001";

    private static readonly Regex RootUser = new(@"^(root|0)(:.*)?$", RegexOptions.CultureInvariant);

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("OTP1001", "OTP1006");

    /// <summary>Each fix is local to one line, but fix-all is not offered for additional documents.</summary>
    public override FixAllProvider? GetFixAllProvider() => null;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var document = context.TextDocument;
        var text = await document.GetTextAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            var span = diagnostic.Location.SourceSpan;
            if (span.End > text.Length) continue;
            string target = text.ToString(span);
            switch (diagnostic.Id)
            {
                case "OTP1001" when RootUser.IsMatch(target):
                    Register(context, document, diagnostic, $"Run as an unprivileged user (USER {UnprivilegedUser})", "OTP1001.ReplaceRootUser",
                        new TextChange(span, UnprivilegedUser));
                    break;
                case "OTP1001":
                    // The finding is on the final FROM's image: the stage has no USER. The final stage runs to the end of the file.
                    bool endsWithNewline = text.Length > 0 && (text[text.Length - 1] == '\n' || text[text.Length - 1] == '\r');
                    string newline = DetectNewline(text);
                    Register(context, document, diagnostic, $"Add 'USER {UnprivilegedUser}' to the final stage", "OTP1001.AddUser",
                        new TextChange(new TextSpan(text.Length, 0), (endsWithNewline ? "" : newline) + "USER " + UnprivilegedUser + newline));
                    break;
                case "OTP1006" when target.Equals("ADD", StringComparison.OrdinalIgnoreCase):
                    Register(context, document, diagnostic, "Use COPY", "OTP1006.UseCopy",
                        new TextChange(span, target == "add" ? "copy" : target == "Add" ? "Copy" : "COPY"));
                    break;
            }
        }
    }

    private static void Register(CodeFixContext context, TextDocument document, Diagnostic diagnostic, string title, string equivalenceKey, TextChange change)
    {
        context.RegisterCodeFix(
            CodeAction.Create(title, cancellationToken => ApplyAsync(document, change, cancellationToken), equivalenceKey),
            diagnostic);
    }

    private static async Task<Solution> ApplyAsync(TextDocument document, TextChange change, CancellationToken cancellationToken)
    {
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        return document.Project.Solution.WithAdditionalDocumentText(document.Id, text.WithChanges(change));
    }

    private static string DetectNewline(SourceText text)
    {
        var first = text.Lines.FirstOrDefault(l => l.EndIncludingLineBreak > l.End);
        return first.EndIncludingLineBreak > first.End ? text.ToString(TextSpan.FromBounds(first.End, first.EndIncludingLineBreak)) : "\n";
    }
}
