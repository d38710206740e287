using System;
using System.Collections.Generic;
using System.Linq;
using OpsTower.Policy.Engine;
using OpsTower.Policy.Formats.Yaml;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Formats.Kubernetes;

/// <summary>Reads Kubernetes objects from a YAML file and finds their pod specs and embedded config files.</summary>
public static class KubernetesParser
{
    /// <summary>Lists nested in lists are read this deep.</summary>
    private const int MaxListDepth = 8;

    private static readonly string[] EmbeddedExtensions = { ".hcl", ".json", ".yaml", ".yml", ".conf" };

    /// <param name="isPatch">The file is a Kustomize patch (a kustomization lists it under <c>patches</c>).</param>
    public static KubernetesFile Parse(SourceFile file, bool isPatch = false)
    {
        var yaml = YamlLoader.Load(file);
        if (yaml.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error) && YamlLoader.LooksTemplated(file.Text))
        {
            var note = new ParseDiagnostic(DiagnosticSeverity.Info,
                "Skipped: the file holds '{{ }}' template expressions and is not valid YAML until rendered (render the chart and scan the output to check it).",
                new TextSpan(0, 0));
            return new KubernetesFile(file, yaml, Array.Empty<KubernetesObject>(), new[] { note }, Array.Empty<EmbeddedDocument>());
        }

        var objects = new List<KubernetesObject>();
        foreach (var document in yaml.Documents)
            if (document.Root is YamlMapping root) AddObject(objects, root, document.Index, 0);
        foreach (var obj in objects) obj.IsPatch = isPatch;

        var embedded = new List<EmbeddedDocument>();
        foreach (var obj in objects)
            if (obj.Kind == "ConfigMap" && obj.Group == "") AddEmbedded(file, obj, embedded);
        return new KubernetesFile(file, yaml, objects, yaml.Diagnostics, embedded);
    }

    /// <summary>True when a document of the YAML is a Kubernetes object (has scalar <c>apiVersion</c> and <c>kind</c>).</summary>
    public static bool HasObjects(YamlFile yaml) =>
        yaml.Documents.Any(d => d.Root is YamlMapping root && root.GetScalar("apiVersion") is not null && root.GetScalar("kind") is not null);

    private static void AddObject(List<KubernetesObject> objects, YamlMapping node, int documentIndex, int listDepth)
    {
        if (node.GetScalar("apiVersion") is not { } apiVersion || node.GetScalar("kind") is not { } kind) return;
        var obj = new KubernetesObject(node, apiVersion, kind, documentIndex);
        obj.PodSpec = FindPodSpec(obj);
        obj.PodSpecs = obj.PodSpec is { } workload ? new[] { workload } : OperatorPodTemplates(obj);
        objects.Add(obj);

        if (listDepth < MaxListDepth && kind.Value.EndsWith("List", StringComparison.Ordinal) && node.GetSequence("items") is { } items)
            foreach (var item in items.Items)
                if (item is YamlMapping itemNode) AddObject(objects, itemNode, documentIndex, listDepth + 1);
    }

    /// <summary>
    /// A Pod's spec, a CronJob's <c>jobTemplate.spec.template.spec</c>, a PodTemplate's <c>template.spec</c>, and
    /// otherwise any <c>spec.template.spec</c> with containers (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job,
    /// ReplicationController, Argo Rollout, and custom workloads built the same way).
    /// </summary>
    private static PodSpec? FindPodSpec(KubernetesObject obj)
    {
        var node = obj.Node;
        if (obj.Kind == "Pod" && obj.Group == "") return Make(obj, node);
        if (obj.Kind == "PodTemplate" && obj.Group == "") return Make(obj, node.GetMapping("template"));
        if (obj.Kind == "CronJob") return Make(obj, node.GetMapping("spec")?.GetMapping("jobTemplate")?.GetMapping("spec")?.GetMapping("template"));
        var template = node.GetMapping("spec")?.GetMapping("template");
        return template?.GetMapping("spec")?.Get("containers") is YamlSequence ? Make(obj, template) : null;
    }

    /// <summary>The pod spec under <paramref name="parent"/>'s <c>spec</c> key.</summary>
    private static PodSpec? Make(KubernetesObject owner, YamlMapping? parent, bool isOperatorTemplate = false) =>
        parent?.Find("spec") is { Value: YamlMapping spec } entry ? new PodSpec(owner, entry, spec, isOperatorTemplate) : null;

    /// <summary>
    /// Elastic ECK resources (Elasticsearch, Kibana, Beat, Agent, Logstash, ApmServer, EnterpriseSearch, Maps) carry
    /// <c>podTemplate</c>s the operator completes: <c>spec.podTemplate</c>, <c>spec.nodeSets[].podTemplate</c>,
    /// <c>spec.deployment.podTemplate</c>, <c>spec.daemonSet.podTemplate</c> and <c>spec.statefulSet.podTemplate</c>.
    /// </summary>
    private static IReadOnlyList<PodSpec> OperatorPodTemplates(KubernetesObject obj)
    {
        if (!obj.Group.EndsWith(".k8s.elastic.co", StringComparison.Ordinal) || obj.Node.GetMapping("spec") is not { } spec) return Array.Empty<PodSpec>();
        var templates = new List<YamlMapping?> { spec.GetMapping("podTemplate") };
        foreach (string workload in new[] { "deployment", "daemonSet", "statefulSet" })
            templates.Add(spec.GetMapping(workload)?.GetMapping("podTemplate"));
        if (spec.GetSequence("nodeSets") is { } nodeSets)
            templates.AddRange(nodeSets.Items.OfType<YamlMapping>().Select(n => n.GetMapping("podTemplate")));
        return templates.Select(t => Make(obj, t, isOperatorTemplate: true)).Where(p => p is not null).ToList()!;
    }

    private static void AddEmbedded(SourceFile file, KubernetesObject configMap, List<EmbeddedDocument> embedded)
    {
        if (configMap.Node.GetMapping("data") is not { } data) return;
        foreach (var entry in data.Entries)
        {
            if (entry.KeyText is not { } key || entry.Value is not YamlScalar { IsNull: false } value) continue;
            string? extension = EmbeddedExtensions.FirstOrDefault(e => key.EndsWith(e, StringComparison.OrdinalIgnoreCase));
            if (extension is null) continue;
            string language = extension == ".yml" ? "yaml" : extension.Substring(1);
            var source = new EmbeddedSource(file, $"{file.Path}#{configMap.Name}/{key}", value.Value, ScalarContent.MapOffsets(file, value));
            string where = $"ConfigMap {(configMap.Namespace is null ? "" : configMap.Namespace + "/")}{configMap.Name}, key {key}";
            embedded.Add(new EmbeddedDocument(source, EmbeddedFormats.KindOf(language, source.Inner), language, where));
        }
    }
}

/// <summary>Which parser reads an embedded document, by the language its key names and by its content.</summary>
public static class EmbeddedFormats
{
    /// <summary>
    /// YAML and JSON (JSON is YAML) are read as Kubernetes manifests or compose files when their content is one;
    /// HCL (a ConfigMap's vault.hcl) is read as HCL and checked by the Vault rules; .conf files have no parser yet.
    /// </summary>
    public static FileKind KindOf(string language, SourceFile inner)
    {
        switch (language)
        {
            case "yaml":
            case "json":
                var yaml = YamlLoader.Load(inner);
                if (KubernetesParser.HasObjects(yaml)) return FileKind.Kubernetes;
                return Compose.ComposeParser.HasServices(yaml) ? FileKind.Compose : FileKind.Unknown;
            case "hcl":
                return FileKind.Hcl;
            default:
                return FileKind.Unknown;
        }
    }
}
