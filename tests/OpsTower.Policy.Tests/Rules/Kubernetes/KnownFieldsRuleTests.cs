using System.Reflection;
using OpsTower.Policy.Rules.Kubernetes;

namespace OpsTower.Policy.Tests.Rules.Kubernetes;

public class KnownFieldsRuleTests
{
    private static string? Constant(Type type, string name) =>
        type.GetField(name, BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)?.GetRawConstantValue() as string;

    [Fact]
    public void Every_kind_the_client_models_is_found_by_its_api_version_and_kind()
    {
        var kinds = typeof(k8s.Models.V1Deployment).Assembly.GetTypes()
            .Where(t => t.Namespace == "k8s.Models" && t.IsClass && !t.IsAbstract && Constant(t, "KubeKind") is not null && Constant(t, "KubeApiVersion") is not null)
            .ToList();
        kinds.Count.Should().BeGreaterThan(100, "the client models every built-in kind");

        var missed = kinds
            .Where(t =>
            {
                string group = Constant(t, "KubeGroup") ?? "";
                string apiVersion = group.Length == 0 ? Constant(t, "KubeApiVersion")! : group + "/" + Constant(t, "KubeApiVersion");
                return KnownFieldsRule.ModelFor(apiVersion, Constant(t, "KubeKind")!) != t;
            })
            .Select(t => t.Name)
            .ToList();
        missed.Should().BeEmpty();
    }

    [Theory]
    [InlineData("apps/v1", "Deployment", "V1Deployment")]
    [InlineData("v1", "Event", "Corev1Event")]
    [InlineData("events.k8s.io/v1", "Event", "Eventsv1Event")]
    [InlineData("autoscaling/v2", "HorizontalPodAutoscaler", "V2HorizontalPodAutoscaler")]
    [InlineData("apps/v1", "Rollout", null)]
    [InlineData("argoproj.io/v1alpha1", "Rollout", null)]
    [InlineData("extensions/v1beta1", "Deployment", null)]
    [InlineData("v1", "", null)]
    [InlineData("/", "Pod", null)]
    public void Kinds_map_to_their_models_and_unknown_ones_to_none(string apiVersion, string kind, string? model)
    {
        KnownFieldsRule.ModelFor(apiVersion, kind)?.Name.Should().Be(model);
        if (model is null) KnownFieldsRule.ModelFor(apiVersion, kind).Should().BeNull();
    }

    [Theory]
    [InlineData("securityContex", "securityContext")]
    [InlineData("SecurityContext", "securityContext")]
    [InlineData("runAsNonroot", "runAsNonRoot")]
    [InlineData("image", "image")]
    [InlineData("totallyDifferent", null)]
    public void The_suggestion_is_the_nearest_field_within_two_edits(string key, string? expected)
    {
        string[] fields = { "image", "securityContext", "runAsNonRoot", "runAsUser", "imagePullPolicy" };
        KnownFieldsRule.Closest(key, fields).Should().Be(expected);
    }
}
