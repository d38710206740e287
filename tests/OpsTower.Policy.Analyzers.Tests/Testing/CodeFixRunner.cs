using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace OpsTower.Policy.Analyzers.Tests.Testing;

/// <summary>
/// Code fixes on additional documents. The analyzer-testing framework cannot drive them, so this builds an
/// <see cref="AdhocWorkspace"/>, runs the analyzer on the project's additional document, applies the fix's operations
/// and analyses the changed document again.
/// </summary>
public static class CodeFixRunner
{
    /// <summary>
    /// Applies the fix titled <paramref name="title"/> to the one <paramref name="id"/> finding of the text and returns
    /// the fixed text, after checking that the finding is gone from it.
    /// </summary>
    public static async Task<string> FixAsync(CodeFixProvider provider, string path, string text, string id, string title)
    {
        var (document, diagnostics) = await AnalyzeAsync(path, text);
        var actions = await CollectFixesAsync(provider, document, new[] { diagnostics.Single(d => d.Id == id) });
        var action = actions.Should().ContainSingle(a => a.Title == title).Subject;

        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        string fixedText = (await changed.GetAdditionalDocument(document.Id)!.GetTextAsync()).ToString();

        var (_, after) = await AnalyzeAsync(path, fixedText);
        after.Should().NotContain(d => d.Id == id);
        return fixedText;
    }

    /// <summary>The fixes the provider offers for the text's findings of the given ids.</summary>
    public static async Task<List<CodeAction>> FixesAsync(CodeFixProvider provider, string path, string text, params string[] ids)
    {
        var (document, diagnostics) = await AnalyzeAsync(path, text);
        var found = diagnostics.Where(d => ids.Contains(d.Id)).ToList();
        found.Should().NotBeEmpty("the text is to have a finding the provider is asked about");
        return await CollectFixesAsync(provider, document, found);
    }

    private static async Task<List<CodeAction>> CollectFixesAsync(CodeFixProvider provider, TextDocument document, IEnumerable<Diagnostic> diagnostics)
    {
        var actions = new List<CodeAction>();
        foreach (var diagnostic in diagnostics)
            await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        return actions;
    }

    private static async Task<(TextDocument Document, ImmutableArray<Diagnostic> Diagnostics)> AnalyzeAsync(string path, string text)
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var documentId = DocumentId.CreateNewId(projectId);
        var solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "Consumer", "Consumer", LanguageNames.CSharp))
            .AddMetadataReference(projectId, MetadataReference.CreateFromFile(typeof(object).Assembly.Location))
            .AddAdditionalDocument(documentId, Path.GetFileName(path), SourceText.From(text), filePath: path);
        var project = solution.GetProject(projectId)!;
        var compilation = (await project.GetCompilationAsync())!;
        var options = new AnalyzerOptions(project.AnalyzerOptions.AdditionalFiles,
            new GlobalOptionsProvider(new Dictionary<string, string> { ["build_property.OpsTowerPolicyRoot"] = Verify.Root }));
        var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new PolicyAnalyzer()), options)
            .GetAnalyzerDiagnosticsAsync();
        return (solution.GetAdditionalDocument(documentId)!, diagnostics);
    }
}
