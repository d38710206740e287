using System;
using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace OpsTower.Policy.Analyzers.CodeFixes;

/// <summary>
/// Mechanical fixes for GitHub Actions findings, offered on the additional document the finding is in:
/// OTP4008 (the checkout step gets <c>with: persist-credentials: false</c>, or the key is added to its existing <c>with:</c>).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, LanguageNames.VisualBasic, Name = nameof(WorkflowCodeFixProvider), DocumentKinds = new[] { nameof(TextDocumentKind.AdditionalDocument) })]
[Shared]
public sealed class WorkflowCodeFixProvider : AdditionalDocumentCodeFixProvider
{
    public const string Title = "Set 'persist-credentials: false' on the checkout";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("OTP4008");

    private protected override Fix? CreateFix(string id, SourceText text, TextSpan span) =>
        id == "OTP4008" && PersistCredentialsFalse(text, text.Lines.GetLineFromPosition(span.Start).LineNumber) is { } change
            ? new Fix(Title, "OTP4008.PersistCredentialsFalse", change)
            : null;

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
                if (HasChildKey(text, i, keyColumn, "persist-credentials")) return null;
                return new TextChange(new TextSpan(text.Lines[i].EndIncludingLineBreak, 0),
                    EnsureNewline(text, i, newline) + keyIndent + "  persist-credentials: false" + newline);
            }
        }
        return new TextChange(new TextSpan(text.Lines[usesLine].EndIncludingLineBreak, 0),
            EnsureNewline(text, usesLine, newline) + keyIndent + "with:" + newline + keyIndent + "  persist-credentials: false" + newline);
    }
}
