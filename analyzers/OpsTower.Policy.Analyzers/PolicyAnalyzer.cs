using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using OpsTower.Policy.Engine;
using OpsTower.Policy.Formats.Kubernetes;
using OpsTower.Policy.Rules;
using EngineSpan = OpsTower.Policy.Text.TextSpan;
using EnginePositionSpan = OpsTower.Policy.Text.LinePositionSpan;

namespace OpsTower.Policy.Analyzers;

/// <summary>
/// Runs the OpsTower.Policy engine on each of the project's AdditionalFiles and reports its findings there, with the
/// same rule ids, messages and spans as the CLI. Which files are additional files is the package's build targets'
/// business (Dockerfiles, Terraform, Kubernetes and compose YAML, workflows… under the project).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp, LanguageNames.VisualBasic)]
public sealed class PolicyAnalyzer : DiagnosticAnalyzer
{
    private readonly PolicyDiagnostics.Catalog _catalog;

    public PolicyAnalyzer()
    {
        _catalog = PolicyDiagnostics.BuiltIn;
    }

    /// <summary>An analyzer for another rule catalog (tests, and teams that add rules of their own).</summary>
    internal PolicyAnalyzer(RuleCatalog rules)
    {
        _catalog = new PolicyDiagnostics.Catalog(rules);
    }

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => _catalog.All;

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    private void OnCompilationStart(CompilationStartAnalysisContext start)
    {
        var options = start.Options;
        if (options.AdditionalFiles.IsDefaultOrEmpty) return;
        var settings = AnalyzerSettings.From(options.AnalyzerConfigOptionsProvider.GlobalOptions);

        AdditionalText? policyFile = settings.PolicyFile is null ? null : options.AdditionalFiles.FirstOrDefault(f => settings.IsPolicyFile(f.Path));
        var policy = PolicyLoader.Load(settings, _catalog, policyFile, policyFile?.GetText(start.CancellationToken));
        var session = new Session(_catalog, settings, policy, options.AdditionalFiles);

        start.RegisterAdditionalFileAction(session.AnalyzeFile);
        if (policy.Engine is null || _catalog.RepositoryRuleIds.Count > 0)
            start.RegisterCompilationEndAction(session.AnalyzeRepository);
    }

    /// <summary>One compilation's view: its settings, policy and additional files.</summary>
    private sealed class Session
    {
        private readonly PolicyDiagnostics.Catalog _catalog;
        private readonly AnalyzerSettings _settings;
        private readonly LoadedPolicy _policy;
        private readonly ImmutableArray<AdditionalText> _files;
        private readonly Lazy<Dictionary<string, AdditionalText>> _byRelativePath;
        private readonly Lazy<HashSet<string>> _kustomizePatches;

        public Session(PolicyDiagnostics.Catalog catalog, AnalyzerSettings settings, LoadedPolicy policy, ImmutableArray<AdditionalText> files)
        {
            _catalog = catalog;
            _settings = settings;
            _policy = policy;
            _files = files;
            _byRelativePath = new Lazy<Dictionary<string, AdditionalText>>(() =>
            {
                var map = new Dictionary<string, AdditionalText>(StringComparer.Ordinal);
                foreach (var file in _files)
                {
                    string relative = _settings.RelativePath(file.Path);
                    if (!map.ContainsKey(relative)) map[relative] = file;
                }
                return map;
            }, LazyThreadSafetyMode.ExecutionAndPublication);
            _kustomizePatches = new Lazy<HashSet<string>>(() => KustomizePatches(CancellationToken.None), LazyThreadSafetyMode.ExecutionAndPublication);
        }

        public void AnalyzeFile(AdditionalFileAnalysisContext context)
        {
            var file = context.AdditionalFile;
            if (_policy.Engine is null || _settings.IsPolicyFile(file.Path)) return;
            if (!TryAnalyze(file, context.CancellationToken, out var text, out var analysis)) return;

            string relative = analysis.File!.Path;
            foreach (var finding in analysis.Findings)
            {
                // Repository rules are reported once, by the compilation-end action; a suppression comment silences a finding.
                if (finding.IsSuppressed || _catalog.RepositoryRuleIds.Contains(finding.RuleId) || !_catalog.ById.TryGetValue(finding.RuleId, out var descriptor)) continue;
                var location = string.Equals(finding.File.Path, relative, StringComparison.Ordinal)
                    ? CreateLocation(file.Path, text, finding.Span)
                    : LocateElsewhere(finding.File.Path, finding.Span, context.CancellationToken);
                if (location is null) continue;
                context.ReportDiagnostic(CreateDiagnostic(descriptor, finding, location, context.CancellationToken));
            }
            foreach (var notification in analysis.Notifications)
            {
                if (notification.Level == NotificationLevel.Note) continue;
                var span = notification.Position is { } position ? ToTextSpan(text, position) : new TextSpan(0, 0);
                context.ReportDiagnostic(Diagnostic.Create(PolicyDiagnostics.FileNotAnalyzed, CreateLocation(file.Path, text, span), notification.Message));
            }
        }

        /// <summary>
        /// The compilation-end action: the policy error (reported once, in the policy file when it has one), and the
        /// repository rules, which see every additional file at once through <see cref="PolicyEngine.Analyze"/>.
        /// </summary>
        public void AnalyzeRepository(CompilationAnalysisContext context)
        {
            if (_policy.Engine is null)
            {
                context.ReportDiagnostic(Diagnostic.Create(PolicyDiagnostics.PolicyError, PolicyErrorLocation(context.CancellationToken), _policy.Error));
                return;
            }
            if (_policy.RepositoryEngine is null) return;

            var sources = new List<OpsTower.Policy.Text.SourceFile>();
            var unrecognised = new List<AdditionalText>();
            foreach (var file in _files)
            {
                if (_settings.IsPolicyFile(file.Path)) continue;
                if (TryAnalyze(file, context.CancellationToken, out _, out var analysis)) sources.Add(analysis.File!);
                else unrecognised.Add(file);
            }
            sources.AddRange(TerraformSupportFiles(sources, unrecognised, context.CancellationToken));
            // One call per compilation over every recognised additional file (the texts come from the per-file cache).
            var result = _policy.RepositoryEngine.Analyze(sources, _settings.Root ?? "");
            foreach (var finding in result.Findings)
            {
                if (finding.IsSuppressed || !_catalog.RepositoryRuleIds.Contains(finding.RuleId) || !_catalog.ById.TryGetValue(finding.RuleId, out var descriptor)) continue;
                var location = LocateElsewhere(finding.File.Path, finding.Span, context.CancellationToken) ?? Location.None;
                context.ReportDiagnostic(CreateDiagnostic(descriptor, finding, location, context.CancellationToken));
            }
        }

        /// <summary>Classifies the file and takes its analysis from the cache, or runs the engine on it.</summary>
        private bool TryAnalyze(AdditionalText file, CancellationToken cancellationToken, out SourceText text, out FileAnalysis analysis)
        {
            text = null!;
            analysis = null!;
            string relative = _settings.RelativePath(file.Path);
            SourceText? sourceText = null;
            var kind = FileClassifier.Classify(relative, () =>
            {
                sourceText ??= file.GetText(cancellationToken);
                return sourceText is null ? null : sourceText.ToString(new TextSpan(0, Math.Min(4096, sourceText.Length)));
            });
            if (kind == FileKind.Unknown) return false;
            sourceText ??= file.GetText(cancellationToken);
            if (sourceText is null || sourceText.Length > AnalyzerSettings.MaxFileChars) return false;
            cancellationToken.ThrowIfCancellationRequested();

            var captured = sourceText;
            bool isPatch = kind == FileKind.Kubernetes && _kustomizePatches.Value.Contains(relative);
            analysis = FileAnalysisCache.GetOrAnalyze(_policy, relative, Checksums.Of(captured), () => captured.ToString(), kind, isPatch);
            if (analysis.File is null) return false;
            text = captured;
            return true;
        }

        /// <summary>
        /// Additional files of no format under a folder with <c>.tf</c> files (templates, JSON data), as text for
        /// Terraform's file functions, chosen and filtered as the CLI's scan does (<see cref="SupportFile"/>).
        /// </summary>
        private IEnumerable<OpsTower.Policy.Text.SourceFile> TerraformSupportFiles(
            List<OpsTower.Policy.Text.SourceFile> sources, List<AdditionalText> unrecognised, CancellationToken cancellationToken)
        {
            var besideModules = SupportFile.BesideTerraformModules(sources.Select(f => f.Path));
            foreach (var file in unrecognised)
            {
                string relative = _settings.RelativePath(file.Path);
                if (!besideModules(relative) || file.GetText(cancellationToken) is not { Length: <= SupportFile.MaxChars } text) continue;
                if (SupportFile.AsText(new OpsTower.Policy.Text.SourceFile(relative, text.ToString())) is { } support) yield return support;
            }
        }

        /// <summary>The files the compilation's kustomizations apply as strategic-merge patches, as the CLI finds them.</summary>
        private HashSet<string> KustomizePatches(CancellationToken cancellationToken)
        {
            var patches = new HashSet<string>(StringComparer.Ordinal);
            foreach (var file in _files)
            {
                string relative = _settings.RelativePath(file.Path);
                if (!Kustomization.IsKustomizationFile(relative) || file.GetText(cancellationToken) is not { } text) continue;
                patches.UnionWith(Kustomization.PatchPaths(new OpsTower.Policy.Text.SourceFile(relative, text.ToString())));
            }
            return patches;
        }

        private Diagnostic CreateDiagnostic(DiagnosticDescriptor descriptor, Finding finding, Location location, CancellationToken cancellationToken)
        {
            var related = finding.RelatedLocations
                .Select(r => LocateElsewhere(r.File.Path, r.Span, cancellationToken))
                .Where(l => l is not null)
                .Select(l => l!)
                .ToList();
            return Diagnostic.Create(descriptor, location, PolicyDiagnostics.ToSeverity(finding.Level), related, null, finding.Message);
        }

        /// <summary>A location in another additional file, by its engine path; null when it is not one.</summary>
        private Location? LocateElsewhere(string relativePath, EngineSpan span, CancellationToken cancellationToken)
        {
            if (!_byRelativePath.Value.TryGetValue(relativePath, out var other)) return null;
            var text = other.GetText(cancellationToken);
            return text is null ? null : CreateLocation(other.Path, text, span);
        }

        private Location PolicyErrorLocation(CancellationToken cancellationToken)
        {
            if (_policy.ErrorFile is null) return Location.None;
            var file = _files.FirstOrDefault(f => f.Path == _policy.ErrorFile);
            var text = file?.GetText(cancellationToken);
            if (file is null || text is null) return Location.None;
            var span = new TextSpan(0, 0);
            if (_policy.ErrorLine > 0 && _policy.ErrorLine <= text.Lines.Count)
            {
                var line = text.Lines[_policy.ErrorLine - 1];
                int start = Math.Min(line.Start + Math.Max(0, _policy.ErrorColumn - 1), line.End);
                span = TextSpan.FromBounds(start, line.End);
            }
            return CreateLocation(file.Path, text, span);
        }
    }

    private static Location CreateLocation(string path, SourceText text, EngineSpan span) =>
        CreateLocation(path, text, TextSpan.FromBounds(Math.Min(span.Start, text.Length), Math.Min(span.End, text.Length)));

    private static Location CreateLocation(string path, SourceText text, TextSpan span) =>
        Location.Create(path, span, text.Lines.GetLinePositionSpan(span));

    /// <summary>The engine's 1-based line and column span as offsets in the text.</summary>
    private static TextSpan ToTextSpan(SourceText text, EnginePositionSpan position)
    {
        int Offset(OpsTower.Policy.Text.LinePosition p)
        {
            if (p.Line > text.Lines.Count) return text.Length;
            var line = text.Lines[p.Line - 1];
            return Math.Min(line.Start + p.Column - 1, line.EndIncludingLineBreak);
        }
        int start = Offset(position.Start);
        return TextSpan.FromBounds(start, Math.Max(start, Offset(position.End)));
    }
}
