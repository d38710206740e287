using System.Collections.Generic;
using System.Linq;
using OpsTower.Policy.Formats.Yaml;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Formats.PreCommit;

/// <summary>One <c>repos:</c> entry: its <c>repo</c> (a URL, <c>local</c> or <c>meta</c>), its <c>rev</c> and its hooks' ids.</summary>
public sealed class PreCommitRepo
{
    public PreCommitRepo(YamlMapping node, YamlScalar repo, YamlScalar? rev, IReadOnlyList<YamlScalar> hookIds)
    {
        Node = node;
        Repo = repo;
        Rev = rev;
        HookIds = hookIds;
    }

    public YamlMapping Node { get; }
    public YamlScalar Repo { get; }
    public YamlScalar? Rev { get; }
    public IReadOnlyList<YamlScalar> HookIds { get; }

    /// <summary><c>local</c> and <c>meta</c> hooks come from this repository or pre-commit itself: nothing to pin.</summary>
    public bool IsRemote => Repo.Value is not ("local" or "meta");
}

/// <summary>A <c>.pre-commit-config.yaml</c> (also as the specification writes it, under <c>pre_commit_config:</c>).</summary>
public sealed class PreCommitConfig
{
    private PreCommitConfig(SourceFile file, YamlEntry? reposEntry, IReadOnlyList<PreCommitRepo> repos, IReadOnlyList<ParseDiagnostic> diagnostics)
    {
        File = file;
        ReposEntry = reposEntry;
        Repos = repos;
        Diagnostics = diagnostics;
    }

    public SourceFile File { get; }
    public YamlEntry? ReposEntry { get; }
    public IReadOnlyList<PreCommitRepo> Repos { get; }
    public IReadOnlyList<ParseDiagnostic> Diagnostics { get; }

    public static PreCommitConfig Parse(SourceFile file)
    {
        var yaml = YamlLoader.Load(file);
        var root = yaml.Documents.FirstOrDefault()?.Root as YamlMapping;
        if (root?.GetMapping("pre_commit_config") is { } wrapped) root = wrapped;
        var reposEntry = root?.Find("repos");
        var repos = new List<PreCommitRepo>();
        foreach (var item in (reposEntry?.Value as YamlSequence)?.Items ?? new List<YamlNode>())
        {
            if (item is not YamlMapping repo || repo.GetScalar("repo") is not { } url) continue;
            var hooks = repo.GetSequence("hooks")?.Items.OfType<YamlMapping>().Select(h => h.GetScalar("id")).Where(id => id is not null).Select(id => id!).ToList()
                ?? new List<YamlScalar>();
            repos.Add(new PreCommitRepo(repo, url, repo.GetScalar("rev"), hooks));
        }
        return new PreCommitConfig(file, reposEntry, repos, yaml.Diagnostics);
    }
}
