using System;
using System.Collections.Generic;
using OpsTower.Policy.Engine;
using OpsTower.Policy.Formats.Yaml;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Formats.Kubernetes;

/// <summary>A YAML file of Kubernetes objects: every document's object, the items of <c>kind: List</c>, and their pod specs.</summary>
public sealed class KubernetesFile : IEmbeddedDocumentHost
{
    public KubernetesFile(SourceFile file, YamlFile yaml, IReadOnlyList<KubernetesObject> objects, IReadOnlyList<ParseDiagnostic> diagnostics, IReadOnlyList<EmbeddedDocument> embeddedDocuments)
    {
        File = file;
        Yaml = yaml;
        Objects = objects;
        Diagnostics = diagnostics;
        EmbeddedDocuments = embeddedDocuments;
    }

    public SourceFile File { get; }
    public YamlFile Yaml { get; }

    /// <summary>In file order; a List's items follow it.</summary>
    public IReadOnlyList<KubernetesObject> Objects { get; }

    public IReadOnlyList<ParseDiagnostic> Diagnostics { get; }

    /// <summary>Config files held in ConfigMaps (keys ending .hcl, .json, .yaml, .yml, .conf).</summary>
    public IReadOnlyList<EmbeddedDocument> EmbeddedDocuments { get; }

    /// <summary>Every pod spec of every object: workloads' pod templates and operators' partial pod templates.</summary>
    public IEnumerable<PodSpec> PodSpecs
    {
        get
        {
            foreach (var obj in Objects)
            foreach (var pod in obj.PodSpecs)
                yield return pod;
        }
    }
}

/// <summary>One object (a document, or an item of a List).</summary>
public sealed class KubernetesObject
{
    internal KubernetesObject(YamlMapping node, YamlScalar apiVersion, YamlScalar kind, int documentIndex)
    {
        Node = node;
        ApiVersionNode = apiVersion;
        KindNode = kind;
        DocumentIndex = documentIndex;
        var metadata = node.GetMapping("metadata");
        NameNode = metadata?.GetScalar("name");
        NamespaceNode = metadata?.GetScalar("namespace");
    }

    public YamlMapping Node { get; }
    public YamlScalar ApiVersionNode { get; }
    public YamlScalar KindNode { get; }
    public YamlScalar? NameNode { get; }
    public YamlScalar? NamespaceNode { get; }

    /// <summary>The 0-based YAML document the object is in.</summary>
    public int DocumentIndex { get; }

    public string ApiVersion => ApiVersionNode.Value;
    public string Kind => KindNode.Value;
    public string? Name => NameNode?.Value;

    /// <summary>The namespace the manifest names, or null (the namespace it is applied to).</summary>
    public string? Namespace => NamespaceNode?.Value;

    /// <summary>The API group: <c>apps</c> for <c>apps/v1</c>, empty for the core <c>v1</c>.</summary>
    public string Group
    {
        get
        {
            int slash = ApiVersion.IndexOf('/');
            return slash < 0 ? "" : ApiVersion.Substring(0, slash);
        }
    }

    /// <summary>
    /// True when the file is a Kustomize strategic-merge patch: the object states only what it changes, so rules
    /// judge the values it writes, not the settings it leaves out.
    /// </summary>
    public bool IsPatch { get; internal set; }

    /// <summary>The object's pod template spec (or a Pod's spec), when it is a workload that runs pods.</summary>
    public PodSpec? PodSpec { get; internal set; }

    /// <summary>
    /// <see cref="PodSpec"/>, or the pod templates an operator merges with its own defaults (Elastic ECK's
    /// <c>podTemplate</c>, one per node set); those are <see cref="Kubernetes.PodSpec.IsPartial"/>.
    /// </summary>
    public IReadOnlyList<PodSpec> PodSpecs { get; internal set; } = Array.Empty<PodSpec>();

    /// <summary>The Elastic ECK kinds whose operator runs pods for them, with or without a <c>podTemplate</c>.</summary>
    private static readonly string[] EckWorkloadKinds = { "Elasticsearch", "Kibana", "Beat", "Agent", "Logstash", "ApmServer", "EnterpriseSearch", "ElasticMapsServer" };

    /// <summary>Pods run for this object: it has a pod spec, or it is an ECK resource the operator runs pods for.</summary>
    public bool RunsPods =>
        PodSpecs.Count > 0 || (Group.EndsWith(".k8s.elastic.co", StringComparison.Ordinal) && Array.IndexOf(EckWorkloadKinds, Kind) >= 0);

    /// <summary>Where a finding about the whole object goes: its name, or its kind.</summary>
    public TextSpan ReportSpan => (NameNode ?? KindNode).Span;

    /// <summary>Deployment/user-service, for messages.</summary>
    public string DisplayName => Name is null ? Kind : $"{Kind}/{Name}";

    public bool Is(string group, string kind) => Kind == kind && Group == group;

    public override string ToString() => DisplayName;
}

/// <summary>A pod spec and its containers, with the pod's securityContext that they inherit.</summary>
public sealed class PodSpec
{
    internal PodSpec(KubernetesObject owner, YamlEntry specEntry, YamlMapping node, bool isOperatorTemplate = false)
    {
        Owner = owner;
        IsOperatorTemplate = isOperatorTemplate;
        SpecEntry = specEntry;
        Node = node;
        SecurityContext = node.GetMapping("securityContext");
        var containers = new List<Container>();
        AddContainers(containers, "initContainers", ContainerKind.InitContainer);
        AddContainers(containers, "containers", ContainerKind.Container);
        AddContainers(containers, "ephemeralContainers", ContainerKind.EphemeralContainer);
        Containers = containers;
    }

    public KubernetesObject Owner { get; }

    /// <summary>The <c>spec:</c> entry that holds the pod spec.</summary>
    public YamlEntry SpecEntry { get; }

    public YamlMapping Node { get; }

    public YamlMapping? SecurityContext { get; }

    /// <summary>Init containers, then containers, then ephemeral containers.</summary>
    public IReadOnlyList<Container> Containers { get; }

    /// <summary>An operator's pod template (ECK <c>podTemplate</c>): the operator adds the image, probes and defaults.</summary>
    public bool IsOperatorTemplate { get; }

    /// <summary>
    /// The manifest states only part of the pod (a Kustomize patch, an operator's template): rules judge the values
    /// it writes and do not report the settings it leaves out.
    /// </summary>
    public bool IsPartial => IsOperatorTemplate || Owner.IsPatch;

    /// <summary>Pods of Jobs and CronJobs run to completion.</summary>
    public bool IsBatch => Owner.Kind is "Job" or "CronJob";

    /// <summary>Where a finding about a setting the pod spec lacks goes: its <c>spec</c> key.</summary>
    public TextSpan ReportSpan => SpecEntry.Key.Span;

    private void AddContainers(List<Container> containers, string key, ContainerKind kind)
    {
        if (Node.GetSequence(key) is not { } sequence) return;
        foreach (var item in sequence.Items)
            if (item is YamlMapping mapping) containers.Add(new Container(this, kind, mapping));
    }
}

public enum ContainerKind
{
    Container,
    InitContainer,
    EphemeralContainer,
}

/// <summary>A securityContext value and whether it came from the pod.</summary>
public sealed record SecuritySetting(YamlEntry Entry, bool FromPod)
{
    public YamlNode Value => Entry.Value;
}

public sealed class Container
{
    /// <summary>The container securityContext fields a pod securityContext also sets; the container's own value wins.</summary>
    private static readonly HashSet<string> InheritedFields = new(StringComparer.Ordinal)
    {
        "runAsUser", "runAsGroup", "runAsNonRoot", "seLinuxOptions", "seccompProfile", "appArmorProfile", "windowsOptions",
    };

    internal Container(PodSpec pod, ContainerKind kind, YamlMapping node)
    {
        Pod = pod;
        Kind = kind;
        Node = node;
        NameNode = node.GetScalar("name");
        SecurityContextEntry = node.Find("securityContext");
        SecurityContext = SecurityContextEntry?.Value as YamlMapping;
    }

    public PodSpec Pod { get; }
    public ContainerKind Kind { get; }
    public YamlMapping Node { get; }
    public YamlScalar? NameNode { get; }
    public string Name => NameNode?.Value ?? "(unnamed)";

    public YamlEntry? SecurityContextEntry { get; }
    public YamlMapping? SecurityContext { get; }

    /// <summary>
    /// A securityContext field as Kubernetes applies it: the container's own value, else the pod's for the fields
    /// a pod may set (runAsUser, runAsNonRoot, seccompProfile…), else null.
    /// </summary>
    public SecuritySetting? Security(string field)
    {
        if (SecurityContext?.Find(field) is { } own && !(own.Value is YamlScalar { IsNull: true })) return new SecuritySetting(own, false);
        if (InheritedFields.Contains(field) && Pod.SecurityContext?.Find(field) is { } inherited && !(inherited.Value is YamlScalar { IsNull: true }))
            return new SecuritySetting(inherited, true);
        return null;
    }

    /// <summary>Where a finding about a missing setting goes: the securityContext key when there is one, else the container's name.</summary>
    public TextSpan SecurityReportSpan => SecurityContextEntry?.Key.Span ?? ReportSpan;

    /// <summary>The container's name, or its first key when it has none.</summary>
    public TextSpan ReportSpan => NameNode?.Span ?? (Node.Entries.Count > 0 ? Node.Entries[0].Key.Span : Node.Span);

    /// <summary>container 'app' of Deployment/user-service (init container…), for messages.</summary>
    public string DisplayName => $"{KindText} '{Name}' of {Pod.Owner.DisplayName}";

    private string KindText => Kind switch
    {
        ContainerKind.InitContainer => "init container",
        ContainerKind.EphemeralContainer => "ephemeral container",
        _ => "container",
    };
}

/// <summary>A Helm chart template: Go template text, not YAML, so it is skipped with a note.</summary>
public sealed class HelmTemplate
{
    public HelmTemplate(SourceFile file) => File = file;

    public SourceFile File { get; }
}
