using System;
using System.Collections.Generic;
using OpsTower.Policy.Formats.Yaml;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Formats.Kubernetes;

/// <summary>
/// Reads which files a Kustomize kustomization applies as strategic-merge patches. A patch states only what it
/// changes, so the engine parses those files as patches (<see cref="KubernetesObject.IsPatch"/>).
/// </summary>
public static class Kustomization
{
    /// <summary>The names <c>kustomize build</c> looks for in a folder.</summary>
    public static bool IsKustomizationFile(string path)
    {
        int slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
        string name = path.Substring(slash + 1);
        return name is "kustomization.yaml" or "kustomization.yml" or "Kustomization";
    }

    /// <summary>
    /// The files listed under <c>patchesStrategicMerge</c> and as <c>patches[].path</c>, as paths relative to the
    /// same root as the kustomization's own path ('/'-separated). Inline patches and paths that leave the root are
    /// not files of the scan and are left out.
    /// </summary>
    public static IReadOnlyList<string> PatchPaths(SourceFile kustomization)
    {
        var paths = new List<string>();
        var yaml = YamlLoader.Load(kustomization);
        string folder = kustomization.Path.Replace('\\', '/');
        folder = folder.Substring(0, folder.LastIndexOf('/') + 1);
        foreach (var document in yaml.Documents)
        {
            if (document.Root is not YamlMapping root) continue;
            if (root.GetSequence("patchesStrategicMerge") is { } strategic)
                foreach (var item in strategic.Items)
                    if (item is YamlScalar { IsNull: false } scalar && scalar.Value.IndexOf('\n') < 0) Add(paths, folder, scalar.Value);
            if (root.GetSequence("patches") is { } patches)
                foreach (var item in patches.Items)
                    if (item is YamlMapping patch && patch.GetString("path") is { } path) Add(paths, folder, path);
        }
        return paths;
    }

    private static void Add(List<string> paths, string folder, string relative)
    {
        relative = relative.Trim().Replace('\\', '/');
        if (relative.StartsWith("/", StringComparison.Ordinal) || relative.IndexOf(':') >= 0) return; // absolute, or a URL
        if (RelativePaths.Normalize(folder + relative) is { Length: > 0 } path) paths.Add(path);
    }
}
