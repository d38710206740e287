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
    }

    public RuleDescriptor Rule { get; }
    public string RuleId => Rule.Id;
    public FindingLevel Level { get; }
    public string Message { get; }
    public SourceFile File { get; }
    public TextSpan Span { get; }
    public LinePositionSpan Position { get; }
    public IReadOnlyList<RelatedLocation> RelatedLocations { get; }

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
