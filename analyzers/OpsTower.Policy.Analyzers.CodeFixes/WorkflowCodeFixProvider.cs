using System;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace OpsTower.Policy.Analyzers.CodeFixes;

/// <summary>
/// Mechanical fixes for GitHub Actions findings, offered on the additional document the finding is in:
/// OTP4008 (the checkout step gets <c>with: persist-credentials: false</c>, or the key is added to its existing <c>with:</c>).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, LanguageNames.VisualBasic, Name = nameof(WorkflowCodeFixProvider), DocumentKinds = new[] { nameof(TextDocumentKind.AdditionalDocument) })]
[Shared]
public sealed class WorkflowCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("OTP4008");

    /// <summary>Fix-all is not offered for additional documents.</summary>
    public override FixAllProvider? GetFixAllProvider() => null;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var document = context.TextDocument;
        var text = await document.GetTextAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            var span = diagnostic.Location.SourceSpan;
            if (diagnostic.Id != "OTP4008" || span.End > text.Length) continue;
            var change = PersistCredentialsFalse(text, text.Lines.GetLineFromPosition(span.Start).LineNumber);
            if (change is null) continue;
            context.RegisterCodeFix(
                CodeAction.Create("Set 'persist-credentials: false' on the checkout", cancellationToken => ApplyAsync(document, change.Value, cancellationToken), "OTP4008.PersistCredentialsFalse"),
                diagnostic);
        }
    }

    /// <summary>
    /// The edit for the step whose <c>uses:</c> is on <paramref name="usesLine"/>: a new <c>with:</c> mapping after that
    /// line, or a <c>persist-credentials: false</c> entry under the step's existing block <c>with:</c>. Null when the step's
    /// shape is not one the fix understands (flow mappings, an existing persist-credentials key).
    /// </summary>
    internal static TextChange? PersistCredentialsFalse(SourceText text, int usesLine)
    {
        string line = text.Lines[usesLine].ToString();
        int keyColumn = line.IndexOf("uses:", StringComparison.Ordinal);
        if (keyColumn < 0) return null;
        int stepColumn = line.TrimStart().StartsWith("-", StringComparison.Ordinal) ? line.IndexOf('-') : keyColumn;
        string newline = NewlineOf(text, usesLine);
        string keyIndent = new(' ', keyColumn);

        // The step's other keys: the following lines indented past the step's dash (comments and blank lines skipped).
        for (int i = usesLine + 1; i < text.Lines.Count; i++)
        {
            string other = text.Lines[i].ToString();
            string trimmed = other.TrimStart();
            if (trimmed.Length == 0 || trimmed.StartsWith("#", StringComparison.Ordinal)) continue;
            int indent = other.Length - trimmed.Length;
            if (indent <= stepColumn) break;
            if (indent != keyColumn) continue;
            if (trimmed.StartsWith("with:", StringComparison.Ordinal))
            {
                string rest = trimmed.Substring("with:".Length).Trim();
                if (rest.Length > 0 && !rest.StartsWith("#", StringComparison.Ordinal)) return null; // flow mapping
                if (HasPersistCredentials(text, i, keyColumn)) return null;
                return new TextChange(new TextSpan(text.Lines[i].EndIncludingLineBreak, 0),
                    EnsureNewline(text, i, newline) + keyIndent + "  persist-credentials: false" + newline);
            }
        }
        return new TextChange(new TextSpan(text.Lines[usesLine].EndIncludingLineBreak, 0),
            EnsureNewline(text, usesLine, newline) + keyIndent + "with:" + newline + keyIndent + "  persist-credentials: false" + newline);
    }

    private static bool HasPersistCredentials(SourceText text, int withLine, int keyColumn)
    {
        for (int i = withLine + 1; i < text.Lines.Count; i++)
        {
            string other = text.Lines[i].ToString();
            string trimmed = other.TrimStart();
            if (trimmed.Length == 0 || trimmed.StartsWith("#", StringComparison.Ordinal)) continue;
            if (other.Length - trimmed.Length <= keyColumn) return false;
            if (trimmed.StartsWith("persist-credentials:", StringComparison.Ordinal)) return true;
        }
        return false;
    }

    /// <summary>A newline to put before the insertion when the line is the last and has none.</summary>
    private static string EnsureNewline(SourceText text, int line, string newline) =>
        text.Lines[line].EndIncludingLineBreak > text.Lines[line].End ? "" : newline;

    private static string NewlineOf(SourceText text, int line)
    {
        var l = text.Lines[line];
        if (l.EndIncludingLineBreak > l.End) return text.ToString(TextSpan.FromBounds(l.End, l.EndIncludingLineBreak));
        foreach (var other in text.Lines)
            if (other.EndIncludingLineBreak > other.End) return text.ToString(TextSpan.FromBounds(other.End, other.EndIncludingLineBreak));
        return "\n";
    }

    private static async Task<Solution> ApplyAsync(TextDocument document, TextChange change, CancellationToken cancellationToken)
    {
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        return document.Project.Solution.WithAdditionalDocumentText(document.Id, text.WithChanges(change));
    }
}
