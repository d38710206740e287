using System;

namespace OpsTower.Policy.Engine;

/// <summary>Decides a file's format from its name, and from its first lines where the name is not enough.</summary>
public static class FileClassifier
{
    /// <param name="relativePath">Path with '/' separators.</param>
    /// <param name="peekText">Reads the start of the file; called only when the name is ambiguous.</param>
    public static FileKind Classify(string relativePath, Func<string?>? peekText = null)
    {
        string name = FileName(relativePath);
        // Workflows, governance and coverage files first: they are YAML or JSON that the generic YAML formats must not claim.
        var repositoryKind = Formats.Repository.RepositoryFormats.Classify(relativePath, peekText);
        if (repositoryKind != FileKind.Unknown) return repositoryKind;
        if (IsDockerfileName(name)) return FileKind.Dockerfile;
        FileKind hcl = ClassifyHcl(relativePath, name);
        if (hcl != FileKind.Unknown) return hcl;
        if (peekText is not null && name.IndexOf('.') < 0 && LooksLikeDockerfile(peekText())) return FileKind.Dockerfile;
        if (Formats.Yaml.YamlClassifier.IsYamlName(name)) return Formats.Yaml.YamlClassifier.Classify(relativePath, peekText);
        return Formats.Yaml.YamlClassifier.ClassifyJson(relativePath, peekText);
    }

    /// <summary><c>Dockerfile</c>, <c>Containerfile</c>, <c>*.Dockerfile</c>, <c>Dockerfile.*</c>, <c>Dockerfile-*</c> (any case), but not <c>Dockerfile.dockerignore</c>.</summary>
    public static bool IsDockerfileName(string name)
    {
        if (name.EndsWith(".dockerignore", StringComparison.OrdinalIgnoreCase)) return false;
        foreach (string stem in new[] { "Dockerfile", "Containerfile" })
        {
            if (name.Equals(stem, StringComparison.OrdinalIgnoreCase)) return true;
            if (name.Length > stem.Length + 1 && name.StartsWith(stem, StringComparison.OrdinalIgnoreCase)
                && (name[stem.Length] == '.' || name[stem.Length] == '-')) return true;
            if (name.Length > stem.Length + 1 && name.EndsWith("." + stem, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>
    /// <c>*.tf</c>, <c>*.tfvars</c> and other <c>*.hcl</c>. Never files under a <c>.terraform/</c> folder (downloaded
    /// modules and providers), nor <c>.terraform.lock.hcl</c> (provider checksums only). The JSON syntax variants
    /// (<c>*.tf.json</c>, <c>*.tfvars.json</c>) are not read.
    /// </summary>
    private static FileKind ClassifyHcl(string relativePath, string name)
    {
        if (relativePath.StartsWith(".terraform/", StringComparison.Ordinal) || relativePath.IndexOf("/.terraform/", StringComparison.Ordinal) >= 0) return FileKind.Unknown;
        if (name.EndsWith(".tf", StringComparison.Ordinal)) return FileKind.Terraform;
        if (name.EndsWith(".tfvars", StringComparison.Ordinal)) return FileKind.TerraformVariables;
        if (name == ".terraform.lock.hcl") return FileKind.Unknown;
        if (name.EndsWith(".hcl", StringComparison.OrdinalIgnoreCase)) return FileKind.Hcl;
        return FileKind.Unknown;
    }

    /// <summary>An extensionless file whose first instruction is FROM (after ARGs, comments and directives).</summary>
    internal static bool LooksLikeDockerfile(string? text)
    {
        if (string.IsNullOrEmpty(text)) return false;
        foreach (string rawLine in text!.Split('\n'))
        {
            string line = rawLine.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            if (StartsWithWord(line, "ARG")) continue;
            return StartsWithWord(line, "FROM") && line.Length > 5;
        }
        return false;
    }

    private static bool StartsWithWord(string line, string word) =>
        line.Length > word.Length && line.StartsWith(word, StringComparison.OrdinalIgnoreCase) && char.IsWhiteSpace(line[word.Length]);

    private static string FileName(string path)
    {
        int slash = path.LastIndexOf('/');
        return slash < 0 ? path : path.Substring(slash + 1);
    }
}
