using System.Linq;
using OpsTower.Policy.Formats.Compose;
using OpsTower.Policy.Formats.Yaml;
using OpsTower.Policy.Rules.Kubernetes;

namespace OpsTower.Policy.Rules.Compose;

/// <summary>Compose services add no dangerous capabilities.</summary>
public sealed class ComposeDangerousCapabilitiesRule : FileRule<ComposeFile>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP6004",
        name: "ComposeDangerousCapabilities",
        title: "Compose services add no dangerous Linux capabilities.",
        description: "Reports each cap_add entry of a service that the policy lists as dangerous (ALL, SYS_ADMIN, NET_ADMIN, NET_RAW… in the baseline), with or without the CAP_ prefix.",
        defaultLevel: FindingLevel.Error,
        securitySeverity: 7.0,
        category: "Compose",
        tags: new[] { "security", "compose", "least-privilege" },
        helpMarkdown: """
            ## Why
            SYS_ADMIN is nearly root on the host; NET_ADMIN and NET_RAW let a container reconfigure and spoof the
            network; SYS_PTRACE reads other processes' memory.

            ## How to fix
            Remove the capability, or replace it with a narrower one.

            ## Example
            Bad:
            ```yaml
            cap_add: [SYS_ADMIN]
            ```
            Good:
            ```yaml
            cap_drop: [ALL]
            cap_add: [NET_BIND_SERVICE]
            ```
            """,
        precision: "very-high");

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(ComposeFile file, RuleContext context)
    {
        var dangerous = context.Parameters.GetStringList("dangerous_capabilities");
        foreach (var service in file.Services)
        {
            if (service.Node.GetSequence("cap_add") is not { } added) continue;
            foreach (var capability in added.Items.OfType<YamlScalar>())
                if (dangerous.Any(d => WorkloadFacts.SameCapability(d, capability.Value)))
                    context.Report(capability.Span, $"Service {service.Name} adds the capability {capability.Value}: remove it.");
        }
    }
}
