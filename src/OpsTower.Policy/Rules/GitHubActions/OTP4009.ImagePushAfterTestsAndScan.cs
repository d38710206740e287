using System.Collections.Generic;
using System.Linq;
using OpsTower.Policy.Formats.GitHubActions;

namespace OpsTower.Policy.Rules.GitHubActions;

/// <summary>Images are pushed only after the tests and the security scan passed.</summary>
public sealed class ImagePushAfterTestsAndScanRule : FileRule<WorkflowFile>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP4009",
        name: "ImagePushAfterTestsAndScan",
        title: "Jobs that push images need the test and security-scan jobs.",
        description: "A job with a step from image_push_steps (docker/build-push-action counts when its 'push' input is true or an expression) must itself, or through the jobs it 'needs' (directly or not), run a step from test_commands and a step from security_scanners. The specification's build-and-push job needs code-quality, unit-tests, integration-tests and security-scan.",
        defaultLevel: FindingLevel.Error,
        securitySeverity: 6.0,
        category: "GitHubActions",
        tags: new[] { "security", "quality-gate", "github-actions" },
        helpMarkdown: """
            ## Why
            Jobs run in parallel unless `needs:` orders them. A push job that does not need the test and scan jobs
            publishes an image while they are still running, and keeps it published when they fail: the registry,
            and whatever deploys from it, gets untested and unscanned code.

            ## How to fix
            List the test and security-scan jobs under the push job's `needs:`.

            ## Example
            Bad:
            ```yaml
            build-and-push:
              runs-on: ubuntu-latest
              steps:
                - uses: docker/build-push-action@<sha>
                  with: { push: true }
            ```
            Good:
            ```yaml
            build-and-push:
              needs: [code-quality, unit-tests, integration-tests, security-scan]
            ```
            """,
        precision: "high");

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(WorkflowFile workflow, RuleContext context)
    {
        var pushSteps = StepPattern.ParseAll(context.Parameters.GetStringList("image_push_steps"));
        var tests = StepPattern.ParseAll(context.Parameters.GetStringList("test_commands"));
        var scanners = StepPattern.ParseAll(context.Parameters.GetStringList("security_scanners"));
        foreach (var job in workflow.Jobs)
        {
            var push = job.Steps.FirstOrDefault(s => WorkflowFacts.PushesImage(s, pushSteps));
            if (push is null) continue;
            var missing = new List<string>();
            if (!WorkflowFacts.JobOrNeedsDo(job, tests)) missing.Add("tests");
            if (!WorkflowFacts.JobOrNeedsDo(job, scanners)) missing.Add("a security scan");
            if (missing.Count == 0) continue;
            context.Report(job.IdNode.Span,
                $"Job '{job.Id}' pushes an image (step {push.DisplayName}) without needing a job that runs {string.Join(" and ", missing)}: add those jobs to its 'needs:'.");
        }
    }
}
