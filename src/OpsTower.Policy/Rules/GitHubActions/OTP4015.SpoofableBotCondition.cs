using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using OpsTower.Policy.Formats.GitHubActions;
using OpsTower.Policy.Formats.Yaml;

namespace OpsTower.Policy.Rules.GitHubActions;

/// <summary>Privileged workflows do not trust a bot by the name of the actor.</summary>
public sealed class SpoofableBotConditionRule : FileRule<WorkflowFile>
{
    // github.actor == 'dependabot[bot]', in either order. No nested quantifiers, so matching stays linear.
    private static readonly Regex ActorIsBot = new(
        @"github\s*\.\s*(actor|triggering_actor)\s*==\s*'[^']*\[bot\]'|'[^']*\[bot\]'\s*==\s*github\s*\.\s*(actor|triggering_actor)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    public static readonly RuleDescriptor Definition = new(
        id: "OTP4015",
        name: "SpoofableBotCondition",
        title: "Privileged workflows do not trust a bot by the name of the actor.",
        description: "In a workflow started by a privileged trigger (the policy's privileged_triggers: pull_request_target, workflow_run), a job or step condition that compares github.actor or github.triggering_actor with a bot's login (dependabot[bot], renovate[bot]…) is reported at the comparison: the actor is whoever caused the latest event, which a contributor can arrange to be the bot while the code is theirs.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 7.0,
        category: "GitHub Actions",
        tags: new[] { "security", "github-actions", "ci", "authorization" },
        helpMarkdown: """
            ## Why
            `github.actor` is the account that triggered the current run, not the author of the code it runs. In a
            `pull_request_target` or `workflow_run` workflow, which has secrets and write tokens, a contributor can
            open a pull request and then get the bot to act on it (for example by asking Dependabot to rebase), so a
            condition such as `github.actor == 'dependabot[bot]'` that auto-approves or auto-merges "bot" pull
            requests approves theirs.

            ## How to fix
            Check who wrote the pull request instead: `github.event.pull_request.user.login == 'dependabot[bot]'`,
            and, for Dependabot, use `dependabot/fetch-metadata` to limit what is merged automatically.

            ## Example
            Bad:
            ```yaml
            on: pull_request_target
            jobs:
              automerge:
                if: github.actor == 'dependabot[bot]'
            ```
            Good:
            ```yaml
            on: pull_request_target
            jobs:
              automerge:
                if: github.event.pull_request.user.login == 'dependabot[bot]'
            ```
            """,
        precision: "high",
        peers: new[] { new PeerRule("zizmor", "bot-conditions") });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(WorkflowFile workflow, RuleContext context)
    {
        var privileged = context.Parameters.GetStringList("privileged_triggers");
        var trigger = workflow.Triggers.FirstOrDefault(t => privileged.Contains(t.Name));
        if (trigger is null) return;

        var conditions = new List<(YamlScalar Condition, string Owner)>();
        foreach (var job in workflow.Jobs)
        {
            if (job.Node.GetScalar("if") is { } jobCondition) conditions.Add((jobCondition, $"job '{job.Id}'"));
            foreach (var step in job.Steps)
                if (step.Node.GetScalar("if") is { } stepCondition) conditions.Add((stepCondition, $"step {step.DisplayName}"));
        }
        foreach (var (condition, owner) in conditions)
        {
            var match = ActorIsBot.Match(condition.Value);
            if (!match.Success) continue;
            var offsets = ScalarContent.MapOffsets(context.File, condition);
            context.Report(WorkflowExpressions.MapValueSpan(offsets, condition, match.Index, match.Length),
                $"The condition of {owner} trusts the actor's name in a {trigger.Name} workflow, but the actor is whoever triggered the latest event, which a contributor can make the bot: compare github.event.pull_request.user.login instead.");
        }
    }
}
