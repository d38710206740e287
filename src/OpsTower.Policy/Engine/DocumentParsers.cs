using System.Collections.Generic;
using OpsTower.Policy.Formats.Compose;
using OpsTower.Policy.Formats.Dockerfile;
using OpsTower.Policy.Formats.Hcl;
using OpsTower.Policy.Formats.Terraform;
using OpsTower.Policy.Formats.Kubernetes;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Engine;

/// <summary>A parsed file: the format's model (what rules read) and what the parser had to say.</summary>
public sealed record ParsedDocument(FileKind Kind, object Model, IReadOnlyList<ParseDiagnostic> Diagnostics);

/// <summary>One entry per format: how to turn a file into its model.</summary>
public static class DocumentParsers
{
    /// <param name="isKustomizePatch">A kustomization lists the file as a strategic-merge patch (Kubernetes files only).</param>
    public static ParsedDocument? Parse(FileKind kind, SourceFile file, bool isKustomizePatch = false)
    {
        if (Formats.Repository.RepositoryFormats.Parse(kind, file) is { } repositoryDocument) return repositoryDocument;
        switch (kind)
        {
            case FileKind.Dockerfile:
                var dockerfile = DockerfileParser.Parse(file);
                return new ParsedDocument(kind, dockerfile, dockerfile.Diagnostics);
            case FileKind.Terraform:
                var configuration = HclParser.Parse(file);
                return new ParsedDocument(kind, new TerraformFile(configuration), configuration.Diagnostics);
            case FileKind.TerraformVariables:
                var values = HclParser.Parse(file);
                return new ParsedDocument(kind, new TerraformVariablesFile(values), values.Diagnostics);
            case FileKind.Hcl:
                var hcl = HclParser.Parse(file);
                return new ParsedDocument(kind, hcl, hcl.Diagnostics);
            case FileKind.Kubernetes:
                var kubernetes = KubernetesParser.Parse(file, isKustomizePatch);
                return new ParsedDocument(kind, kubernetes, kubernetes.Diagnostics);
            case FileKind.Compose:
                var compose = ComposeParser.Parse(file);
                return new ParsedDocument(kind, compose, compose.Diagnostics);
            case FileKind.HelmTemplate:
                return new ParsedDocument(kind, new HelmTemplate(file), new[]
                {
                    new ParseDiagnostic(DiagnosticSeverity.Info,
                        "Skipped: a Helm chart template is not YAML until rendered (render the chart and scan the output to check it).", new TextSpan(0, 0)),
                });
            default:
                return null;
        }
    }
}
