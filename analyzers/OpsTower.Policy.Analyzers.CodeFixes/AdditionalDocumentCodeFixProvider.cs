using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace OpsTower.Policy.Analyzers.CodeFixes;

/// <summary>
/// The plumbing the providers share: findings are in additional documents (the engine's files), each fix is one text
/// change in the finding's document, and a provider only says which change a finding gets, if any.
/// </summary>
public abstract class AdditionalDocumentCodeFixProvider : CodeFixProvider
{
    /// <summary>Only this assembly's providers: the base is public because they are.</summary>
    private protected AdditionalDocumentCodeFixProvider()
    {
    }

    /// <summary>Fix-all is not offered for additional documents.</summary>
    public sealed override FixAllProvider? GetFixAllProvider() => null;

    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var document = context.TextDocument;
        var text = await document.GetTextAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            var span = diagnostic.Location.SourceSpan;
            // A diagnostic from an older text of the document may point past its end.
            if (span.End > text.Length || CreateFix(diagnostic.Id, text, span) is not { } fix) continue;
            context.RegisterCodeFix(
                CodeAction.Create(fix.Title, cancellationToken => ApplyAsync(document, fix.Change, cancellationToken), fix.EquivalenceKey),
                diagnostic);
        }
    }

    /// <summary>The fix for the finding <paramref name="id"/> at <paramref name="span"/>, or null when none is offered.</summary>
    private protected abstract Fix? CreateFix(string id, SourceText text, TextSpan span);

    private protected sealed class Fix
    {
        public Fix(string title, string equivalenceKey, TextChange change)
        {
            Title = title;
            EquivalenceKey = equivalenceKey;
            Change = change;
        }

        public string Title { get; }
        public string EquivalenceKey { get; }
        public TextChange Change { get; }
    }

    /// <summary>A newline to put before an insertion after <paramref name="line"/> when it is the last and has none.</summary>
    private protected static string EnsureNewline(SourceText text, int line, string newline) =>
        text.Lines[line].EndIncludingLineBreak > text.Lines[line].End ? "" : newline;

    /// <summary>The line break <paramref name="line"/> ends with, else the file's first, else "\n": inserted lines keep the file's style.</summary>
    private protected static string NewlineOf(SourceText text, int line)
    {
        var l = text.Lines[line];
        if (l.EndIncludingLineBreak > l.End) return text.ToString(TextSpan.FromBounds(l.End, l.EndIncludingLineBreak));
        foreach (var other in text.Lines)
            if (other.EndIncludingLineBreak > other.End) return text.ToString(TextSpan.FromBounds(other.End, other.EndIncludingLineBreak));
        return "\n";
    }

    /// <summary>Whether the block mapping under the key on <paramref name="parentLine"/> (at <paramref name="parentColumn"/>) has <paramref name="key"/>.</summary>
    private protected static bool HasChildKey(SourceText text, int parentLine, int parentColumn, string key)
    {
        for (int i = parentLine + 1; i < text.Lines.Count; i++)
        {
            string other = text.Lines[i].ToString();
            string trimmed = other.TrimStart();
            if (trimmed.Length == 0 || trimmed.StartsWith("#", StringComparison.Ordinal)) continue;
            if (other.Length - trimmed.Length <= parentColumn) return false;
            if (trimmed.StartsWith(key + ":", StringComparison.Ordinal)) return true;
        }
        return false;
    }

    private static async Task<Solution> ApplyAsync(TextDocument document, TextChange change, CancellationToken cancellationToken)
    {
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        return document.Project.Solution.WithAdditionalDocumentText(document.Id, text.WithChanges(change));
    }
}
