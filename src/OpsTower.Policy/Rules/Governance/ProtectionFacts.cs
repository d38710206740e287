using System;
using System.Collections.Generic;
using System.Linq;
using OpsTower.Policy.Engine;
using OpsTower.Policy.Formats.BranchProtection;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Rules.Governance;

/// <summary>
/// Everything the repository's protection documents say about one branch. GitHub applies classic protection and
/// every matching ruleset together, so a setting holds when any of them sets it.
/// </summary>
internal sealed class BranchProtectionView
{
    public BranchProtectionView(string branch, IReadOnlyList<BranchProtectionRule> sources)
    {
        Branch = branch;
        Sources = sources;
    }

    public string Branch { get; }

    /// <summary>By file path.</summary>
    public IReadOnlyList<BranchProtectionRule> Sources { get; }

    public BranchProtectionRule First => Sources[0];

    public bool Any(Func<BranchProtectionRule, ProtectionValue<bool>?> setting, bool value) => Sources.Any(s => setting(s)?.Value == value);

    /// <summary>A source that sets the value, as (file, span); else the first source's branch.</summary>
    public (SourceFile File, TextSpan Span) Where(Func<BranchProtectionRule, ProtectionValue<bool>?> setting, bool value)
    {
        var source = Sources.FirstOrDefault(s => setting(s)?.Value == value);
        return source is null ? (First.Document.File, First.ReportSpan) : (source.Document.File, setting(source)!.Span);
    }

    public bool RequiresPullRequests => Any(s => s.PullRequestsRequired, true);
}

internal static class ProtectionFacts
{
    public const string DefaultBranch = "~DEFAULT_BRANCH";

    /// <summary>Each branch in <paramref name="branches"/> that some document protects. <c>~DEFAULT_BRANCH</c> stands for the first branch of the list, <c>~ALL</c> and '*' patterns match by name.</summary>
    public static IReadOnlyList<BranchProtectionView> Views(RepositoryModel repository, IReadOnlyList<string> branches)
    {
        var rules = repository.ModelsOf<BranchProtectionDocument>().SelectMany(d => d.Rules).ToList();
        var views = new List<BranchProtectionView>();
        for (int i = 0; i < branches.Count; i++)
        {
            string branch = branches[i];
            var sources = rules.Where(r => Matches(r.Branch, branch, isDefault: i == 0)).ToList();
            if (sources.Count > 0) views.Add(new BranchProtectionView(branch, sources));
        }
        return views;
    }

    private static bool Matches(string pattern, string branch, bool isDefault)
    {
        if (pattern == "~ALL") return true;
        if (pattern == DefaultBranch) return isDefault;
        return Glob(pattern, 0, branch, 0);
    }

    /// <summary>fnmatch as GitHub uses it for branch names: '*' is any run of characters but '/', '**' any run at all.</summary>
    private static bool Glob(string pattern, int p, string text, int t)
    {
        // Iterative with one backtrack point per star kind keeps this linear enough for branch-name lengths.
        int starP = -1, starT = -1;
        bool starCrossesSlash = false;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                starCrossesSlash = p + 1 < pattern.Length && pattern[p + 1] == '*';
                p += starCrossesSlash ? 2 : 1;
                starP = p;
                starT = t;
            }
            else if (p < pattern.Length && (pattern[p] == text[t] || pattern[p] == '?'))
            {
                p++;
                t++;
            }
            else if (starP >= 0 && (starCrossesSlash || text[starT] != '/'))
            {
                p = starP;
                t = ++starT;
            }
            else return false;
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }
}
