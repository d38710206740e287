using System;
using OpsTower.Policy.Engine;

namespace OpsTower.Policy.Formats.Yaml;

/// <summary>
/// Which YAML files the Kubernetes and compose parsers take, from the path and the first lines. GitHub workflows
/// and pre-commit configs are other formats' files and are not claimed here.
/// </summary>
public static class YamlClassifier
{
    public static bool IsYamlName(string name) =>
        name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    /// <summary><c>docker-compose*.yml</c>, <c>compose*.yaml</c> and the like.</summary>
    public static bool IsComposeName(string name) =>
        IsYamlName(name) && (name.StartsWith("docker-compose", StringComparison.OrdinalIgnoreCase) || name.StartsWith("compose", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// A <c>*.json</c> file that is one JSON object with <c>apiVersion</c> and <c>kind</c> keys (the output of
    /// <c>kubectl get -o json</c>, or manifests written as JSON). JSON is YAML, so the Kubernetes parser reads it.
    /// </summary>
    public static FileKind ClassifyJson(string relativePath, Func<string?>? peekText)
    {
        if (!relativePath.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || peekText is null) return FileKind.Unknown;
        int slash = relativePath.LastIndexOf('/');
        if (IsOtherToolsFile(relativePath, relativePath.Substring(slash + 1))) return FileKind.Unknown;
        string? text = peekText();
        return !string.IsNullOrEmpty(text) && IsFlowMappingWithKeys(text!, "apiVersion", "kind") ? FileKind.Kubernetes : FileKind.Unknown;
    }

    /// <param name="relativePath">'/'-separated path.</param>
    /// <param name="peekText">The start of the file.</param>
    public static FileKind Classify(string relativePath, Func<string?>? peekText)
    {
        int slash = relativePath.LastIndexOf('/');
        string name = slash < 0 ? relativePath : relativePath.Substring(slash + 1);
        if (!IsYamlName(name) || IsOtherToolsFile(relativePath, name)) return FileKind.Unknown;
        if (IsComposeName(name)) return FileKind.Compose;
        // Without the content to look at, a YAML file is taken for the format most YAML in a delivery repository is.
        if (peekText is null) return FileKind.Kubernetes;
        string? text = peekText();
        if (string.IsNullOrEmpty(text)) return FileKind.Unknown;
        if (IsUnderTemplatesFolder(relativePath) && YamlLoader.LooksTemplated(text!)) return FileKind.HelmTemplate;
        if (HasTopLevelKey(text!, "apiVersion") && HasTopLevelKey(text!, "kind")) return FileKind.Kubernetes;
        if (IsFlowMappingWithKeys(text!, "apiVersion", "kind")) return FileKind.Kubernetes;
        if (HasTopLevelKey(text!, "services") && HasIndentedKey(text!, "image", "build")) return FileKind.Compose;
        return FileKind.Unknown;
    }

    private static bool IsOtherToolsFile(string path, string name) =>
        path.StartsWith(".github/", StringComparison.Ordinal) || path.IndexOf("/.github/", StringComparison.Ordinal) >= 0
        || name.Equals(".pre-commit-config.yaml", StringComparison.OrdinalIgnoreCase)
        || name.Equals(".pre-commit-hooks.yaml", StringComparison.OrdinalIgnoreCase);

    /// <summary>A Helm chart keeps its templates in <c>templates/</c> beside <c>Chart.yaml</c>.</summary>
    private static bool IsUnderTemplatesFolder(string path) =>
        path.StartsWith("templates/", StringComparison.Ordinal) || path.IndexOf("/templates/", StringComparison.Ordinal) >= 0;

    private static bool HasTopLevelKey(string text, string key)
    {
        foreach (string line in text.Split('\n'))
            if (line.StartsWith(key + ":", StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>A document written as one flow mapping (<c>{ apiVersion: v1, kind: Pod, … }</c>, or JSON) that names the keys.</summary>
    private static bool IsFlowMappingWithKeys(string text, params string[] keys)
    {
        bool flow = false;
        foreach (string rawLine in text.Split('\n'))
        {
            string line = rawLine.Trim();
            if (line.Length == 0 || line[0] == '#' || line == "---") continue;
            flow = line[0] == '{';
            break;
        }
        if (!flow) return false;
        foreach (string key in keys)
            if (!System.Text.RegularExpressions.Regex.IsMatch(text, "[{,\\s][\"']?" + key + "[\"']?\\s*:")) return false;
        return true;
    }

    private static bool HasIndentedKey(string text, params string[] keys)
    {
        foreach (string line in text.Split('\n'))
        {
            string trimmed = line.TrimStart(' ', '-');
            if (trimmed.Length == line.Length) continue;
            foreach (string key in keys)
                if (trimmed.StartsWith(key + ":", StringComparison.Ordinal)) return true;
        }
        return false;
    }
}
