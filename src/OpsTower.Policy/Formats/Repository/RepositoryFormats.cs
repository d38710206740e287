using System;
using OpsTower.Policy.Engine;
using OpsTower.Policy.Formats.BranchProtection;
using OpsTower.Policy.Formats.CodeOwners;
using OpsTower.Policy.Formats.Coverage;
using OpsTower.Policy.Formats.GitHubActions;
using OpsTower.Policy.Formats.PreCommit;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Formats.Repository;

/// <summary>
/// The files of the delivery pipeline and of repository governance, recognised by path (anywhere in the scanned tree,
/// so a monorepo's or a sample's <c>.github</c> counts):
/// <list type="bullet">
/// <item><c>.github/workflows/*.yml|yaml</c>: workflows; <c>action.yml|yaml</c>: action metadata.</item>
/// <item><c>.github/branch-protection/*.json</c> (REST exports of <c>GET …/branches/{b}/protection</c>, the branch from
/// <c>url</c> or the file name) and <c>.github/rulesets/*.json</c> (repository rulesets): branch protection.</item>
/// <item><c>.github/settings.yml</c>: the settings app's <c>branches:</c>.</item>
/// <item><c>.github/branching-strategy.yml|yaml</c>, or any YAML file whose first key is <c>branching_strategy:</c>: the
/// DevOps specification's <c>protection_rules</c>.</item>
/// <item><c>CODEOWNERS</c>; <c>.pre-commit-config.yaml</c>; <c>codecov.yml</c> and <c>.codecov.yml</c>;
/// <c>jest.config.{js,cjs,mjs,ts,cts,mts}</c>; <c>package.json</c>; <c>*.csproj</c> and <c>Directory.Build.props</c>;
/// <c>pytest.ini</c>, <c>pyproject.toml</c>, <c>setup.cfg</c>, <c>tox.ini</c>, <c>.coveragerc</c>.</item>
/// </list>
/// </summary>
public static class RepositoryFormats
{
    /// <param name="relativePath">'/'-separated path.</param>
    /// <param name="peekText">The start of the file; read only for YAML outside the known places.</param>
    public static FileKind Classify(string relativePath, Func<string?>? peekText)
    {
        string path = "/" + relativePath;
        int slash = path.LastIndexOf('/');
        string name = path.Substring(slash + 1);
        string folder = path.Substring(0, slash + 1);
        bool yaml = name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase);
        bool json = name.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

        if (yaml && folder.EndsWith("/.github/workflows/", StringComparison.Ordinal)) return FileKind.GitHubWorkflow;
        if (name is "action.yml" or "action.yaml") return FileKind.GitHubAction;
        if (json && (folder.EndsWith("/.github/branch-protection/", StringComparison.Ordinal) || folder.EndsWith("/.github/rulesets/", StringComparison.Ordinal)))
            return FileKind.BranchProtection;
        if (folder.EndsWith("/.github/", StringComparison.Ordinal) && name is "settings.yml" or "settings.yaml") return FileKind.RepositorySettings;
        if (folder.EndsWith("/.github/", StringComparison.Ordinal) && name is "branching-strategy.yml" or "branching-strategy.yaml") return FileKind.BranchingStrategy;
        if (name == "CODEOWNERS") return FileKind.CodeOwners;
        if (name is ".pre-commit-config.yaml" or ".pre-commit-config.yml") return FileKind.PreCommitConfig;
        if (name is "codecov.yml" or ".codecov.yml" or "codecov.yaml" or ".codecov.yaml") return FileKind.CodecovConfig;
        if (IsJestConfigName(name)) return FileKind.JestConfig;
        if (name == "package.json") return FileKind.PackageJson;
        if (name.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase) || name == "Directory.Build.props") return FileKind.MSBuildProject;
        if (name is "pytest.ini" or "pyproject.toml" or "setup.cfg" or "tox.ini" or ".coveragerc") return FileKind.PythonTestConfig;
        if (yaml && peekText is not null && StartsWithKey(peekText(), "branching_strategy")) return FileKind.BranchingStrategy;
        return FileKind.Unknown;
    }

    /// <summary>The model of one of these files, or null for another format's kind.</summary>
    public static ParsedDocument? Parse(FileKind kind, SourceFile file)
    {
        switch (kind)
        {
            case FileKind.GitHubWorkflow:
            case FileKind.GitHubAction:
                var workflow = WorkflowParser.Parse(file, isAction: kind == FileKind.GitHubAction);
                return new ParsedDocument(kind, workflow, workflow.Diagnostics);
            case FileKind.BranchProtection:
                return Document(kind, BranchProtectionParser.ParseJson(file));
            case FileKind.RepositorySettings:
                return Document(kind, BranchProtectionParser.ParseSettingsApp(file));
            case FileKind.BranchingStrategy:
                return Document(kind, BranchProtectionParser.ParseBranchingStrategy(file));
            case FileKind.CodeOwners:
                return new ParsedDocument(kind, CodeOwnersFile.Parse(file), Array.Empty<ParseDiagnostic>());
            case FileKind.PreCommitConfig:
                var preCommit = PreCommitConfig.Parse(file);
                return new ParsedDocument(kind, preCommit, preCommit.Diagnostics);
            case FileKind.JestConfig:
                return Document(kind, CoverageParsers.ParseJestConfig(file));
            case FileKind.PackageJson:
                return Document(kind, CoverageParsers.ParsePackageJson(file));
            case FileKind.CodecovConfig:
                return Document(kind, CoverageParsers.ParseCodecov(file));
            case FileKind.MSBuildProject:
                return Document(kind, CoverageParsers.ParseMsBuild(file));
            case FileKind.PythonTestConfig:
                return Document(kind, CoverageParsers.ParsePythonConfig(file));
            default:
                return null;
        }
    }

    private static ParsedDocument Document(FileKind kind, BranchProtectionDocument document) => new(kind, document, document.Diagnostics);

    private static ParsedDocument Document(FileKind kind, CoverageConfig config) => new(kind, config, config.Diagnostics);

    private static bool IsJestConfigName(string name)
    {
        if (!name.StartsWith("jest.config.", StringComparison.Ordinal)) return false;
        string extension = name.Substring("jest.config.".Length);
        return extension is "js" or "cjs" or "mjs" or "ts" or "cts" or "mts";
    }

    private static bool StartsWithKey(string? text, string key)
    {
        if (text is null) return false;
        foreach (string line in text.Split('\n'))
        {
            string trimmed = line.TrimEnd('\r');
            if (trimmed.Length == 0 || trimmed[0] == '#' || trimmed == "---") continue;
            return trimmed.StartsWith(key + ":", StringComparison.Ordinal);
        }
        return false;
    }
}
