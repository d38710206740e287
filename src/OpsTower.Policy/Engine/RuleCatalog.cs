using System;
using System.Collections.Generic;
using System.Linq;
using OpsTower.Policy.Rules;

namespace OpsTower.Policy.Engine;

/// <summary>The rules an engine can run, sorted by id. <see cref="BuiltIn"/> holds every rule in the engine assembly.</summary>
public sealed class RuleCatalog
{
    private static readonly Lazy<RuleCatalog> LazyBuiltIn = new(() => new RuleCatalog(
        typeof(RuleCatalog).Assembly.GetTypes()
            .Where(t => typeof(Rule).IsAssignableFrom(t) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (Rule)Activator.CreateInstance(t)!)));

    public RuleCatalog(IEnumerable<Rule> rules)
    {
        Rules = rules.OrderBy(r => r.Descriptor.Id, StringComparer.Ordinal).ToList();
        var duplicate = Rules.GroupBy(r => r.Descriptor.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Two rules share the id {duplicate.Key}.", nameof(rules));
    }

    /// <summary>Every rule shipped in OpsTower.Policy.</summary>
    public static RuleCatalog BuiltIn => LazyBuiltIn.Value;

    public IReadOnlyList<Rule> Rules { get; }

    public Rule? Find(string id) => Rules.FirstOrDefault(r => r.Descriptor.Id == id);

    /// <summary>This catalog plus a team's own rules.</summary>
    public RuleCatalog With(IEnumerable<Rule> more) => new(Rules.Concat(more));
}
