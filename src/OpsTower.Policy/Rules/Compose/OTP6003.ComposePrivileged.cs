using OpsTower.Policy.Formats.Compose;

namespace OpsTower.Policy.Rules.Compose;

/// <summary>Compose services do not run privileged.</summary>
public sealed class ComposePrivilegedRule : FileRule<ComposeFile>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP6003",
        name: "ComposePrivileged",
        title: "Compose services do not run privileged.",
        description: "Reports privileged: true on a service.",
        defaultLevel: FindingLevel.Error,
        securitySeverity: 9.0,
        category: "Compose",
        tags: new[] { "security", "compose", "least-privilege" },
        helpMarkdown: """
            ## Why
            A privileged container has every capability and every host device: it is root on the machine running
            compose, developer laptops and CI runners included.

            ## How to fix
            Remove `privileged: true`; add the single capability the service needs, if any.

            ## Example
            Bad:
            ```yaml
            privileged: true
            ```
            Good:
            ```yaml
            cap_drop: [ALL]
            ```
            """,
        precision: "very-high");

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(ComposeFile file, RuleContext context)
    {
        foreach (var service in file.Services)
            if (service.Node.GetScalar("privileged") is { } privileged && privileged.AsBool() == true)
                context.Report(privileged.Span, $"Service {service.Name} runs privileged, with every capability and host device: remove privileged: true.");
    }
}
