using System;
using System.Collections.Generic;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Rules;

/// <summary>Another place a finding involves (the Dockerfile that a manifest runs, the module block that called a module…).</summary>
public sealed class RelatedLocation
{
    public RelatedLocation(SourceFile file, TextSpan span, string message)
    {
        File = file;
        Span = span;
        Message = message;
    }

    public SourceFile File { get; }
    public TextSpan Span { get; }
    public string Message { get; }
    public LinePositionSpan Position => File.GetPositionSpan(Span);
}

public enum SuppressionKind
{
    /// <summary>A comment in the scanned file (SARIF <c>inSource</c>).</summary>
    InSource,
}

public static class SuppressionKinds
{
    /// <summary>SARIF's name: <c>inSource</c> (a comment in the file) or <c>external</c> (a suppression kept elsewhere).</summary>
    public static string ToSarif(this SuppressionKind kind) => kind == SuppressionKind.InSource ? "inSource" : "external";
}

/// <summary>Why a finding is silenced: an <c>opstower-policy:ignore</c> comment, where it is and what it says.</summary>
public sealed class Suppression
{
    public Suppression(SuppressionKind kind, string? justification, SourceFile file, TextSpan span)
    {
        Kind = kind;
        Justification = justification;
        File = file;
        Span = span;
    }

    public SuppressionKind Kind { get; }

    /// <summary>The text after <c> -- </c> in the comment; null when it gives none.</summary>
    public string? Justification { get; }

    public SourceFile File { get; }

    /// <summary>The comment's span.</summary>
    public TextSpan Span { get; }

    public LinePositionSpan Position => File.GetPositionSpan(Span);
}

/// <summary>SARIF's <c>baselineState</c> of a finding compared with a baseline log.</summary>
public enum BaselineState
{
    /// <summary>Not in the baseline.</summary>
    New,

    /// <summary>In the baseline: same rule, file and <c>primaryLocationLineHash</c>.</summary>
    Unchanged,
}

public static class BaselineStates
{
    /// <summary>SARIF's name: <c>new</c> or <c>unchanged</c>.</summary>
    public static string ToSarif(this BaselineState state) => state == BaselineState.Unchanged ? "unchanged" : "new";
}

/// <summary>One violation of one rule at one place.</summary>
public sealed class Finding
{
    public Finding(RuleDescriptor rule, FindingLevel level, string message, SourceFile file, TextSpan span, IReadOnlyList<RelatedLocation>? related = null)
    {
        Rule = rule;
        Level = level;
        Message = message;
        File = file;
        Span = span;
        Position = file.GetPositionSpan(span);
        RelatedLocations = related ?? Array.Empty<RelatedLocation>();
        Suppressions = Array.Empty<Suppression>();
    }

    private Finding(Finding finding, IReadOnlyList<Suppression> suppressions, BaselineState? baselineState)
    {
        Rule = finding.Rule;
        Level = finding.Level;
        Message = finding.Message;
        File = finding.File;
        Span = finding.Span;
        Position = finding.Position;
        RelatedLocations = finding.RelatedLocations;
        Suppressions = suppressions;
        BaselineState = baselineState;
    }

    public RuleDescriptor Rule { get; }
    public string RuleId => Rule.Id;
    public FindingLevel Level { get; }
    public string Message { get; }
    public SourceFile File { get; }
    public TextSpan Span { get; }
    public LinePositionSpan Position { get; }
    public IReadOnlyList<RelatedLocation> RelatedLocations { get; }

    /// <summary>The suppression comments that silence this finding; empty when it is not suppressed.</summary>
    public IReadOnlyList<Suppression> Suppressions { get; }

    /// <summary>Suppressed findings stay in the result (SARIF marks them) but count for no exit code or summary.</summary>
    public bool IsSuppressed => Suppressions.Count > 0;

    /// <summary>Whether a baseline log had this finding; null when the scan was not compared with one.</summary>
    public BaselineState? BaselineState { get; }

    internal Finding WithSuppressions(IReadOnlyList<Suppression> suppressions) => new(this, suppressions, BaselineState);

    internal Finding WithBaselineState(BaselineState state) => new(this, Suppressions, state);

    /// <summary>Path, line, column, rule id, message: the order every report uses.</summary>
    public static int Compare(Finding a, Finding b)
    {
        int c = string.CompareOrdinal(a.File.Path, b.File.Path);
        if (c != 0) return c;
        c = a.Position.Start.CompareTo(b.Position.Start);
        if (c != 0) return c;
        c = a.Position.End.CompareTo(b.Position.End);
        if (c != 0) return c;
        c = string.CompareOrdinal(a.RuleId, b.RuleId);
        return c != 0 ? c : string.CompareOrdinal(a.Message, b.Message);
    }

    public override string ToString() => $"{File.Path}:{Position.Start}: {RuleId} {Message}";
}
