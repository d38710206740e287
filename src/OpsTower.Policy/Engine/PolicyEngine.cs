using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using OpsTower.Policy.Engine.Discovery;
using OpsTower.Policy.Formats.Kubernetes;
using OpsTower.Policy.Policies;
using OpsTower.Policy.Rules;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Engine;

/// <summary>
/// Runs the policy's rules over files. The CLI, the Roslyn analyzers and library users all go through this class,
/// so they report the same findings for the same files.
/// </summary>
public sealed class PolicyEngine
{
    private readonly IReadOnlyList<ActiveRule> _activeRules;
    private readonly HashSet<string> _activeRuleIds;

    public PolicyEngine(PolicyPack? policy = null, RuleCatalog? catalog = null)
    {
        Policy = policy ?? PolicyPack.Baseline;
        Catalog = catalog ?? RuleCatalog.BuiltIn;
        _activeRules = Catalog.Rules
            .Where(r => Policy.IsEnabled(r.Descriptor))
            .Select(r => new ActiveRule(r, Policy.EffectiveLevel(r.Descriptor), Policy.ParametersFor(r.Descriptor)))
            .ToList();
        _activeRuleIds = new HashSet<string>(_activeRules.Select(r => r.Rule.Descriptor.Id), StringComparer.Ordinal);
    }

    public PolicyPack Policy { get; }
    public RuleCatalog Catalog { get; }

    /// <summary>The rules this engine runs, by id.</summary>
    public IReadOnlyList<RuleDescriptor> ActiveRules => _activeRules.Select(r => r.Rule.Descriptor).ToList();

    /// <summary>Discovers files under the options' paths and analyses each recognised one.</summary>
    public ScanResult Scan(ScanOptions options)
    {
        string root = Path.GetFullPath(options.RootDirectory ?? Directory.GetCurrentDirectory());
        var paths = options.Paths.Count == 0 ? new[] { root } : options.Paths;
        var discovered = FileDiscovery.Discover(root, paths, options.Discovery);

        var patches = KustomizePatches(discovered
            .Where(d => Kustomization.IsKustomizationFile(d.RelativePath))
            .Select(d => ReadSmallFile(d, options.MaxFileBytes))
            .Where(f => f is not null)!);
        var perFile = new FileAnalysis?[discovered.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxDegreeOfParallelism) };
        Parallel.For(0, discovered.Count, parallel, i => perFile[i] = AnalyzeDiscovered(discovered[i], options.MaxFileBytes, patches));
        var supportFiles = TerraformSupportFiles(discovered, perFile);
        return Combine(root, perFile.Where(a => a is not null)!, supportFiles);
    }

    /// <summary>
    /// The files no format claims under a folder holding <c>.tf</c> files (a module's <c>templates/init.sh.tftpl</c>,
    /// <c>policy.json</c>…), for the Terraform evaluator's file functions. Only their paths are taken here: a file is
    /// read when a function asks for it (a root module at the repository top would otherwise read the whole tree).
    /// Binary files (a NUL in the text) and files over 1 MiB read as null. They are not part of the scan's files and
    /// get no findings.
    /// </summary>
    private static List<SupportFile> TerraformSupportFiles(IReadOnlyList<DiscoveredFile> discovered, FileAnalysis?[] analyses)
    {
        var besideModules = SupportFile.BesideTerraformModules(discovered.Select(d => d.RelativePath));
        var support = new List<SupportFile>();
        for (int i = 0; i < discovered.Count; i++)
        {
            var file = discovered[i];
            if (analyses[i] is not null || !besideModules(file.RelativePath)) continue;
            support.Add(new SupportFile(file.RelativePath, () => SupportFile.AsText(ReadSmallFile(file, SupportFile.MaxChars * 4L))));
        }
        return support;
    }

    /// <summary>Analyses files already in memory (the analyzer and tests use this).</summary>
    public ScanResult Analyze(IEnumerable<SourceFile> files, string rootDirectory = "")
    {
        var list = files.ToList();
        var patches = KustomizePatches(list.Where(f => Kustomization.IsKustomizationFile(f.Path)));
        var analyses = list.Select(f => AnalyzeFileAlone(f, isKustomizePatch: patches.Contains(f.Path))).ToList();
        // Files of no format are still there for Terraform's file functions to read.
        var supportFiles = analyses.Where(a => a.Kind == FileKind.Unknown && a.File is not null).Select(a => SupportFile.FromText(a.File!)).ToList();
        return Combine(rootDirectory, analyses.Where(a => a.Kind != FileKind.Unknown), supportFiles);
    }

    /// <summary>
    /// Classifies, parses and checks one file; an unrecognised file gives an empty analysis. Repository rules run
    /// on a repository of this file alone. Its suppression comments mark the findings they silence.
    /// </summary>
    /// <param name="isKustomizePatch">A kustomization lists the file as a strategic-merge patch (see <see cref="Formats.Kubernetes.Kustomization"/>).</param>
    public FileAnalysis AnalyzeFile(SourceFile file, FileKind? kind = null, bool isKustomizePatch = false)
    {
        var analysis = AnalyzeFileAlone(file, kind, isKustomizePatch);
        var (findings, notifications) = RunRepositoryRules(new[] { analysis });
        if (findings.Count == 0 && notifications.Count == 0 && analysis.Suppressions.Count == 0) return analysis;
        findings.AddRange(analysis.Findings);
        findings.Sort(Finding.Compare);
        var (marked, suppressionNotes) = SuppressionMatcher.Apply(findings, analysis.Suppressions, Catalog, _activeRuleIds);
        return new FileAnalysis(file, analysis.Kind, analysis.Document, marked,
            analysis.Notifications.Concat(notifications).Concat(suppressionNotes).ToList(), analysis.Suppressions);
    }

    /// <summary>
    /// The files that kustomizations apply as strategic-merge patches, by path. They are read before any other file is
    /// parsed, so that each patch is parsed as one.
    /// </summary>
    private static HashSet<string> KustomizePatches(IEnumerable<SourceFile> kustomizations)
    {
        var patches = new HashSet<string>(StringComparer.Ordinal);
        foreach (var kustomization in kustomizations)
            patches.UnionWith(Kustomization.PatchPaths(kustomization));
        return patches;
    }

    private static SourceFile? ReadSmallFile(DiscoveredFile discovered, long maxBytes)
    {
        try
        {
            // An unreadable or oversized kustomization is reported when the file itself is analysed.
            return new FileInfo(discovered.FullPath).Length > maxBytes ? null : new SourceFile(discovered.RelativePath, File.ReadAllText(discovered.FullPath, Encoding.UTF8));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Parses one file and runs the file rules on it and on the documents embedded in it.</summary>
    private FileAnalysis AnalyzeFileAlone(SourceFile file, FileKind? kind = null, bool isKustomizePatch = false)
    {
        var fileKind = kind ?? FileClassifier.Classify(file.Path, () => file.Text.Length > 4096 ? file.Text.Substring(0, 4096) : file.Text);
        var findings = new List<Finding>();
        var notifications = new List<ScanNotification>();
        if (fileKind == FileKind.Unknown) return new FileAnalysis(file, fileKind, null, findings, notifications);

        ParsedDocument? parsed;
        try
        {
            parsed = DocumentParsers.Parse(fileKind, file, isKustomizePatch);
        }
        catch (Exception e)
        {
            // Parsers report problems as diagnostics; an exception is our bug, and it must not end the scan.
            notifications.Add(new ScanNotification(NotificationLevel.Error, $"The {fileKind} parser failed: {e.GetType().Name}: {e.Message}", file.Path));
            return new FileAnalysis(file, fileKind, null, findings, notifications);
        }
        if (parsed is null) return new FileAnalysis(file, fileKind, null, findings, notifications);

        foreach (var diagnostic in parsed.Diagnostics)
            notifications.Add(new ScanNotification(NotificationLevelOf(diagnostic), diagnostic.Message, file.Path, file.GetPositionSpan(diagnostic.Span)));
        RunFileRules(parsed.Model, file, findings, notifications);
        var suppressions = SuppressionComments.Find(parsed, file).ToList();
        if (parsed.Model is IEmbeddedDocumentHost host)
            foreach (var embedded in host.EmbeddedDocuments) AnalyzeEmbedded(embedded, findings, notifications, suppressions);
        findings.Sort(Finding.Compare);
        suppressions.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
        return new FileAnalysis(file, fileKind, parsed, findings, notifications, suppressions);
    }

    private static NotificationLevel NotificationLevelOf(ParseDiagnostic diagnostic) => diagnostic.Severity switch
    {
        DiagnosticSeverity.Error => NotificationLevel.Error,
        DiagnosticSeverity.Warning => NotificationLevel.Warning,
        _ => NotificationLevel.Note,
    };

    /// <summary>Runs every active file rule that reads this model's type; a rule that throws becomes a notification on <paramref name="reportPath"/>.</summary>
    private void RunFileRules(object model, SourceFile file, List<Finding> findings, List<ScanNotification> notifications, string? reportPath = null)
    {
        foreach (var active in _activeRules)
        {
            if (!active.Rule.ModelType.IsInstanceOfType(model)) continue;
            var ruleFindings = new List<Finding>();
            try
            {
                active.Rule.Analyze(model, new RuleContext(active.Rule.Descriptor, active.Level, active.Parameters, file, ruleFindings));
                findings.AddRange(ruleFindings);
            }
            catch (Exception e)
            {
                notifications.Add(new ScanNotification(NotificationLevel.Error,
                    $"Rule {active.Rule.Descriptor.Id} failed on this file: {e.GetType().Name}: {e.Message}", reportPath ?? file.Path, ruleId: active.Rule.Descriptor.Id));
            }
        }
    }

    /// <summary>
    /// Parses a document embedded in a file (a config file in a ConfigMap) as its own format, runs that format's
    /// rules on it, and moves the findings, diagnostics and suppression comments to the outer file's positions.
    /// </summary>
    private void AnalyzeEmbedded(EmbeddedDocument embedded, List<Finding> findings, List<ScanNotification> notifications, List<SuppressionDirective> suppressions)
    {
        if (embedded.Kind == FileKind.Unknown) return;
        var source = embedded.Source;
        ParsedDocument? parsed;
        try
        {
            parsed = DocumentParsers.Parse(embedded.Kind, source.Inner);
        }
        catch (Exception e)
        {
            notifications.Add(new ScanNotification(NotificationLevel.Error,
                $"The {embedded.Kind} parser failed on {embedded.Description}: {e.GetType().Name}: {e.Message}", source.Outer.Path));
            return;
        }
        if (parsed is null) return;
        foreach (var diagnostic in parsed.Diagnostics)
            notifications.Add(new ScanNotification(NotificationLevelOf(diagnostic), $"{embedded.Description}: {diagnostic.Message}",
                source.Outer.Path, source.Outer.GetPositionSpan(source.MapSpan(diagnostic.Span))));

        // A comment in the embedded document (a '#' line in a ConfigMap's vault.hcl) suppresses like one in the file.
        suppressions.AddRange(SuppressionComments.Find(parsed, source.Inner).Select(d => d.MovedTo(source)));
        var innerFindings = new List<Finding>();
        RunFileRules(parsed.Model, source.Inner, innerFindings, notifications, source.Outer.Path);
        foreach (var finding in innerFindings)
        {
            var related = finding.RelatedLocations
                .Select(r => r.File == source.Inner ? new RelatedLocation(source.Outer, source.MapSpan(r.Span), r.Message) : r)
                .ToList();
            findings.Add(finding.File == source.Inner
                ? new Finding(finding.Rule, finding.Level, finding.Message, source.Outer, source.MapSpan(finding.Span), related)
                : finding);
        }
    }

    /// <summary>Runs the repository rules once over every parsed file (the documents embedded in them are not included).</summary>
    private (List<Finding> Findings, List<ScanNotification> Notifications) RunRepositoryRules(IReadOnlyList<FileAnalysis> analyses, IReadOnlyList<SupportFile>? supportFiles = null)
    {
        var findings = new List<Finding>();
        var notifications = new List<ScanNotification>();
        var rules = _activeRules.Where(r => r.Rule is RepositoryRule).ToList();
        if (rules.Count == 0) return (findings, notifications);

        var repository = new RepositoryModel(analyses
            .Where(a => a.File is not null && a.Document is not null)
            .Select(a => new RepositoryFile(a.File!, a.Kind, a.Document!.Model)), supportFiles);
        // Repository rules name the file of each finding; the context's own file is an empty stand-in.
        var noFile = new SourceFile("", "");
        foreach (var active in rules)
        {
            var ruleFindings = new List<Finding>();
            try
            {
                active.Rule.Analyze(repository, new RuleContext(active.Rule.Descriptor, active.Level, active.Parameters, noFile, ruleFindings));
                findings.AddRange(ruleFindings);
            }
            catch (Exception e)
            {
                notifications.Add(new ScanNotification(NotificationLevel.Error,
                    $"Rule {active.Rule.Descriptor.Id} failed on the repository: {e.GetType().Name}: {e.Message}", ruleId: active.Rule.Descriptor.Id));
            }
        }
        return (findings, notifications);
    }

    private FileAnalysis? AnalyzeDiscovered(DiscoveredFile discovered, long maxBytes, HashSet<string> kustomizePatches)
    {
        var kind = FileClassifier.Classify(discovered.RelativePath, () => ReadHead(discovered.FullPath));
        if (kind == FileKind.Unknown) return null;
        try
        {
            var info = new FileInfo(discovered.FullPath);
            if (info.Length > maxBytes)
            {
                return FileAnalysis.Skipped(discovered.RelativePath, kind,
                    new ScanNotification(NotificationLevel.Warning, $"Skipped: {info.Length} bytes is over the {maxBytes}-byte limit for one file.", discovered.RelativePath));
            }
            string text = File.ReadAllText(discovered.FullPath, Encoding.UTF8);
            return AnalyzeFileAlone(new SourceFile(discovered.RelativePath, text), kind, kustomizePatches.Contains(discovered.RelativePath));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return FileAnalysis.Skipped(discovered.RelativePath, kind,
                new ScanNotification(NotificationLevel.Error, $"Could not read the file: {e.Message}", discovered.RelativePath));
        }
    }

    private static string? ReadHead(string path)
    {
        try
        {
            using var reader = new StreamReader(path, Encoding.UTF8);
            var buffer = new char[4096];
            int read = reader.ReadBlock(buffer, 0, buffer.Length);
            return new string(buffer, 0, read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private ScanResult Combine(string root, IEnumerable<FileAnalysis> analyses, IReadOnlyList<SupportFile> supportFiles)
    {
        var list = analyses.ToList();
        var (repositoryFindings, repositoryNotifications) = RunRepositoryRules(list, supportFiles);
        var all = list.SelectMany(a => a.Findings).Concat(repositoryFindings).ToList();
        // Suppressions apply after the repository rules, so a comment can silence a cross-file finding in its file.
        var (findings, suppressionNotifications) = SuppressionMatcher.Apply(all, list.SelectMany(a => a.Suppressions), Catalog, _activeRuleIds);
        findings.Sort(Finding.Compare);
        var notifications = list.SelectMany(a => a.Notifications).Concat(repositoryNotifications).Concat(suppressionNotifications).ToList();
        notifications.Sort(ScanNotification.Compare);
        var files = list.Where(a => a.File is not null).Select(a => a.File!).OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        return new ScanResult(root, files, ActiveRules, findings, notifications);
    }

    private sealed record ActiveRule(Rule Rule, FindingLevel Level, RuleParameters Parameters);
}

/// <summary>What the engine made of one file.</summary>
public sealed class FileAnalysis
{
    internal FileAnalysis(SourceFile? file, FileKind kind, ParsedDocument? document, IReadOnlyList<Finding> findings, IReadOnlyList<ScanNotification> notifications,
        IReadOnlyList<SuppressionDirective>? suppressions = null)
    {
        File = file;
        Kind = kind;
        Document = document;
        Findings = findings;
        Notifications = notifications;
        Suppressions = suppressions ?? Array.Empty<SuppressionDirective>();
    }

    /// <summary>Null when the file could not be read.</summary>
    public SourceFile? File { get; }
    public FileKind Kind { get; }
    public ParsedDocument? Document { get; }
    public IReadOnlyList<Finding> Findings { get; }
    public IReadOnlyList<ScanNotification> Notifications { get; }

    /// <summary>The file's suppression comments.</summary>
    public IReadOnlyList<SuppressionDirective> Suppressions { get; }

    internal static FileAnalysis Skipped(string path, FileKind kind, ScanNotification why) =>
        new(null, kind, null, Array.Empty<Finding>(), new[] { why });
}
