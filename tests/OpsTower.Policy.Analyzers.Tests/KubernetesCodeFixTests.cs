using OpsTower.Policy.Analyzers.CodeFixes;
using OpsTower.Policy.Analyzers.Tests.Testing;

namespace OpsTower.Policy.Analyzers.Tests;

/// <summary>OTP2001's and OTP2002's fixes on a manifest, through <see cref="CodeFixRunner"/>.</summary>
public class KubernetesCodeFixTests
{
    private const string Path = "/repo/deploy/pod.yaml";
    private const string PodHead = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: worker\n  namespace: ops-tower\nspec:\n  containers:\n";

    [Fact]
    public async Task A_container_without_securityContext_gets_one_with_allowPrivilegeEscalation()
    {
        string fixedText = await FixAsync(PodHead + "  - name: app\n    image: ops-tower/app:1.0.0\n", "OTP2002");
        fixedText.Should().Be(PodHead + "  - name: app\n    securityContext:\n      allowPrivilegeEscalation: false\n    image: ops-tower/app:1.0.0\n");
    }

    [Fact]
    public async Task An_existing_securityContext_gets_allowPrivilegeEscalation()
    {
        string fixedText = await FixAsync(PodHead + "  - name: app\n    image: ops-tower/app:1.0.0\n    securityContext:\n        runAsNonRoot: true\n", "OTP2002");
        fixedText.Should().Be(PodHead + "  - name: app\n    image: ops-tower/app:1.0.0\n    securityContext:\n        allowPrivilegeEscalation: false\n        runAsNonRoot: true\n");
    }

    [Theory]
    [InlineData("true")]
    [InlineData("\"false\"")]
    public async Task A_wrong_allowPrivilegeEscalation_becomes_false(string value)
    {
        string fixedText = await FixAsync(PodHead + "  - name: app\n    securityContext:\n      allowPrivilegeEscalation: " + value + "\n", "OTP2002");
        fixedText.Should().Be(PodHead + "  - name: app\n    securityContext:\n      allowPrivilegeEscalation: false\n");
    }

    [Fact]
    public async Task A_list_item_container_without_securityContext_gets_one_with_runAsNonRoot()
    {
        string fixedText = await FixAsync(PodHead + "  - name: app\n    image: ops-tower/app:1.0.0\n", "OTP2001");
        fixedText.Should().Be(PodHead + "  - name: app\n    securityContext:\n      runAsNonRoot: true\n    image: ops-tower/app:1.0.0\n");
    }

    [Fact]
    public async Task A_container_named_after_its_first_key_gets_the_securityContext_after_the_name()
    {
        string fixedText = await FixAsync(PodHead + "  - image: ops-tower/app:1.0.0\n    name: app # the API\n", "OTP2001");
        fixedText.Should().Be(PodHead + "  - image: ops-tower/app:1.0.0\n    name: app # the API\n    securityContext:\n      runAsNonRoot: true\n");
    }

    [Fact]
    public async Task An_existing_securityContext_gets_runAsNonRoot_at_its_entries_indentation()
    {
        string fixedText = await FixAsync(PodHead + "  - name: app\n    image: ops-tower/app:1.0.0\n    securityContext:\n        allowPrivilegeEscalation: false\n", "OTP2001");
        fixedText.Should().Be(PodHead + "  - name: app\n    image: ops-tower/app:1.0.0\n    securityContext:\n        runAsNonRoot: true\n        allowPrivilegeEscalation: false\n");
    }

    [Fact]
    public async Task A_securityContext_that_starts_the_list_item_gets_runAsNonRoot()
    {
        string fixedText = await FixAsync(PodHead + "  - securityContext: # hardened\r\n      allowPrivilegeEscalation: false\r\n    name: app\r\n", "OTP2001");
        fixedText.Should().Be(PodHead + "  - securityContext: # hardened\r\n      runAsNonRoot: true\r\n      allowPrivilegeEscalation: false\r\n    name: app\r\n");
    }

    [Fact]
    public async Task The_fix_lands_in_the_second_document_of_a_multi_document_file()
    {
        const string first =
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: ok\nspec:\n  securityContext:\n    runAsNonRoot: true\n  containers:\n  - name: app\n    image: ops-tower/app:1.0.0\n";
        const string second =
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: worker\nspec:\n  template:\n    spec:\n      containers:\n" +
            "        - name: worker\n          image: ops-tower/worker:1.0.0\n";
        string fixedText = await FixAsync(first + "---\n" + second, "OTP2001");
        fixedText.Should().Be(first + "---\n" + second.Replace(
            "        - name: worker\n",
            "        - name: worker\n          securityContext:\n            runAsNonRoot: true\n"));
    }

    [Theory]
    [InlineData("false")]
    [InlineData("\"true\"")]
    public async Task A_wrong_container_runAsNonRoot_becomes_true(string value)
    {
        string fixedText = await FixAsync(PodHead + "  - name: app\n    securityContext:\n      runAsNonRoot: " + value + "\n", "OTP2001");
        fixedText.Should().Be(PodHead + "  - name: app\n    securityContext:\n      runAsNonRoot: true\n");
    }

    [Fact]
    public async Task A_wrong_runAsNonRoot_the_container_inherits_is_fixed_in_the_pod_securityContext()
    {
        const string text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: worker\nspec:\n  securityContext:\n    runAsNonRoot: false\n  containers:\n  - name: app\n    image: ops-tower/app:1.0.0\n";
        string fixedText = await FixAsync(text, "OTP2001");
        fixedText.Should().Be(text.Replace("runAsNonRoot: false", "runAsNonRoot: true"));
    }

    [Theory]
    [InlineData("  containers: [{name: app, image: ops-tower/app:1.0.0}]\n")]
    [InlineData("  containers:\n  - {name: app, image: ops-tower/app:1.0.0}\n")]
    [InlineData("  containers:\n  - name: app\n    securityContext: {allowPrivilegeEscalation: false}\n")]
    [InlineData("  containers:\n  - name: app\n    securityContext:\n      runAsNonRoot:\n")]
    [InlineData("  containers:\n  - name: app\n    securityContext:\n      runAsUser: 0\n")]
    public async Task No_runAsNonRoot_fix_is_offered_for_flow_style_a_present_key_or_a_root_user_id(string containers)
    {
        // The last: runAsNonRoot: true would not fix a runAsUser below the minimum (the kubelet refuses to start it).
        var actions = await CodeFixRunner.FixesAsync(new KubernetesCodeFixProvider(), Path,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: worker\nspec:\n" + containers, "OTP2001");
        actions.Should().BeEmpty();
    }

    private static Task<string> FixAsync(string text, string id) =>
        CodeFixRunner.FixAsync(new KubernetesCodeFixProvider(), Path, text, id,
            id == "OTP2001" ? KubernetesCodeFixProvider.RunAsNonRootTitle : KubernetesCodeFixProvider.AllowPrivilegeEscalationTitle);
}
