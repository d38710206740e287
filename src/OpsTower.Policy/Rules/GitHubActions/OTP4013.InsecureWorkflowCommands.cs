using System;
using System.Collections.Generic;
using OpsTower.Policy.Formats.GitHubActions;
using OpsTower.Policy.Formats.Yaml;

namespace OpsTower.Policy.Rules.GitHubActions;

/// <summary>Workflows never re-enable the deprecated set-env and add-path commands.</summary>
public sealed class InsecureWorkflowCommandsRule : FileRule<WorkflowFile>
{
    private const string Variable = "ACTIONS_ALLOW_UNSECURE_COMMANDS";

    public static readonly RuleDescriptor Definition = new(
        id: "OTP4013",
        name: "InsecureWorkflowCommands",
        title: "Workflows never re-enable the set-env and add-path workflow commands.",
        description: "ACTIONS_ALLOW_UNSECURE_COMMANDS set in the env of a workflow, a job or a step (to anything but false) turns the deprecated ::set-env:: and ::add-path:: commands back on, so any process that prints to the log can set environment variables or PATH for every later step. It is reported at the variable.",
        defaultLevel: FindingLevel.Error,
        securitySeverity: 8.0,
        category: "GitHub Actions",
        tags: new[] { "security", "github-actions", "ci", "injection" },
        helpMarkdown: """
            ## Why
            GitHub disabled `::set-env::` and `::add-path::` in 2020 (CVE-2020-15228): any text a step prints, such
            as a PR title echoed by a test or a log line from a dependency, could inject environment variables like
            `NODE_OPTIONS` or `LD_PRELOAD` into the following steps and run code with the job's secrets.
            `ACTIONS_ALLOW_UNSECURE_COMMANDS: true` brings that hole back for the whole scope it is set on.

            ## How to fix
            Remove the variable, and write to the files the runner provides instead:
            `echo "NAME=value" >> "$GITHUB_ENV"` and `echo "$DIR" >> "$GITHUB_PATH"`. Update actions that still print
            the old commands.

            ## Example
            Bad:
            ```yaml
            env:
              ACTIONS_ALLOW_UNSECURE_COMMANDS: true
            ```
            Good:
            ```yaml
            steps:
              - run: echo "TOOL_HOME=$RUNNER_TEMP/tool" >> "$GITHUB_ENV"
            ```
            """,
        precision: "high",
        peers: new[]
        {
            new PeerRule("zizmor", "insecure-commands"),
            new PeerRule("Checkov", "CKV_GHA_1"),
        });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(WorkflowFile workflow, RuleContext context)
    {
        var scopes = new List<(YamlMapping? Env, string Where)> { (workflow.Root?.GetMapping("env"), "the whole workflow") };
        foreach (var job in workflow.Jobs)
        {
            scopes.Add((job.Node.GetMapping("env"), $"job '{job.Id}'"));
            foreach (var step in job.Steps) scopes.Add((step.Env, $"step {step.DisplayName}"));
        }
        foreach (var (env, where) in scopes)
        {
            if (env?.Find(Variable) is not { } entry) continue;
            if (entry.Value is YamlScalar value && (value.IsNull || value.AsBool() == false)) continue;
            context.Report(entry.Key.Span,
                $"{Variable} re-enables the ::set-env:: and ::add-path:: commands for {where}: anything printed to the log can then set environment variables or PATH for later steps. Remove it and write to $GITHUB_ENV or $GITHUB_PATH.");
        }
    }
}
