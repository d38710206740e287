using System;
using System.Collections.Generic;
using System.Linq;
using OpsTower.Policy.Formats.GitHubActions;
using OpsTower.Policy.Formats.Yaml;
using OpsTower.Policy.Rules.Kubernetes;

namespace OpsTower.Policy.Rules.GitHubActions;

/// <summary>Job containers and service containers run pinned images.</summary>
public sealed class JobImagesPinnedRule : FileRule<WorkflowFile>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP4016",
        name: "JobImagesPinned",
        title: "Job and service containers run images pinned to a version tag or a digest.",
        description: "The image of a job's container (jobs.<id>.container, as a string or its image key) and of each service container (jobs.<id>.services.<name>.image) must name a tag that is not one of the policy's moving_tags, or a digest. An image without a tag pulls 'latest'. Images written with an expression are not judged.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 5.0,
        category: "GitHub Actions",
        tags: new[] { "security", "github-actions", "ci", "supply-chain", "containers" },
        helpMarkdown: """
            ## Why
            A job container runs the job's steps, with its token and secrets; a service container shares its
            network. With `latest` or no tag, whoever pushes that tag decides what runs in the next build, and two
            runs of the same commit can test against different databases.

            ## How to fix
            Pin a version tag (`postgres:16.4`), or a digest (`postgres:16.4@sha256:…`) for images you do not
            control, and let Dependabot or Renovate update it.

            ## Example
            Bad:
            ```yaml
            services:
              postgres:
                image: postgres
            ```
            Good:
            ```yaml
            services:
              postgres:
                image: postgres:16.4
            ```
            """,
        precision: "high",
        peers: new[] { new PeerRule("zizmor", "unpinned-images") });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(WorkflowFile workflow, RuleContext context)
    {
        var movingTags = context.Parameters.GetStringList("moving_tags");
        foreach (var job in workflow.Jobs)
        {
            var images = new List<(YamlScalar Image, string What)>();
            switch (job.Node.Get("container"))
            {
                case YamlScalar { IsNull: false } container:
                    images.Add((container, $"the container of job '{job.Id}'"));
                    break;
                case YamlMapping container when container.GetScalar("image") is { } image:
                    images.Add((image, $"the container of job '{job.Id}'"));
                    break;
            }
            if (job.Node.GetMapping("services") is { } services)
                foreach (var service in services.Entries)
                    if (service.Value is YamlMapping definition && definition.GetScalar("image") is { } image)
                        images.Add((image, $"service '{service.KeyText}' of job '{job.Id}'"));

            foreach (var (image, what) in images)
            {
                string value = image.Value.Trim();
                if (value.Length == 0 || value.IndexOf("${{", StringComparison.Ordinal) >= 0 || WorkloadFacts.HasDigest(value)) continue;
                string? tag = WorkloadFacts.ImageTag(value);
                if (tag is null)
                    context.Report(image.Span, $"The image '{value}' of {what} has no tag, so it pulls 'latest': pin a version tag or a digest.");
                else if (movingTags.Any(t => string.Equals(t, tag, StringComparison.OrdinalIgnoreCase)))
                    context.Report(image.Span, $"The image '{value}' of {what} uses the moving tag '{tag}': pin a version tag or a digest.");
            }
        }
    }
}
