using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using OpsTower.Policy.Engine;
using OpsTower.Policy.Formats.Hcl;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Formats.Terraform;

/// <summary>Something that limits what the evaluation could see: a remote module, a missing one, a cycle, an undeclared name.</summary>
public sealed record TerraformEvaluationProblem(SourceFile File, TextSpan Span, string Message);

/// <summary>
/// Every Terraform module of a scan, evaluated. Each folder with <c>.tf</c> files that no other scanned module calls
/// as a local module (<c>source = "./…"</c>) is a root module; the local modules it calls are loaded with their
/// inputs, recursively. Root variables take their values from defaults, then <c>terraform.tfvars</c>, then
/// <c>*.auto.tfvars</c> in name order, then <see cref="TerraformOptions.VarFiles"/>. Whatever cannot be known
/// statically (resource attributes, data sources, remote modules, variables without value) stays unknown.
/// </summary>
public sealed class TerraformProject
{
    private static readonly ConditionalWeakTable<RepositoryModel, TerraformProject> Cache = new();

    private readonly Dictionary<string, TerraformModuleDirectory> _directories;
    private readonly List<TerraformModule> _modules = new();
    private readonly List<TerraformModule> _roots = new();
    private readonly List<TerraformEvaluationProblem> _problems = new();
    private readonly HashSet<(string, int, int, string)> _problemKeys = new();

    /// <param name="options">Variable files, and the files the file functions may read (else those of <paramref name="files"/> and <paramref name="variablesFiles"/>).</param>
    public TerraformProject(IEnumerable<TerraformFile> files, IEnumerable<TerraformVariablesFile> variablesFiles, TerraformOptions? options = null)
        : this(files.ToList(), variablesFiles.ToList(), options, null, null)
    {
    }

    /// <param name="scannedFiles">Every file the scan parsed: what the file functions read when the options do not list the tree.</param>
    /// <param name="supportFiles">Other files of the scan the file functions may read, each read on first use.</param>
    private TerraformProject(List<TerraformFile> files, List<TerraformVariablesFile> variablesFiles, TerraformOptions? options, IEnumerable<SourceFile>? scannedFiles, IEnumerable<SupportFile>? supportFiles)
    {
        options ??= TerraformOptions.Default;
        Files = options.Files is not null
            ? new TerraformFiles(options.Files, isComplete: true)
            : new TerraformFiles(scannedFiles ?? files.Select(f => f.File).Concat(variablesFiles.Select(f => f.File)), isComplete: false, supportFiles);
        var values = variablesFiles.ToLookup(f => f.Directory, StringComparer.Ordinal);
        _directories = files
            .GroupBy(f => f.Directory, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new TerraformModuleDirectory(g.Key, g.OrderBy(f => f.File.Path, StringComparer.Ordinal).ToList(),
                values[g.Key].OrderBy(f => f.File.Path, StringComparer.Ordinal).ToList()), StringComparer.Ordinal);

        var called = new HashSet<string>(StringComparer.Ordinal);
        foreach (var directory in _directories.Values)
        foreach (var call in directory.ModuleCalls)
        {
            string? source = call.Block.Body.GetAttribute("source")?.Expression.AsStringLiteral();
            string? target = source is not null && TerraformPaths.IsLocalSource(source) ? TerraformPaths.Resolve(directory.Path, source) : null;
            if (target is not null && target != directory.Path) called.Add(target);
        }

        var varFiles = options.VarFiles.Select(f => HclParser.Parse(f)).ToList();
        foreach (var broken in varFiles.Where(f => f.HasErrors))
            AddProblem(broken.File, broken.Diagnostics.First().Span, "This variable file has syntax errors; the values it gives may be missing.");
        // Roots first; a folder only reachable through a cycle of module calls is evaluated as a root too.
        foreach (var directory in _directories.Values.Where(d => !called.Contains(d.Path)).Concat(_directories.Values.Where(d => called.Contains(d.Path))))
        {
            if (_modules.Any(m => m.Directory == directory)) continue;
            _roots.Add(new TerraformModule(this, directory, null, null, RootValues(directory, varFiles)));
        }
        foreach (var directory in _directories.Values) ReportUndeclaredReferences(directory);
    }

    /// <summary>The evaluated project of a scan, computed once per <see cref="RepositoryModel"/> with <see cref="TerraformOptions.Current"/>.</summary>
    public static TerraformProject For(RepositoryModel repository) =>
        Cache.GetValue(repository, r => new TerraformProject(r.ModelsOf<TerraformFile>().ToList(), r.ModelsOf<TerraformVariablesFile>().ToList(), TerraformOptions.Current, r.Files.Select(f => f.File), r.SupportFiles));

    /// <summary>Every folder with <c>.tf</c> files, by path.</summary>
    public IReadOnlyList<TerraformModuleDirectory> Directories => _directories.Values.ToList();

    public IReadOnlyList<TerraformModule> RootModules => _roots;

    /// <summary>Every module instance: each root, then the local modules below it, depth first.</summary>
    public IReadOnlyList<TerraformModule> Modules => _modules;

    /// <summary>Instances of managed resources (<c>resource</c> blocks) in every module instance.</summary>
    public IEnumerable<TerraformResource> Resources => _modules.SelectMany(m => m.Resources).Where(r => r.Mode == TerraformResourceMode.Managed);

    public IEnumerable<TerraformResource> ResourcesOfType(params string[] types) => Resources.Where(r => Array.IndexOf(types, r.Type) >= 0);

    /// <summary>Instances of <c>module</c> blocks in every module instance, remote ones included.</summary>
    public IEnumerable<TerraformModuleCall> ModuleCalls => _modules.SelectMany(m => m.ModuleCalls);

    public IReadOnlyList<TerraformEvaluationProblem> Problems => _problems;

    /// <summary>What the file functions may read.</summary>
    internal TerraformFiles Files { get; }

    internal TerraformModuleDirectory? FindDirectory(string path) => _directories.TryGetValue(path, out var directory) ? directory : null;

    internal void Register(TerraformModule module) => _modules.Add(module);

    internal void AddProblem(SourceFile file, TextSpan span, string message)
    {
        if (_problemKeys.Add((file.Path, span.Start, span.Length, message))) _problems.Add(new TerraformEvaluationProblem(file, span, message));
    }

    /// <summary>Values a root module's variables get from <c>.tfvars</c> files: later files win.</summary>
    private static Dictionary<string, HclValue> RootValues(TerraformModuleDirectory directory, IReadOnlyList<HclFile> varFiles)
    {
        var automatic = directory.VariablesFiles
            .Where(f => f.IsLoadedAutomatically)
            .OrderBy(f => TerraformPaths.FileName(f.File.Path) == "terraform.tfvars" ? 0 : 1)
            .ThenBy(f => f.File.Path, StringComparer.Ordinal)
            .Select(f => f.Syntax);
        var values = new Dictionary<string, HclValue>(StringComparer.Ordinal);
        foreach (HclFile file in automatic.Concat(varFiles))
        foreach (HclAttribute attribute in file.Body.Attributes)
        {
            if (directory.Variables.ContainsKey(attribute.Name)) values[attribute.Name] = TerraformEvaluator.Evaluate(attribute.Expression, _ => null);
        }
        return values;
    }

    /// <summary><c>var.x</c> and <c>local.x</c> that the module does not declare: Terraform rejects them, and here they are unknown.</summary>
    private void ReportUndeclaredReferences(TerraformModuleDirectory directory)
    {
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in directory.Files)
        foreach (var reference in HclTraversal.References(file.Syntax.Body))
        {
            if (reference.Traversal.Count < 2 || reference.Traversal[1] is not HclTraverseAttribute attribute) continue;
            bool undeclared = reference.RootName switch
            {
                "var" => !directory.Variables.ContainsKey(attribute.Name),
                "local" => !directory.Locals.ContainsKey(attribute.Name),
                _ => false,
            };
            if (!undeclared || !reported.Add(reference.RootName + "." + attribute.Name)) continue;
            string kind = reference.RootName == "var" ? $"variable \"{attribute.Name}\" block" : $"local value \"{attribute.Name}\"";
            AddProblem(file.File, TextSpan.FromBounds(reference.Span.Start, attribute.Span.End),
                $"{reference.RootName}.{attribute.Name} is not declared in this module (no {kind}), so its value is unknown.");
        }
        foreach (var cycle in directory.LocalCycles)
        {
            var first = directory.Locals[cycle[0]];
            AddProblem(first.File, first.Attribute.NameSpan,
                $"Local values refer to each other in a cycle ({string.Join(" → ", cycle.Concat(new[] { cycle[0] }).Select(n => "local." + n))}), so they are unknown.");
        }
    }
}
