using BenchmarkDotNet.Attributes;
using OpsTower.Policy.Engine;
using OpsTower.Policy.Formats.Kubernetes;
using OpsTower.Policy.Formats.Yaml;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Benchmarks;

/// <summary>
/// One 1 MB multi-document Kubernetes file (about 300 Deployments with full pod specs, anchors, aliases, a merge key
/// and comments): the YAML loader alone, the Kubernetes model on top of it, and the engine's <c>AnalyzeFile</c> with
/// every baseline rule. The input is 1 MB, so MB/s is 1 divided by the mean in seconds.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class KubernetesBenchmarks
{
    private SourceFile _file = null!;
    private PolicyEngine _engine = null!;

    [GlobalSetup]
    public void Setup()
    {
        _file = new SourceFile("k8s/fleet.yaml", Inputs.KubernetesStream(1_000_000));
        _engine = new PolicyEngine();
        // A generator mistake would turn the run into a benchmark of error recovery; refuse it instead.
        var parsed = KubernetesParser.Parse(_file);
        if (parsed.Diagnostics.Count > 0 || parsed.Objects.Count < 250)
            throw new InvalidOperationException($"Generated manifest: {parsed.Objects.Count} objects, {parsed.Diagnostics.Count} diagnostics.");
        Console.WriteLine($"// {_file.Text.Length} chars, {_file.LineCount} lines, {parsed.Objects.Count} objects, {parsed.Yaml.Comments.Count} comments");
    }

    [Benchmark]
    public int LoadYaml() => YamlLoader.Load(_file).Documents.Count;

    [Benchmark]
    public int Parse() => KubernetesParser.Parse(_file).Objects.Count;

    [Benchmark]
    public int ParseAndCheck() => _engine.AnalyzeFile(_file, FileKind.Kubernetes).Findings.Count;
}
