using System;
using System.Collections.Immutable;
using System.Composition;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace OpsTower.Policy.Analyzers.CodeFixes;

/// <summary>
/// Kubernetes securityContext fixes: OTP2001 sets <c>runAsNonRoot: true</c> and OTP2002 <c>allowPrivilegeEscalation: false</c>.
/// A wrong value is replaced where it is (for OTP2001 that may be the pod's securityContext, which the container
/// inherits); a container without the key gets it in its <c>securityContext</c>, which is created (at the
/// container's key indentation) when missing.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, LanguageNames.VisualBasic, Name = nameof(KubernetesCodeFixProvider), DocumentKinds = new[] { nameof(TextDocumentKind.AdditionalDocument) })]
[Shared]
public sealed class KubernetesCodeFixProvider : AdditionalDocumentCodeFixProvider
{
    public const string RunAsNonRootTitle = "Set 'runAsNonRoot: true'";
    public const string AllowPrivilegeEscalationTitle = "Set 'allowPrivilegeEscalation: false'";

    /// <summary>
    /// What precedes a finding on a container's name (<c>- name: x</c> or <c>name: x</c>) or on its securityContext key,
    /// in block style. Anything else before it (a <c>{</c> or <c>[</c>: flow style) gets no fix.
    /// </summary>
    private static readonly Regex ContainerKeyPrefix = new(@"^(?<indent> *)(?<dash>- +)?(?<name>name *: *)?$", RegexOptions.CultureInvariant);

    /// <summary>What follows a key whose value is a block mapping, or empty: the colon and at most a comment.</summary>
    private static readonly Regex BlockValue = new(@"^: *(#.*)?$", RegexOptions.CultureInvariant);

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("OTP2001", "OTP2002");

    private protected override Fix? CreateFix(string id, SourceText text, TextSpan span) => id switch
    {
        // OTP2001 is also reported on a runAsUser below the minimum: runAsNonRoot: true does not fix that, and the
        // helper offers nothing for another key's value.
        "OTP2001" when SecurityContextField(text, span, "runAsNonRoot", "true") is { } change =>
            new Fix(RunAsNonRootTitle, "OTP2001.RunAsNonRootTrue", change),
        "OTP2002" when SecurityContextField(text, span, "allowPrivilegeEscalation", "false") is { } change =>
            new Fix(AllowPrivilegeEscalationTitle, "OTP2002.AllowPrivilegeEscalationFalse", change),
        _ => null,
    };

    /// <summary>
    /// The edit that gives <paramref name="key"/> the value <paramref name="value"/> for a finding at
    /// <paramref name="span"/>, which the Kubernetes rules put on one of three places: the key's wrong value (replaced),
    /// the container's securityContext key (the key becomes its first entry) or, when the container has no
    /// securityContext, its name (a securityContext with the key is added after the name's line). Null for flow style,
    /// an aliased securityContext, a key already present with a null value, or another key's value.
    /// </summary>
    internal static TextChange? SecurityContextField(SourceText text, TextSpan span, string key, string value)
    {
        var line = text.Lines.GetLineFromPosition(span.Start);
        string prefix = text.ToString(TextSpan.FromBounds(line.Start, span.Start));
        if (Regex.IsMatch(prefix, @"(^|[\s{,])" + Regex.Escape(key) + @" *: *$", RegexOptions.CultureInvariant))
            return new TextChange(span, value);

        var match = ContainerKeyPrefix.Match(prefix);
        if (!match.Success) return null;
        string after = text.ToString(TextSpan.FromBounds(span.End, line.End)).Trim();
        int keyColumn = match.Groups["indent"].Length + match.Groups["dash"].Length;
        string newline = NewlineOf(text, line.LineNumber);

        if (!match.Groups["name"].Success)
        {
            // The securityContext key: its value must be a block mapping (or empty), not `{…}` or an alias.
            if (text.ToString(span) != "securityContext" || !BlockValue.IsMatch(after)) return null;
            // Present with a null value (which the rules treat as unset): a second entry would be a duplicate key.
            if (HasChildKey(text, line.LineNumber, keyColumn, key)) return null;
            int childIndent = ChildIndent(text, line.LineNumber, keyColumn) ?? keyColumn + 2;
            return new TextChange(new TextSpan(line.EndIncludingLineBreak, 0),
                EnsureNewline(text, line.LineNumber, newline) + new string(' ', childIndent) + key + ": " + value + newline);
        }

        // The container's name: the rules report there only when the container has no securityContext. A name
        // followed by `,` or `}` is in a flow mapping spread over lines.
        if (after.Length > 0 && !after.StartsWith("#", StringComparison.Ordinal)) return null;
        string keyIndent = new(' ', keyColumn);
        return new TextChange(new TextSpan(line.EndIncludingLineBreak, 0),
            EnsureNewline(text, line.LineNumber, newline) + keyIndent + "securityContext:" + newline + keyIndent + "  " + key + ": " + value + newline);
    }

    /// <summary>The indentation of the first entry under the key on <paramref name="parentLine"/>; null when it has none.</summary>
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
}
