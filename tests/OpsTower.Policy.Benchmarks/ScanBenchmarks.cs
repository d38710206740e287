using System.Text;
using BenchmarkDotNet.Attributes;
using OpsTower.Policy.Engine;

namespace OpsTower.Policy.Benchmarks;

/// <summary>
/// A whole <see cref="PolicyEngine.Scan"/> of a generated 500-file repository in a temporary folder, with a new engine
/// each time (as one CLI run): 200 Dockerfiles, 200 Kubernetes manifests, 50 Terraform root modules, 30 workflows,
/// 16 package.json files, compose, CODEOWNERS, codecov and pre-commit configs. Files/s is 500 divided by the mean in
/// seconds; the setup prints the total size for MB/s. The OS file cache is warm after the first iteration.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class ScanBenchmarks
{
    private string _root = null!;

    [GlobalSetup]
    public void Setup()
    {
        _root = Path.Combine(Path.GetTempPath(), "opstower-bench-" + Guid.NewGuid().ToString("N"));
        long bytes = 0;
        int files = 0;
        void Write(string relativePath, string text)
        {
            string path = Path.Combine(_root, relativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text, new UTF8Encoding(false));
            bytes += Encoding.UTF8.GetByteCount(text);
            files++;
        }

        for (int i = 0; i < 200; i++) Write($"services/service-{i}/Dockerfile", Inputs.Dockerfile(i));
        for (int i = 0; i < 200; i++) Write($"k8s/service-{i}.yaml", Inputs.Deployment(i));
        for (int i = 0; i < 50; i++) Write($"terraform/env-{i}/main.tf", Inputs.Terraform(i));
        for (int i = 0; i < 30; i++) Write($".github/workflows/service-{i}.yml", Inputs.Workflow(i));
        for (int i = 0; i < 16; i++)
            Write($"services/service-{i}/package.json",
                $$"""{ "name": "service-{{i}}", "scripts": { "test": "jest" }, "jest": { "coverageThreshold": { "global": { "lines": {{70 + i}} } } } }""");
        Write("docker-compose.yml", Inputs.Compose);
        Write(".github/CODEOWNERS", Inputs.CodeOwners);
        Write("codecov.yml", "coverage:\n  status:\n    project:\n      default:\n        target: 80%\n");
        Write(".pre-commit-config.yaml", "repos:\n  - repo: https://github.com/gitleaks/gitleaks\n    rev: v8.18.4\n    hooks:\n      - id: gitleaks\n");

        var result = Scan();
        Console.WriteLine($"// {files} files written, {result.Files.Count} analysed, {bytes} bytes, {result.Findings.Count} findings, {result.Notifications.Count} notifications");
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    [Benchmark]
    public int ScanRepository() => Scan().Findings.Count;

    private ScanResult Scan() => new PolicyEngine().Scan(new ScanOptions { RootDirectory = _root, Paths = new[] { _root } });
}
