using System;
using System.Collections.Generic;
using System.Linq;
using OpsTower.Policy.Rules;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Engine;

/// <summary>One parsed file of a scan, as repository rules see it.</summary>
public sealed record RepositoryFile(SourceFile File, FileKind Kind, object Model);

/// <summary>Every file a scan parsed, by path: what a <see cref="RepositoryRule"/> looks across.</summary>
public sealed class RepositoryModel
{
    public RepositoryModel(IEnumerable<RepositoryFile> files, IEnumerable<SupportFile>? supportFiles = null)
    {
        Files = files.OrderBy(f => f.File.Path, StringComparer.Ordinal).ToList();
        SupportFiles = (supportFiles ?? Array.Empty<SupportFile>()).OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
    }

    public IReadOnlyList<RepositoryFile> Files { get; }

    /// <summary>
    /// Files of no format that rules may read as text: templates and data files beside Terraform modules, for
    /// <c>file()</c> and <c>templatefile()</c>. Each is read only when a rule asks for it; nothing is reported in them.
    /// </summary>
    public IReadOnlyList<SupportFile> SupportFiles { get; }

    /// <summary>The models of one type (for example every <c>KubernetesFile</c>), by path.</summary>
    public IEnumerable<TModel> ModelsOf<TModel>() where TModel : class =>
        Files.Select(f => f.Model).OfType<TModel>();
}

/// <summary>
/// A rule that looks across files (a workload in one file, the NetworkPolicy that covers it in another). The engine
/// runs it once, after every file's own rules, on the <see cref="RepositoryModel"/> of the scan; it reports with
/// <see cref="RuleContext.Report(SourceFile, TextSpan, string, IReadOnlyList{RelatedLocation})"/>, naming the file.
/// Analysing a single file (<see cref="PolicyEngine.AnalyzeFile"/>) runs it on a repository of that file alone.
/// </summary>
public abstract class RepositoryRule : Rule
{
    public sealed override Type ModelType => typeof(RepositoryModel);

    /// <summary>Given one file's model rather than a repository, analyses a repository holding only that file.</summary>
    public sealed override void Analyze(object model, RuleContext context) =>
        Analyze(model as RepositoryModel ?? new RepositoryModel(new[] { new RepositoryFile(context.File, FileKind.Unknown, model) }), context);

    public abstract void Analyze(RepositoryModel repository, RuleContext context);
}
