using OpsTower.Policy.Engine;
using OpsTower.Policy.Formats.Kubernetes;
using OpsTower.Policy.Tests.Testing;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Tests.Formats.Kubernetes;

public class KustomizationTests
{
    [Theory]
    [InlineData("kustomization.yaml", true)]
    [InlineData("overlays/prod/kustomization.yml", true)]
    [InlineData("overlays\\prod\\Kustomization", true)]
    [InlineData("overlays/prod/kustomization.yaml.bak", false)]
    [InlineData("my-kustomization.yaml", false)]
    public void Kustomization_files_are_known_by_name(string path, bool expected) =>
        Kustomization.IsKustomizationFile(path).Should().Be(expected);

    [Fact]
    public void Patch_paths_resolve_against_the_kustomization_folder()
    {
        var file = new SourceFile("deploy/overlays/prod/kustomization.yaml", """
            resources:
            - ../../base
            patches:
            - path: replicas.yaml
            - path: ./patches/../patches/limits.yaml
              target: {kind: Deployment}
            - patch: |-
                apiVersion: apps/v1
                kind: Deployment
            - path: ../../../../outside.yaml
            - path: /etc/absolute.yaml
            patchesStrategicMerge:
            - ../shared/env.yaml
            - |-
              apiVersion: apps/v1
              kind: Deployment
            patchesJson6902:
            - path: ops.yaml
            """);

        Kustomization.PatchPaths(file).Should().BeEquivalentTo(
            "deploy/overlays/prod/replicas.yaml",
            "deploy/overlays/prod/patches/limits.yaml",
            "deploy/overlays/shared/env.yaml");
    }

    [Fact]
    public void Broken_kustomization_yaml_lists_no_patches_and_does_not_throw()
    {
        Kustomization.PatchPaths(new SourceFile("kustomization.yaml", "patches: [path: {")).Should().BeEmpty();
    }

    private const string ProbelessPatch = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: user-service
        spec:
          template:
            spec:
              containers:
              - name: user-service
                resources:
                  limits: {memory: 1Gi}
        """;

    [Fact]
    public void A_scan_judges_a_listed_patch_by_what_it_writes_and_other_manifests_whole()
    {
        using var dir = new TempDirectory();
        dir.Write("overlays/prod/kustomization.yaml", "resources: [../../base]\npatches:\n- path: memory.yaml\n");
        dir.Write("overlays/prod/memory.yaml", ProbelessPatch);
        dir.Write("overlays/staging/memory.yaml", ProbelessPatch);

        var result = new PolicyEngine().Scan(new ScanOptions { RootDirectory = dir.Path, Paths = new[] { dir.Path } });

        result.Findings.Where(f => f.RuleId is "OTP2001" or "OTP2008" or "OTP2009").Select(f => f.File.Path).Distinct()
            .Should().Equal("overlays/staging/memory.yaml");
    }

    [Fact]
    public void In_memory_analysis_knows_patches_too()
    {
        var result = new PolicyEngine().Analyze(new[]
        {
            new SourceFile("kustomization.yaml", "patchesStrategicMerge:\n- memory.yaml\n"),
            new SourceFile("memory.yaml", ProbelessPatch),
        });

        result.Findings.Should().NotContain(f => f.RuleId == "OTP2009" || f.RuleId == "OTP2001");
    }
}
