using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using OpsTower.Policy.Engine;
using OpsTower.Policy.Rules;

namespace OpsTower.Policy.Analyzers;

/// <summary>
/// One <see cref="DiagnosticDescriptor"/> per engine rule, made from the same <see cref="RuleDescriptor"/> the SARIF
/// writer uses (id, title, description, default level, category, help link and tags), plus the analyzer's own two.
/// </summary>
public static class PolicyDiagnostics
{
    /// <summary>The tag Roslyn wants on descriptors reported from a compilation-end action.</summary>
    public const string CompilationEndTag = "CompilationEnd";

    /// <summary>GitHub shows ten tags of a rule; the SARIF writer keeps as many.</summary>
    private const int MaxTags = 10;

    /// <summary>OTP0001: a file the engine recognised could not be parsed or checked.</summary>
    public static readonly DiagnosticDescriptor FileNotAnalyzed = new(
        id: "OTP0001",
        title: "The file could not be parsed or checked",
        messageFormat: "{0}",
        category: "OpsTower.Policy",
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "OpsTower.Policy recognised the file's format but could not parse it, or a rule failed on it, so some of its checks did not run. The message says what went wrong and where; the CLI reports the same problem as a scan error (a SARIF toolExecutionNotification).",
        helpLinkUri: "https://github.com/opstower/opstower-policy/blob/main/docs/analyzers.md#otp0001",
        customTags: new[] { "OpsTower.Policy" });

    /// <summary>OTP0002: the policy file or the policy parameters cannot be used; no rule runs.</summary>
    public static readonly DiagnosticDescriptor PolicyError = new(
        id: "OTP0002",
        title: "The policy cannot be loaded",
        messageFormat: "{0}",
        category: "OpsTower.Policy",
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The policy file named by OpsTowerPolicyFile (or the repository's .opstower-policy.yaml), or the OpsTowerPolicyParameters property, is missing or invalid. No OpsTower.Policy rule runs until it is fixed.",
        helpLinkUri: "https://github.com/opstower/opstower-policy/blob/main/docs/analyzers.md#otp0002",
        customTags: new[] { "OpsTower.Policy", CompilationEndTag });

    private static readonly Lazy<Catalog> LazyBuiltIn = new(() => new Catalog(RuleCatalog.BuiltIn));

    /// <summary>The descriptors for <see cref="RuleCatalog.BuiltIn"/>.</summary>
    internal static Catalog BuiltIn => LazyBuiltIn.Value;

    /// <summary>The descriptor for one engine rule.</summary>
    public static DiagnosticDescriptor Create(RuleDescriptor rule, bool reportedAtCompilationEnd = false)
    {
        IEnumerable<string> tags = new[] { "security", rule.Category }
            .Concat(rule.Tags)
            .Where(t => !string.IsNullOrWhiteSpace(t))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Take(MaxTags);
        if (reportedAtCompilationEnd) tags = tags.Concat(new[] { CompilationEndTag });
        return new DiagnosticDescriptor(
            id: rule.Id,
            title: rule.Title,
            messageFormat: "{0}",
            category: rule.Category,
            defaultSeverity: ToSeverity(rule.DefaultLevel),
            // The engine decides which rules run (a policy can turn on a rule that is off by default): the compiler
            // must not drop their diagnostics, so every descriptor is enabled.
            isEnabledByDefault: true,
            description: rule.Description,
            helpLinkUri: rule.HelpUri,
            customTags: tags.ToArray());
    }

    public static DiagnosticSeverity ToSeverity(FindingLevel level) => level switch
    {
        FindingLevel.Error => DiagnosticSeverity.Error,
        FindingLevel.Warning => DiagnosticSeverity.Warning,
        FindingLevel.Note => DiagnosticSeverity.Info,
        _ => DiagnosticSeverity.Hidden,
    };

    /// <summary>
    /// A repository rule checks several files at once and runs in the compilation-end action. Every rule today is a
    /// <see cref="FileRule{TModel}"/>; any other <see cref="Rule"/> subclass is treated as a repository rule.
    /// </summary>
    public static bool IsRepositoryRule(Rule rule)
    {
        for (var type = rule.GetType(); type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(FileRule<>)) return false;
        }
        return true;
    }

    /// <summary>The descriptors of one rule catalog.</summary>
    internal sealed class Catalog
    {
        private static int _nextId;

        public Catalog(RuleCatalog rules)
        {
            Rules = rules;
            Id = System.Threading.Interlocked.Increment(ref _nextId);
            var byId = new Dictionary<string, DiagnosticDescriptor>(StringComparer.Ordinal);
            var repositoryRuleIds = new HashSet<string>(StringComparer.Ordinal);
            foreach (var rule in rules.Rules)
            {
                bool repository = IsRepositoryRule(rule);
                if (repository) repositoryRuleIds.Add(rule.Descriptor.Id);
                byId[rule.Descriptor.Id] = Create(rule.Descriptor, repository);
            }
            ById = byId;
            RepositoryRuleIds = repositoryRuleIds;
            All = new[] { FileNotAnalyzed, PolicyError }.Concat(byId.Values.OrderBy(d => d.Id, StringComparer.Ordinal)).ToImmutableArray();
        }

        /// <summary>Tells catalogs apart in cache keys.</summary>
        public int Id { get; }

        public RuleCatalog Rules { get; }

        public IReadOnlyDictionary<string, DiagnosticDescriptor> ById { get; }
        public IReadOnlyCollection<string> RepositoryRuleIds { get; }
        public ImmutableArray<DiagnosticDescriptor> All { get; }
    }
}
