using System.Collections.Generic;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Rules;

/// <summary>What a rule sees while it runs: the file, its parameters from the loaded policy, and where to report.</summary>
public sealed class RuleContext
{
    private readonly List<Finding> _sink;

    internal RuleContext(RuleDescriptor rule, FindingLevel level, RuleParameters parameters, SourceFile file, List<Finding> sink)
    {
        Rule = rule;
        Level = level;
        Parameters = parameters;
        File = file;
        _sink = sink;
    }

    public RuleDescriptor Rule { get; }

    /// <summary>The level the policy gives this rule; findings are reported at it.</summary>
    public FindingLevel Level { get; }

    /// <summary>The rule's parameters from the policy (baseline values unless a custom policy overrides them).</summary>
    public RuleParameters Parameters { get; }

    /// <summary>The file the model was parsed from.</summary>
    public SourceFile File { get; }

    /// <summary>Reports a finding at a span of the current file.</summary>
    public void Report(TextSpan span, string message, IReadOnlyList<RelatedLocation>? related = null) =>
        Report(File, span, message, related);

    /// <summary>Reports a finding in another file (a module's file, the other side of a cross-file check).</summary>
    public void Report(SourceFile file, TextSpan span, string message, IReadOnlyList<RelatedLocation>? related = null) =>
        _sink.Add(new Finding(Rule, Level, message, file, span, related));
}
