using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using OpsTower.Policy.Analyzers.CodeFixes;
using OpsTower.Policy.Analyzers.Tests.Testing;

namespace OpsTower.Policy.Analyzers.Tests;

/// <summary>
/// Code fixes on additional documents. The analyzer-testing framework cannot drive them, so these tests build an
/// <see cref="AdhocWorkspace"/>, run the analyzer on the project's additional document, apply the fix's operations
/// and analyse the changed document again.
/// </summary>
public class CodeFixTests
{
    private const string Path = "/repo/Dockerfile";

    [Fact]
    public async Task Root_user_becomes_an_unprivileged_uid()
    {
        string fixedText = await FixAsync("FROM node:20-alpine\nUSER root\nCMD [\"node\", \"index.js\"]\n", "OTP1001", "Run as an unprivileged user (USER 10001)");
        fixedText.Should().Be("FROM node:20-alpine\nUSER 10001\nCMD [\"node\", \"index.js\"]\n");
    }

    [Fact]
    public async Task Root_user_with_a_group_becomes_an_unprivileged_uid()
    {
        string fixedText = await FixAsync("FROM node:20-alpine\nUSER 0:0\n", "OTP1001", "Run as an unprivileged user (USER 10001)");
        fixedText.Should().Be("FROM node:20-alpine\nUSER 10001\n");
    }

    [Fact]
    public async Task A_final_stage_without_user_gets_one_with_the_files_line_endings()
    {
        string fixedText = await FixAsync("FROM node:20-alpine\r\nCMD [\"node\", \"index.js\"]", "OTP1001", "Add 'USER 10001' to the final stage");
        fixedText.Should().Be("FROM node:20-alpine\r\nCMD [\"node\", \"index.js\"]\r\nUSER 10001\r\n");
    }

    [Fact]
    public async Task Add_of_local_files_becomes_copy()
    {
        string fixedText = await FixAsync("FROM alpine:3.20\nadd app.sh /app/\nUSER 10001\n", "OTP1006", "Use COPY");
        fixedText.Should().Be("FROM alpine:3.20\ncopy app.sh /app/\nUSER 10001\n");
    }

    [Fact]
    public async Task No_fix_is_offered_for_a_user_that_is_not_root_by_name()
    {
        // USER ${APP_USER} is not reported; a rule the provider does not know gets no fix either.
        var (document, diagnostics) = await AnalyzeAsync("FROM alpine:latest\nUSER 10001\n");
        var actions = await CollectFixesAsync(document, diagnostics.Where(d => d.Id == "OTP1002"));
        actions.Should().BeEmpty();
    }

    [Fact]
    public void The_provider_is_exported_for_additional_documents()
    {
        var export = typeof(DockerfileCodeFixProvider).GetCustomAttribute<ExportCodeFixProviderAttribute>()!;
        export.DocumentKinds.Should().Contain(nameof(TextDocumentKind.AdditionalDocument));
        export.Languages.Should().Contain(LanguageNames.CSharp);
    }

    private static async Task<string> FixAsync(string text, string id, string title)
    {
        var (document, diagnostics) = await AnalyzeAsync(text);
        var diagnostic = diagnostics.Single(d => d.Id == id);
        var actions = await CollectFixesAsync(document, new[] { diagnostic });
        var action = actions.Should().ContainSingle(a => a.Title == title).Subject;

        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        var fixedDocument = changed.GetAdditionalDocument(document.Id)!;
        string fixedText = (await fixedDocument.GetTextAsync()).ToString();

        // The finding is gone from the fixed text.
        var (_, after) = await AnalyzeAsync(fixedText);
        after.Should().NotContain(d => d.Id == id);
        return fixedText;
    }

    private static async Task<List<CodeAction>> CollectFixesAsync(TextDocument document, IEnumerable<Diagnostic> diagnostics)
    {
        var provider = new DockerfileCodeFixProvider();
        var actions = new List<CodeAction>();
        foreach (var diagnostic in diagnostics.Where(d => provider.FixableDiagnosticIds.Contains(d.Id)))
        {
            var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
            await provider.RegisterCodeFixesAsync(context);
        }
        return actions;
    }

    private static async Task<(TextDocument Document, ImmutableArray<Diagnostic> Diagnostics)> AnalyzeAsync(string text)
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var documentId = DocumentId.CreateNewId(projectId);
        var solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "Consumer", "Consumer", LanguageNames.CSharp))
            .AddMetadataReference(projectId, MetadataReference.CreateFromFile(typeof(object).Assembly.Location))
            .AddAdditionalDocument(documentId, "Dockerfile", SourceText.From(text), filePath: Path);
        var project = solution.GetProject(projectId)!;
        var compilation = (await project.GetCompilationAsync())!;
        var options = new Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions(project.AnalyzerOptions.AdditionalFiles,
            new GlobalOptionsProvider(new Dictionary<string, string> { ["build_property.OpsTowerPolicyRoot"] = "/repo" }));
        var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer>(new PolicyAnalyzer()), options)
            .GetAnalyzerDiagnosticsAsync();
        return (solution.GetAdditionalDocument(documentId)!, diagnostics);
    }
}
