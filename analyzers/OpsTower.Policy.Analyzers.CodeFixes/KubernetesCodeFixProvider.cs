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
/// OTP2002 on a Kubernetes manifest: a wrong <c>allowPrivilegeEscalation</c> value becomes <c>false</c>; a container
/// without the key gets it in its <c>securityContext</c>, which is created (at the container's key indentation) when missing.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, LanguageNames.VisualBasic, Name = nameof(KubernetesCodeFixProvider), DocumentKinds = new[] { nameof(TextDocumentKind.AdditionalDocument) })]
[Shared]
public sealed class KubernetesCodeFixProvider : CodeFixProvider
{
    public const string Title = "Set 'allowPrivilegeEscalation: false'";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("OTP2002");

    public override FixAllProvider? GetFixAllProvider() => null;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var document = context.TextDocument;
        var text = await document.GetTextAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            var span = diagnostic.Location.SourceSpan;
            if (diagnostic.Id != "OTP2002" || span.End > text.Length) continue;
            var change = AllowPrivilegeEscalationFalse(text, span);
            if (change is null) continue;
            context.RegisterCodeFix(CodeAction.Create(Title, ct => ApplyAsync(document, change.Value, ct), "OTP2002.AllowPrivilegeEscalationFalse"), diagnostic);
        }
    }

    internal static TextChange? AllowPrivilegeEscalationFalse(SourceText text, TextSpan span)
    {
        var line = text.Lines.GetLineFromPosition(span.Start);
        string lineText = line.ToString();
        string trimmedLine = lineText.TrimStart();
        // The finding is on the key's value: replace it.
        if (trimmedLine.StartsWith("allowPrivilegeEscalation:", StringComparison.Ordinal))
            return new TextChange(span, "false");
        // The finding is on the container's securityContext key: add the key under it.
        if (trimmedLine.StartsWith("securityContext:", StringComparison.Ordinal))
            return UnderSecurityContext(text, line.LineNumber, lineText.Length - trimmedLine.Length, NewlineOf(text, line.LineNumber));

        // The finding is on the container's name: the line is "- name: x" (or "name: x" inside the container mapping).
        int nameColumn = lineText.IndexOf("name:", StringComparison.Ordinal);
        if (nameColumn < 0 || span.Start < line.Start + nameColumn) return null;
        int keyColumn = nameColumn;
        int itemColumn = trimmedLine.StartsWith("-", StringComparison.Ordinal) ? lineText.IndexOf('-') : keyColumn - 1;
        string newline = NewlineOf(text, line.LineNumber);
        string keyIndent = new(' ', keyColumn);

        // The container's mapping: from the list item's line to the next line indented no further than its dash.
        int first = line.LineNumber;
        while (first > 0 && !text.Lines[first].ToString().TrimStart().StartsWith("-", StringComparison.Ordinal)) first--;
        for (int i = first + 1; i < text.Lines.Count; i++)
        {
            string other = text.Lines[i].ToString();
            string trimmed = other.TrimStart();
            if (trimmed.Length == 0 || trimmed.StartsWith("#", StringComparison.Ordinal)) continue;
            int indent = other.Length - trimmed.Length;
            if (indent <= itemColumn) break;
            if (indent != keyColumn || !trimmed.StartsWith("securityContext:", StringComparison.Ordinal)) continue;
            return UnderSecurityContext(text, i, keyColumn, newline);
        }
        return new TextChange(new TextSpan(line.EndIncludingLineBreak, 0),
            EnsureNewline(text, line.LineNumber, newline) + keyIndent + "securityContext:" + newline + keyIndent + "  allowPrivilegeEscalation: false" + newline);
    }

    /// <summary>The key as the first entry of the block mapping <c>securityContext:</c> on <paramref name="i"/>; null for a flow mapping or alias.</summary>
    private static TextChange? UnderSecurityContext(SourceText text, int i, int keyColumn, string newline)
    {
        string trimmed = text.Lines[i].ToString().TrimStart();
        string rest = trimmed.Substring("securityContext:".Length).Trim();
        if (rest.Length > 0 && !rest.StartsWith("#", StringComparison.Ordinal)) return null;
        int childIndent = ChildIndent(text, i, keyColumn) ?? keyColumn + 2;
        return new TextChange(new TextSpan(text.Lines[i].EndIncludingLineBreak, 0),
            EnsureNewline(text, i, newline) + new string(' ', childIndent) + "allowPrivilegeEscalation: false" + newline);
    }

    private static int? ChildIndent(SourceText text, int parentLine, int parentColumn)
    {
        for (int i = parentLine + 1; i < text.Lines.Count; i++)
        {
            string other = text.Lines[i].ToString();
            string trimmed = other.TrimStart();
            if (trimmed.Length == 0 || trimmed.StartsWith("#", StringComparison.Ordinal)) continue;
            int indent = other.Length - trimmed.Length;
            return indent > parentColumn ? indent : null;
        }
        return null;
    }

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
