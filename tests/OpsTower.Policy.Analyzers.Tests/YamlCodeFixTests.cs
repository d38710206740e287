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

/// <summary>OTP4008's and OTP2002's fixes on the workflow additional document, through an <see cref="AdhocWorkspace"/> like <see cref="CodeFixTests"/>.</summary>
public class YamlCodeFixTests
{
    private const string Path = "/repo/.github/workflows/ci.yml";
    private const string Title = "Set 'persist-credentials: false' on the checkout";

    [Fact]
    public async Task A_checkout_without_with_gets_one()
    {
        string fixedText = await FixAsync(FormatAnalyzerTests.CheckoutThenUpload);
        fixedText.Should().Be(FormatAnalyzerTests.CheckoutThenUpload.Replace(
            "# v4.2.2\n",
            "# v4.2.2\n        with:\n          persist-credentials: false\n"));
    }

    [Fact]
    public async Task A_checkout_with_other_inputs_gets_the_key_under_its_with()
    {
        const string text =
            "on: push\r\npermissions:\r\n  contents: read\r\njobs:\r\n  build:\r\n    runs-on: ubuntu-latest\r\n    steps:\r\n" +
            "      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\r\n" +
            "        with:\r\n          fetch-depth: 0\r\n" +
            "      - uses: actions/upload-artifact@0123456789abcdef0123456789abcdef01234567 # v4\r\n" +
            "        with:\r\n          path: .\r\n";
        string fixedText = await FixAsync(text);
        fixedText.Should().Be(text.Replace("        with:\r\n          fetch-depth: 0\r\n", "        with:\r\n          persist-credentials: false\r\n          fetch-depth: 0\r\n"));
    }

    private const string PodHead = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: worker\n  namespace: ops-tower\nspec:\n  containers:\n";

    [Fact]
    public async Task A_container_without_securityContext_gets_one_with_the_key()
    {
        string fixedText = await FixAsync(PodHead + "  - name: app\n    image: ops-tower/app:1.0.0\n", "/repo/deploy/pod.yaml", "OTP2002", new KubernetesCodeFixProvider(), KubernetesCodeFixProvider.Title);
        fixedText.Should().Be(PodHead + "  - name: app\n    securityContext:\n      allowPrivilegeEscalation: false\n    image: ops-tower/app:1.0.0\n");
    }

    [Fact]
    public async Task An_existing_securityContext_gets_the_key()
    {
        string fixedText = await FixAsync(PodHead + "  - name: app\n    image: ops-tower/app:1.0.0\n    securityContext:\n        runAsNonRoot: true\n", "/repo/deploy/pod.yaml", "OTP2002", new KubernetesCodeFixProvider(), KubernetesCodeFixProvider.Title);
        fixedText.Should().Be(PodHead + "  - name: app\n    image: ops-tower/app:1.0.0\n    securityContext:\n        allowPrivilegeEscalation: false\n        runAsNonRoot: true\n");
    }

    [Theory]
    [InlineData("true")]
    [InlineData("\"false\"")]
    public async Task A_wrong_value_becomes_false(string value)
    {
        string fixedText = await FixAsync(PodHead + "  - name: app\n    securityContext:\n      allowPrivilegeEscalation: " + value + "\n", "/repo/deploy/pod.yaml", "OTP2002", new KubernetesCodeFixProvider(), KubernetesCodeFixProvider.Title);
        fixedText.Should().Be(PodHead + "  - name: app\n    securityContext:\n      allowPrivilegeEscalation: false\n");
    }

    [Fact]
    public void The_provider_is_exported_for_additional_documents()
    {
        var export = typeof(WorkflowCodeFixProvider).GetCustomAttribute<ExportCodeFixProviderAttribute>()!;
        export.DocumentKinds.Should().Contain(nameof(TextDocumentKind.AdditionalDocument));
    }

    private static Task<string> FixAsync(string text) => FixAsync(text, Path, "OTP4008", new WorkflowCodeFixProvider(), Title);

    private static async Task<string> FixAsync(string text, string path, string id, CodeFixProvider provider, string title)
    {
        var (document, diagnostics) = await AnalyzeAsync(text, path);
        var diagnostic = diagnostics.Single(d => d.Id == id);
        var actions = new List<CodeAction>();
        await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        var action = actions.Should().ContainSingle(a => a.Title == title).Subject;

        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        string fixedText = (await changed.GetAdditionalDocument(document.Id)!.GetTextAsync()).ToString();

        var (_, after) = await AnalyzeAsync(fixedText, path);
        after.Should().NotContain(d => d.Id == id);
        return fixedText;
    }

    private static async Task<(TextDocument Document, ImmutableArray<Diagnostic> Diagnostics)> AnalyzeAsync(string text, string path)
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var documentId = DocumentId.CreateNewId(projectId);
        var solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "Consumer", "Consumer", LanguageNames.CSharp))
            .AddMetadataReference(projectId, MetadataReference.CreateFromFile(typeof(object).Assembly.Location))
            .AddAdditionalDocument(documentId, System.IO.Path.GetFileName(path), SourceText.From(text), filePath: path);
        var project = solution.GetProject(projectId)!;
        var compilation = (await project.GetCompilationAsync())!;
        var options = new Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions(project.AnalyzerOptions.AdditionalFiles,
            new GlobalOptionsProvider(new Dictionary<string, string> { ["build_property.OpsTowerPolicyRoot"] = "/repo" }));
        var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer>(new PolicyAnalyzer()), options)
            .GetAnalyzerDiagnosticsAsync();
        return (solution.GetAdditionalDocument(documentId)!, diagnostics);
    }
}
