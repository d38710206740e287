using OpsTower.Policy.Engine;
using OpsTower.Policy.Formats.Kubernetes;
using OpsTower.Policy.Formats.Yaml;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Tests.Formats.Kubernetes;

public sealed class KubernetesParserTests
{
    private static KubernetesFile Parse(string text, string path = "k8s/app.yaml") => KubernetesParser.Parse(new SourceFile(path, text));

    [Theory]
    [InlineData("Pod", "v1", "spec:\n  containers: [{name: c}]\n")]
    [InlineData("Deployment", "apps/v1", "spec:\n  template:\n    spec:\n      containers: [{name: c}]\n")]
    [InlineData("Job", "batch/v1", "spec:\n  template:\n    spec:\n      containers: [{name: c}]\n")]
    [InlineData("CronJob", "batch/v1", "spec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers: [{name: c}]\n")]
    [InlineData("Rollout", "argoproj.io/v1alpha1", "spec:\n  template:\n    spec:\n      containers: [{name: c}]\n")]
    [InlineData("ReplicationController", "v1", "spec:\n  template:\n    spec:\n      containers: [{name: c}]\n")]
    [InlineData("PodTemplate", "v1", "template:\n  spec:\n    containers: [{name: c}]\n")]
    [InlineData("MyWorkload", "example.com/v1", "spec:\n  template:\n    spec:\n      containers: [{name: c}]\n")]
    public void Finds_the_pod_spec_of_every_workload_kind(string kind, string apiVersion, string body)
    {
        var file = Parse($"apiVersion: {apiVersion}\nkind: {kind}\nmetadata:\n  name: w\n{body}");
        var pod = file.PodSpecs.Should().ContainSingle().Subject;
        pod.Owner.Kind.Should().Be(kind);
        pod.Containers.Should().ContainSingle().Which.Name.Should().Be("c");
    }

    [Fact]
    public void Objects_without_a_pod_template_have_no_pod_spec()
    {
        var file = Parse("apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  template: {}\n---\nkind: NoApiVersion\n");
        file.Objects.Should().ContainSingle().Which.PodSpec.Should().BeNull();
    }

    [Fact]
    public void List_items_are_objects_of_their_own()
    {
        var file = Parse("apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: a}\n  spec: {containers: [{name: c}]}\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: b}\n");
        file.Objects.Select(o => o.DisplayName).Should().Equal("List", "Pod/a", "ConfigMap/b");
        file.PodSpecs.Should().ContainSingle();
    }

    [Fact]
    public void Containers_init_containers_and_ephemeral_containers_are_all_listed()
    {
        var file = Parse("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  initContainers: [{name: i}]\n  containers: [{name: c}]\n  ephemeralContainers: [{name: e}]\n");
        file.PodSpecs.Single().Containers.Select(c => (c.Name, c.Kind)).Should().Equal(
            ("i", ContainerKind.InitContainer), ("c", ContainerKind.Container), ("e", ContainerKind.EphemeralContainer));
    }

    [Fact]
    public void Security_settings_are_inherited_from_the_pod_and_overridden_by_the_container()
    {
        var file = Parse("""
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              securityContext:
                runAsUser: 1000
                runAsNonRoot: true
                seccompProfile: {type: RuntimeDefault}
              containers:
              - name: inherits
              - name: overrides
                securityContext:
                  runAsUser: 0
                  allowPrivilegeEscalation: false
            """);
        var containers = file.PodSpecs.Single().Containers;
        var inherits = containers[0];
        inherits.Security("runAsUser")!.FromPod.Should().BeTrue();
        ((YamlScalar)inherits.Security("runAsUser")!.Value).Value.Should().Be("1000");
        inherits.Security("allowPrivilegeEscalation").Should().BeNull("the pod securityContext has no such field");

        var overrides = containers[1];
        overrides.Security("runAsUser")!.FromPod.Should().BeFalse();
        ((YamlScalar)overrides.Security("runAsUser")!.Value).Value.Should().Be("0");
        overrides.Security("runAsNonRoot")!.FromPod.Should().BeTrue();
        overrides.Security("seccompProfile")!.FromPod.Should().BeTrue();
    }

    [Fact]
    public void Capabilities_and_privileged_are_not_inherited_from_the_pod()
    {
        var file = Parse("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext: {privileged: true, capabilities: {drop: [ALL]}}\n  containers: [{name: c}]\n");
        var container = file.PodSpecs.Single().Containers.Single();
        container.Security("privileged").Should().BeNull();
        container.Security("capabilities").Should().BeNull();
    }

    [Fact]
    public void A_templated_file_that_is_not_yaml_becomes_a_note()
    {
        var file = Parse("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n{{- if .Values.x }}\nspec: {}\n{{- end }}\n");
        file.Objects.Should().BeEmpty();
        file.Diagnostics.Should().ContainSingle().Which.Severity.Should().Be(DiagnosticSeverity.Info);
    }

    [Fact]
    public void Invalid_yaml_without_templates_is_an_error()
    {
        var file = Parse("apiVersion: v1\nkind: Pod\nmetadata: [\n");
        file.Diagnostics.Should().Contain(d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void A_vault_hcl_config_map_key_is_an_embedded_document_mapped_to_the_outer_lines()
    {
        const string text = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: vault-config
              namespace: vault
            data:
              vault.hcl: |
                ui = true

                storage "postgresql" {
                  connection_url = "postgres://vault:password@postgres:5432/vault?sslmode=require"
                }
              README.md: not embedded
            """;
        var file = Parse(text);
        var embedded = file.EmbeddedDocuments.Should().ContainSingle().Subject;
        embedded.Language.Should().Be("hcl");
        embedded.Description.Should().Be("ConfigMap vault/vault-config, key vault.hcl");
        embedded.Source.Inner.Text.Should().StartWith("ui = true\n\nstorage \"postgresql\" {\n");
        // No HCL parser yet: the document is found and mapped but not checked (the Vault work gives it a kind).
        embedded.Kind.Should().Be(FileKind.Hcl);

        var inner = embedded.Source.Inner;
        int password = inner.Text.IndexOf("password", StringComparison.Ordinal);
        inner.GetPosition(password).Should().Be(new LinePosition(4, 38));
        var outer = embedded.Source.MapSpan(new TextSpan(password, "password".Length));
        file.File.GetPositionSpan(outer).Should().Be(new LinePositionSpan(new LinePosition(11, 42), new LinePosition(11, 50)));
        file.File.GetText(outer).Should().Be("password");
    }

    [Theory]
    [InlineData("manifest.yaml", "apiVersion: v1\nkind: Pod\n", FileKind.Kubernetes)]
    [InlineData("settings.json", "{\"apiVersion\": \"v1\", \"kind\": \"Pod\"}", FileKind.Kubernetes)]
    [InlineData("stack.yml", "services:\n  web:\n    image: nginx:1.25\n", FileKind.Compose)]
    [InlineData("values.yaml", "replicaCount: 2\n", FileKind.Unknown)]
    [InlineData("nginx.conf", "server { listen 80; }\n", FileKind.Unknown)]
    public void Embedded_documents_get_a_kind_from_their_key_and_content(string key, string content, FileKind expected)
    {
        var indented = string.Join("\n", content.TrimEnd('\n').Split('\n').Select(l => "    " + l));
        var file = Parse($"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: c}}\ndata:\n  {key}: |\n{indented}\n");
        file.EmbeddedDocuments.Should().ContainSingle().Which.Kind.Should().Be(expected);
    }

    [Theory]
    [InlineData("k8s/deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\n", FileKind.Kubernetes)]
    [InlineData("docker-compose.yml", "version: '3.8'\n", FileKind.Compose)]
    [InlineData("compose.override.yaml", "services: {}\n", FileKind.Compose)]
    [InlineData("dev/stack.yml", "services:\n  web:\n    image: nginx:1.25\n", FileKind.Compose)]
    [InlineData("charts/app/templates/deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n", FileKind.HelmTemplate)]
    [InlineData("charts/app/values.yaml", "replicaCount: 2\n", FileKind.Unknown)]
    [InlineData(".github/workflows/ci.yml", "on: push\njobs: {}\n", FileKind.GitHubWorkflow)]
    [InlineData(".github/dependabot.yml", "apiVersion: v1\nkind: Pod\n", FileKind.Unknown)]
    [InlineData(".pre-commit-config.yaml", "repos: []\n", FileKind.PreCommitConfig)]
    [InlineData("overlays/prod/kustomization.yaml", "resources:\n- ../../base\n", FileKind.Unknown)]
    [InlineData("overlays/prod/patch.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n", FileKind.Kubernetes)]
    [InlineData("examples/pod.yaml", "# a pod\n---\n{\n  apiVersion: v1,\n  kind: Pod,\n  metadata: {name: web}\n}\n", FileKind.Kubernetes)]
    [InlineData("examples/pod.yaml", "{ \"apiVersion\": \"v1\", \"kind\": \"Pod\" }\n", FileKind.Kubernetes)]
    [InlineData("examples/flow.yaml", "{ name: web, kind: tool }\n", FileKind.Unknown)]
    [InlineData("examples/notes.yaml", "# apiVersion: v1\n# kind: Pod\n", FileKind.Unknown)]
    [InlineData("k8s/pod.json", "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"Pod\"\n}\n", FileKind.Kubernetes)]
    [InlineData("tsconfig.json", "{ \"compilerOptions\": { \"strict\": true } }\n", FileKind.Unknown)]
    [InlineData(".github/k8s/pod.json", "{ \"apiVersion\": \"v1\", \"kind\": \"Pod\" }\n", FileKind.Unknown)]
    public void Yaml_files_are_classified_by_path_and_content(string path, string head, FileKind expected)
    {
        FileClassifier.Classify(path, () => head).Should().Be(expected);
    }
}
