using BenchmarkDotNet.Attributes;
using OpsTower.Policy.Engine;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Benchmarks;

/// <summary>
/// What the Roslyn analyzer does on each edit of an additional file: wrap the new text in a <see cref="SourceFile"/>
/// and call <see cref="PolicyEngine.AnalyzeFile"/> with the kind it classified (a cache miss in
/// <c>FileAnalysisCache</c>). One ~200-line Kubernetes manifest (Deployment, Service, PodDisruptionBudget, HPA,
/// ConfigMap, NetworkPolicy) and one ~30-line three-stage Dockerfile.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class KeystrokeBenchmarks
{
    private string _manifest = null!;
    private string _dockerfile = null!;
    private PolicyEngine _engine = null!;

    [GlobalSetup]
    public void Setup()
    {
        _manifest = Inputs.EditedManifest();
        _dockerfile = Inputs.Dockerfile(3);
        _engine = new PolicyEngine();
        var manifest = _engine.AnalyzeFile(new SourceFile("k8s/service-1.yaml", _manifest), FileKind.Kubernetes);
        var dockerfile = _engine.AnalyzeFile(new SourceFile("services/service-1/Dockerfile", _dockerfile), FileKind.Dockerfile);
        // Parse errors would make this a benchmark of error recovery; refuse them.
        if (manifest.Notifications.Count > 0 || dockerfile.Notifications.Count > 0)
            throw new InvalidOperationException(string.Join("; ", manifest.Notifications.Concat(dockerfile.Notifications).Select(n => n.Message)));
        Console.WriteLine($"// manifest: {_manifest.Split('\n').Length} lines, {manifest.Findings.Count} findings; Dockerfile: {_dockerfile.Split('\n').Length} lines, {dockerfile.Findings.Count} findings");
    }

    [Benchmark]
    public int KubernetesManifest() => _engine.AnalyzeFile(new SourceFile("k8s/service-1.yaml", _manifest), FileKind.Kubernetes).Findings.Count;

    [Benchmark]
    public int Dockerfile() => _engine.AnalyzeFile(new SourceFile("services/service-1/Dockerfile", _dockerfile), FileKind.Dockerfile).Findings.Count;
}
