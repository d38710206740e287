using System;
using System.Collections.Generic;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Engine;

/// <summary>
/// A document written inside another file (a Vault config in a ConfigMap): its own <see cref="SourceFile"/>, which its
/// format's parser and rules use unchanged, and the offset in the outer file of each of its characters.
/// </summary>
public sealed class EmbeddedSource
{
    private readonly int[] _outerOffsets;

    /// <param name="outerOffsets">The outer offset of each inner character, and one more for the inner text's end.</param>
    public EmbeddedSource(SourceFile outer, string innerPath, string innerText, int[] outerOffsets)
    {
        if (outerOffsets.Length != innerText.Length + 1)
            throw new ArgumentException("One outer offset per inner character, plus one for the end.", nameof(outerOffsets));
        Outer = outer;
        Inner = new SourceFile(innerPath, innerText);
        _outerOffsets = outerOffsets;
    }

    public SourceFile Outer { get; }
    public SourceFile Inner { get; }

    public int MapOffset(int innerOffset) => _outerOffsets[Math.Max(0, Math.Min(innerOffset, _outerOffsets.Length - 1))];

    /// <summary>
    /// The outer span of an inner span. Its end is the character after the span's last one, so a span never runs
    /// into the indentation or line break that follows it in the outer file.
    /// </summary>
    public TextSpan MapSpan(TextSpan inner)
    {
        int start = MapOffset(inner.Start);
        int end = inner.IsEmpty ? start : MapOffset(inner.End - 1) + 1;
        return TextSpan.FromBounds(start, Math.Max(start, end));
    }
}

/// <summary>One embedded document and the format the engine parses it as (<see cref="FileKind.Unknown"/>: not checked).</summary>
public sealed class EmbeddedDocument
{
    public EmbeddedDocument(EmbeddedSource source, FileKind kind, string language, string description)
    {
        Source = source;
        Kind = kind;
        Language = language;
        Description = description;
    }

    public EmbeddedSource Source { get; }
    public FileKind Kind { get; }

    /// <summary>What the outer file says it is, from the key's extension: hcl, json, yaml, conf.</summary>
    public string Language { get; }

    /// <summary>Where it sits, for messages: <c>ConfigMap vault/vault-config, key vault.hcl</c>.</summary>
    public string Description { get; }
}

/// <summary>A model that holds embedded documents; the engine parses and checks them, and maps their findings back.</summary>
public interface IEmbeddedDocumentHost
{
    IReadOnlyList<EmbeddedDocument> EmbeddedDocuments { get; }
}
