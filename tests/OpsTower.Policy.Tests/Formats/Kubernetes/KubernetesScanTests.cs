using OpsTower.Policy.Engine;
using OpsTower.Policy.Formats.Kubernetes;
using OpsTower.Policy.Rules;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Tests.Formats.Kubernetes;

/// <summary>The engine's handling of Kubernetes files: repository rules across files, embedded documents, Helm templates.</summary>
public sealed class KubernetesScanTests
{
    private const string Workload = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: worker\n  namespace: ops-tower\nspec:\n  containers:\n  - name: app\n    image: app:1.0.0\n";
    private const string NetworkPolicy = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\n  namespace: ops-tower\nspec:\n  podSelector: {}\n";

    [Fact]
    public void Repository_rules_see_every_file_of_the_scan()
    {
        var engine = new PolicyEngine();
        var alone = engine.Analyze(new[] { new SourceFile("k8s/pod.yaml", Workload) });
        alone.Findings.Should().Contain(f => f.RuleId == "OTP2016" && f.File.Path == "k8s/pod.yaml" && f.Position.Start == new LinePosition(4, 9));

        var together = engine.Analyze(new[] { new SourceFile("k8s/pod.yaml", Workload), new SourceFile("k8s/network.yaml", NetworkPolicy) });
        together.Findings.Should().NotContain(f => f.RuleId == "OTP2016");
        together.ExecutionSuccessful.Should().BeTrue();
    }

    [Fact]
    public void A_repository_rule_that_throws_becomes_a_notification()
    {
        var engine = new PolicyEngine(catalog: new RuleCatalog(new Rule[] { new ThrowingRepositoryRule() }),
            policy: OpsTower.Policy.Policies.PolicyPack.Parse("name: t\nrules:\n  OTP2999: warning\n", "t.yaml"));
        var result = engine.Analyze(new[] { new SourceFile("k8s/pod.yaml", Workload) });
        result.Notifications.Should().ContainSingle(n => n.RuleId == "OTP2999" && n.Level == NotificationLevel.Error);
    }

    [Fact]
    public void Findings_in_an_embedded_manifest_land_at_the_outer_file_line()
    {
        const string text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: templates\ndata:\n  job.yaml: |\n    apiVersion: v1\n    kind: Pod\n    metadata:\n      name: inner\n    spec:\n      containers:\n      - name: app\n        image: app:latest\n";
        var analysis = new PolicyEngine().AnalyzeFile(new SourceFile("k8s/config.yaml", text));
        var finding = analysis.Findings.Should().ContainSingle(f => f.RuleId == "OTP2010").Subject;
        finding.File.Path.Should().Be("k8s/config.yaml");
        finding.Position.Should().Be(new LinePositionSpan(new LinePosition(14, 16), new LinePosition(14, 26)));
    }

    [Fact]
    public void Diagnostics_of_an_embedded_document_name_it_and_point_into_the_outer_file()
    {
        const string text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken\ndata:\n  pod.yaml: |\n    apiVersion: v1\n    kind: Pod\n    metadata:\n      name: x\n      name: y\n";
        var analysis = new PolicyEngine().AnalyzeFile(new SourceFile("k8s/config.yaml", text));
        var warning = analysis.Notifications.Should().ContainSingle(n => n.Level == NotificationLevel.Warning).Subject;
        warning.Message.Should().StartWith("ConfigMap broken, key pod.yaml: The key 'name' is repeated");
        warning.Position!.Value.Start.Should().Be(new LinePosition(11, 7));
    }

    [Fact]
    public void A_helm_template_is_skipped_with_a_note()
    {
        var analysis = new PolicyEngine().AnalyzeFile(new SourceFile("charts/app/templates/deployment.yaml",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: {{ .Values.image }}\n"));
        analysis.Kind.Should().Be(FileKind.HelmTemplate);
        analysis.Findings.Should().BeEmpty();
        analysis.Notifications.Should().ContainSingle().Which.Level.Should().Be(NotificationLevel.Note);
    }

    [Fact]
    public void The_third_document_of_a_file_reports_at_its_own_line()
    {
        var text = "apiVersion: v1\nkind: Service\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: b}\n---\n" + Workload.Replace("app:1.0.0", "app:latest");
        var finding = new PolicyEngine().AnalyzeFile(new SourceFile("k8s/all.yaml", text)).Findings.Single(f => f.RuleId == "OTP2010");
        finding.Position.Start.Should().Be(new LinePosition(17, 12));
    }

    private sealed class ThrowingRepositoryRule : RepositoryRule
    {
        public override RuleDescriptor Descriptor { get; } = new("OTP2999", "Throws", "Throws.", "Throws.", FindingLevel.Warning, 1.0, "Kubernetes", new[] { "test" }, "## Why\n## How to fix\n## Example\n");

        public override void Analyze(RepositoryModel repository, RuleContext context) =>
            throw new InvalidOperationException(repository.ModelsOf<KubernetesFile>().Count().ToString());
    }
}
