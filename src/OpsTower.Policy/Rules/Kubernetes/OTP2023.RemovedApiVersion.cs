using System;
using System.Collections.Generic;
using System.Globalization;
using OpsTower.Policy.Formats.Kubernetes;

namespace OpsTower.Policy.Rules.Kubernetes;

/// <summary>Manifests use API versions the target Kubernetes version still serves.</summary>
public sealed class RemovedApiVersionRule : FileRule<KubernetesFile>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP2023",
        name: "RemovedApiVersion",
        title: "Manifests use API versions that the target Kubernetes version still serves.",
        description: "An object whose apiVersion and kind were removed from Kubernetes at or before the policy's kubernetes_version (apps/v1beta2 Deployment, extensions/v1beta1 Ingress, batch/v1beta1 CronJob, policy/v1beta1 PodDisruptionBudget, autoscaling/v2beta2 HorizontalPodAutoscaler…) is reported at its apiVersion with the version that removed it and the API to use instead. The table follows the Kubernetes deprecated API migration guide up to 1.32.",
        defaultLevel: FindingLevel.Error,
        securitySeverity: 4.0,
        category: "Kubernetes",
        tags: new[] { "kubernetes", "reliability", "upgrade", "correctness" },
        helpMarkdown: """
            ## Why
            The API server rejects an object in an API version it no longer serves, so the manifest fails to apply:
            a deployment breaks at release time, or a cluster upgrade stalls because GitOps cannot sync. Removed
            versions also never receive the security fields their successors gained (PodSecurityPolicy has no
            successor at all: use Pod Security Admission). Such objects are also invisible to checks that read the
            current models (OTP2022 skips kinds it does not know).

            ## How to fix
            Move the object to the API the finding names and adjust the fields that changed (for example an
            `networking.k8s.io/v1` Ingress backend is `service: {name, port: {number}}`). Set the policy's
            `kubernetes_version` to the oldest cluster version you deploy to.

            ## Example
            Bad:
            ```yaml
            apiVersion: batch/v1beta1
            kind: CronJob
            ```
            Good:
            ```yaml
            apiVersion: batch/v1
            kind: CronJob
            ```
            """,
        precision: "high",
        peers: new[]
        {
            new PeerRule("Pluto", "removed"),
            new PeerRule("kubent", "removed"),
            new PeerRule("kube-linter", "no-extensions-v1beta"),
        });

    public override RuleDescriptor Descriptor => Definition;

    /// <summary>(apiVersion, kind) → the minor version of Kubernetes 1.x that stopped serving it, and its replacement.</summary>
    private static readonly Dictionary<(string ApiVersion, string Kind), (int RemovedIn, string Replacement)> Removed = BuildTable();

    public override void Analyze(KubernetesFile file, RuleContext context)
    {
        string target = context.Parameters.GetString("kubernetes_version");
        int targetMinor = MinorOf(target)
            ?? throw new PolicyException($"Parameter 'kubernetes_version' must be a Kubernetes version such as 1.27, not '{target}'.");
        foreach (var obj in file.Objects)
        {
            if (!Removed.TryGetValue((obj.ApiVersion, obj.Kind), out var removal) || removal.RemovedIn > targetMinor) continue;
            context.Report(obj.ApiVersionNode.Span,
                $"{obj.ApiVersion} {obj.Kind} was removed in Kubernetes 1.{removal.RemovedIn}, and the policy targets {target}: the API server rejects {obj.DisplayName}. Use {removal.Replacement}.");
        }
    }

    /// <summary>27 for "1.27", "v1.27" or "1.27.3"; null otherwise.</summary>
    internal static int? MinorOf(string version)
    {
        string text = version.Trim().TrimStart('v', 'V');
        string[] parts = text.Split('.');
        if (parts.Length < 2 || parts[0] != "1") return null;
        return int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int minor) ? minor : null;
    }

    private static Dictionary<(string, string), (int, string)> BuildTable()
    {
        var table = new Dictionary<(string, string), (int, string)>();
        void Add(int removedIn, string replacement, string kinds, params string[] apiVersions)
        {
            foreach (string kind in kinds.Split(','))
            foreach (string apiVersion in apiVersions)
                table[(apiVersion, kind)] = (removedIn, replacement.Replace("{kind}", kind));
        }

        // https://kubernetes.io/docs/reference/using-api/deprecation-guide/
        Add(16, "apps/v1 {kind}", "Deployment,DaemonSet,ReplicaSet", "extensions/v1beta1", "apps/v1beta1", "apps/v1beta2");
        Add(16, "apps/v1 {kind}", "StatefulSet", "apps/v1beta1", "apps/v1beta2");
        Add(16, "networking.k8s.io/v1 NetworkPolicy", "NetworkPolicy", "extensions/v1beta1");
        Add(16, "Pod Security Admission (PodSecurityPolicy has no successor)", "PodSecurityPolicy", "extensions/v1beta1");
        Add(22, "admissionregistration.k8s.io/v1 {kind}", "MutatingWebhookConfiguration,ValidatingWebhookConfiguration", "admissionregistration.k8s.io/v1beta1");
        Add(22, "apiextensions.k8s.io/v1 CustomResourceDefinition", "CustomResourceDefinition", "apiextensions.k8s.io/v1beta1");
        Add(22, "apiregistration.k8s.io/v1 APIService", "APIService", "apiregistration.k8s.io/v1beta1");
        Add(22, "authentication.k8s.io/v1 TokenReview", "TokenReview", "authentication.k8s.io/v1beta1");
        Add(22, "authorization.k8s.io/v1 {kind}", "SubjectAccessReview,LocalSubjectAccessReview,SelfSubjectAccessReview", "authorization.k8s.io/v1beta1");
        Add(22, "certificates.k8s.io/v1 CertificateSigningRequest", "CertificateSigningRequest", "certificates.k8s.io/v1beta1");
        Add(22, "coordination.k8s.io/v1 Lease", "Lease", "coordination.k8s.io/v1beta1");
        Add(22, "networking.k8s.io/v1 Ingress", "Ingress", "extensions/v1beta1", "networking.k8s.io/v1beta1");
        Add(22, "networking.k8s.io/v1 IngressClass", "IngressClass", "networking.k8s.io/v1beta1");
        Add(22, "rbac.authorization.k8s.io/v1 {kind}", "ClusterRole,ClusterRoleBinding,Role,RoleBinding", "rbac.authorization.k8s.io/v1beta1");
        Add(22, "scheduling.k8s.io/v1 PriorityClass", "PriorityClass", "scheduling.k8s.io/v1beta1");
        Add(22, "storage.k8s.io/v1 {kind}", "CSIDriver,CSINode,StorageClass,VolumeAttachment", "storage.k8s.io/v1beta1");
        Add(25, "batch/v1 CronJob", "CronJob", "batch/v1beta1");
        Add(25, "discovery.k8s.io/v1 EndpointSlice", "EndpointSlice", "discovery.k8s.io/v1beta1");
        Add(25, "events.k8s.io/v1 Event", "Event", "events.k8s.io/v1beta1");
        Add(25, "autoscaling/v2 HorizontalPodAutoscaler", "HorizontalPodAutoscaler", "autoscaling/v2beta1");
        Add(25, "policy/v1 PodDisruptionBudget", "PodDisruptionBudget", "policy/v1beta1");
        Add(25, "Pod Security Admission (PodSecurityPolicy has no successor)", "PodSecurityPolicy", "policy/v1beta1");
        Add(25, "node.k8s.io/v1 RuntimeClass", "RuntimeClass", "node.k8s.io/v1beta1");
        Add(26, "flowcontrol.apiserver.k8s.io/v1 {kind}", "FlowSchema,PriorityLevelConfiguration", "flowcontrol.apiserver.k8s.io/v1beta1");
        Add(26, "autoscaling/v2 HorizontalPodAutoscaler", "HorizontalPodAutoscaler", "autoscaling/v2beta2");
        Add(27, "storage.k8s.io/v1 CSIStorageCapacity", "CSIStorageCapacity", "storage.k8s.io/v1beta1");
        Add(29, "flowcontrol.apiserver.k8s.io/v1 {kind}", "FlowSchema,PriorityLevelConfiguration", "flowcontrol.apiserver.k8s.io/v1beta2");
        Add(32, "flowcontrol.apiserver.k8s.io/v1 {kind}", "FlowSchema,PriorityLevelConfiguration", "flowcontrol.apiserver.k8s.io/v1beta3");
        return table;
    }
}
