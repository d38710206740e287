using System;
using System.Collections.Generic;

namespace OpsTower.Policy.Rules;

/// <summary>The same check under another tool's id, so teams migrating from it can map their suppressions.</summary>
public sealed record PeerRule(string Tool, string Id);

/// <summary>
/// Everything a report says about a rule: the SARIF <c>reportingDescriptor</c>, the analyzer's
/// <c>DiagnosticDescriptor</c> and the CLI's <c>rules</c> listing are all made from this.
/// </summary>
public sealed class RuleDescriptor
{
    public RuleDescriptor(
        string id,
        string name,
        string title,
        string description,
        FindingLevel defaultLevel,
        double securitySeverity,
        string category,
        IReadOnlyList<string> tags,
        string helpMarkdown,
        string precision = "high",
        IReadOnlyList<PeerRule>? peers = null)
    {
        if (id is null || id.Length != 7 || !id.StartsWith("OTP", StringComparison.Ordinal))
            throw new ArgumentException($"Rule ids are 'OTP' and four digits, not '{id}'.", nameof(id));
        if (securitySeverity < 0.0 || securitySeverity > 10.0)
            throw new ArgumentOutOfRangeException(nameof(securitySeverity), "security-severity is 0.0 to 10.0.");
        Id = id;
        Name = name;
        Title = title;
        Description = description;
        DefaultLevel = defaultLevel;
        SecuritySeverity = securitySeverity;
        Category = category;
        Tags = tags;
        HelpMarkdown = helpMarkdown;
        Precision = precision;
        Peers = peers ?? Array.Empty<PeerRule>();
    }

    /// <summary>Stable id, <c>OTP</c> + four digits: 1xxx Dockerfile, 2xxx Kubernetes, 3xxx Terraform/AWS, 4xxx GitHub Actions, 5xxx repository governance, 6xxx compose, 7xxx Vault and secrets.</summary>
    public string Id { get; }

    /// <summary>PascalCase name (SARIF <c>name</c>).</summary>
    public string Name { get; }

    /// <summary>One sentence (SARIF <c>shortDescription</c>).</summary>
    public string Title { get; }

    /// <summary>What the rule checks and why (SARIF <c>fullDescription</c>).</summary>
    public string Description { get; }

    public FindingLevel DefaultLevel { get; }

    /// <summary>0.1–10, GitHub's <c>security-severity</c>: over 9 critical, 7–8.9 high, 4–6.9 medium, below 4 low.</summary>
    public double SecuritySeverity { get; }

    /// <summary>The domain: Dockerfile, Kubernetes, Terraform, GitHubActions, Repository, Compose, Vault.</summary>
    public string Category { get; }

    public IReadOnlyList<string> Tags { get; }

    /// <summary>Markdown help: why it matters, how to fix it, an example.</summary>
    public string HelpMarkdown { get; }

    /// <summary>SARIF precision: very-high, high, medium or low.</summary>
    public string Precision { get; }

    public IReadOnlyList<PeerRule> Peers { get; }

    /// <summary>Where the rule's documentation lives.</summary>
    public string HelpUri => $"https://github.com/opstower/opstower-policy/blob/main/docs/rules/{Id}.md";

    public override string ToString() => Id;
}
