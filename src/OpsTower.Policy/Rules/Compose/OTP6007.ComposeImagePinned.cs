using System;
using System.Linq;
using OpsTower.Policy.Formats.Compose;
using OpsTower.Policy.Rules.Kubernetes;

namespace OpsTower.Policy.Rules.Compose;

/// <summary>Compose images name a version tag.</summary>
public sealed class ComposeImagePinnedRule : FileRule<ComposeFile>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP6007",
        name: "ComposeImagePinned",
        title: "Compose images are pinned to a version tag.",
        description: "Each service image must have a tag other than the policy's moving tags (latest in the baseline), or a digest. A service with build: names the image it builds, so its image is not judged; images written with a variable are not judged either.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 4.0,
        category: "Compose",
        tags: new[] { "security", "compose", "supply-chain", "reproducibility" },
        helpMarkdown: """
            ## Why
            `postgres` or `postgres:latest` is a different database version on every machine that pulls at a
            different time, so "works on my machine" bugs and surprise major upgrades follow.

            ## How to fix
            Name the version, as production does.

            ## Example
            Bad:
            ```yaml
            image: redis
            ```
            Good:
            ```yaml
            image: redis:7.2-alpine
            ```
            """,
        precision: "very-high");

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(ComposeFile file, RuleContext context)
    {
        var movingTags = context.Parameters.GetStringList("moving_tags");
        foreach (var service in file.Services)
        {
            if (service.HasBuild || service.Image is not { } image) continue;
            if (WorkloadFacts.IsInterpolated(image.Value) || WorkloadFacts.HasDigest(image.Value)) continue;
            string? tag = WorkloadFacts.ImageTag(image.Value);
            if (tag is null)
                context.Report(image.Span, $"Service {service.Name} uses the image '{image.Value}' without a tag, which pulls 'latest': pin a version tag.");
            else if (movingTags.Any(t => string.Equals(t, tag, StringComparison.OrdinalIgnoreCase)))
                context.Report(image.Span, $"Service {service.Name} uses the image '{image.Value}' with the moving tag '{tag}': pin a version tag.");
        }
    }
}
