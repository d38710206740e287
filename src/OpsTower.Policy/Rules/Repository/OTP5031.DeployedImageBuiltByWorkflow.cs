using System.Linq;
using OpsTower.Policy.Engine;
using OpsTower.Policy.Formats.Dockerfile;
using OpsTower.Policy.Formats.Kubernetes;
using OpsTower.Policy.Rules.GitHubActions;

namespace OpsTower.Policy.Rules.Repository;

/// <summary>The images Kubernetes deploys are the ones the pipeline builds.</summary>
public sealed class DeployedImageBuiltByWorkflowRule : RepositoryRule
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP5031",
        name: "DeployedImageBuiltByWorkflow",
        title: "Deployed images are built and pushed by a workflow.",
        description: "When some workflow pushes images (image_push_steps), each Kubernetes container image whose repository path (registry host dropped, tag and digest ignored) matches none of the pushed ones is reported at its 'image:' value; pushed references are read from docker/build-push-action's tags and 'docker push', with matrix values expanded and other expressions matching anything. Only images of this repository are checked: named after a service folder holding a Dockerfile (…/user-service, …-user-service), or in a namespace a workflow pushes to; images matching external_images are skipped.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 4.0,
        category: "Repository",
        tags: new[] { "supply-chain", "kubernetes", "cross-file" },
        helpMarkdown: """
            ## Why
            If the manifest names an image the pipeline does not push, either the deployment runs something built
            elsewhere (outside the tests and scans of CI) or it points at a name nobody updates. The specification's
            CI pushes `ops-tower-<service>` while its manifest deploys `ops-tower/user-service`.

            ## How to fix
            Deploy the repository the pipeline pushes, pinned to the tag or digest it produced.

            ## Example
            ```yaml
            # workflow
            tags: ${{ secrets.ECR_REGISTRY }}/ops-tower-${{ matrix.service }}:${{ github.sha }}
            # manifest
            image: 123456789012.dkr.ecr.us-west-2.amazonaws.com/ops-tower-user-service:3f2a9c1
            ```
            """,
        precision: "medium");

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(RepositoryModel repository, RuleContext context)
    {
        var pushSteps = StepPattern.ParseAll(context.Parameters.GetStringList("image_push_steps"));
        var external = context.Parameters.GetStringList("external_images");
        var workflows = WorkflowFacts.Workflows(repository);
        var pushed = workflows.SelectMany(w => ImageNames.PushedPatterns(w, pushSteps).Select(p => (Pattern: p, Workflow: w))).ToList();
        if (pushed.Count == 0) return;
        var services = repository.ModelsOf<DockerfileDocument>().Select(d => ImageNames.ServiceOf(d.File.Path)).Where(s => s.Length > 0).Distinct().ToList();
        var namespaces = pushed.Select(p => Namespace(p.Pattern)).Where(n => n is not null).ToList();
        foreach (var kubernetes in repository.ModelsOf<KubernetesFile>())
        foreach (var container in kubernetes.PodSpecs.SelectMany(p => p.Containers))
        {
            if (container.Node.GetScalar("image") is not { } image) continue;
            string path = ImageNames.RepositoryPath(image.Value);
            if (external.Any(e => ImageNames.MatchesPattern(e, path))) continue;
            // Only images of this repository: named after one of its Dockerfiles' service folders, or in a namespace it pushes to.
            if (!services.Any(s => ImageNames.NamesService(path, s)) && !namespaces.Contains(Namespace(path))) continue;
            if (pushed.Any(p => ImageNames.MatchesPattern(p.Pattern, path))) continue;
            string names = string.Join(", ", pushed.Select(p => p.Pattern).Distinct().Take(4));
            context.Report(kubernetes.File, image.Span,
                $"{container.DisplayName} deploys '{path}', which no workflow pushes (they push {names}): deploy the image CI builds and scans.",
                new[] { new RelatedLocation(pushed[0].Workflow.File, pushed[0].Workflow.ReportSpan, "the workflow that pushes images") });
        }
    }

    /// <summary>The first segment of a repository path with more than one (<c>ops-tower/user-service</c> → <c>ops-tower</c>), when it is literal.</summary>
    private static string? Namespace(string path)
    {
        int slash = path.IndexOf('/');
        if (slash <= 0) return null;
        string first = path.Substring(0, slash);
        return first.IndexOf('*') >= 0 ? null : first;
    }
}
