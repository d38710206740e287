using System;
using System.Collections.Generic;
using OpsTower.Policy.Formats.Yaml;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Formats.GitHubActions;

/// <summary>Builds a <see cref="WorkflowFile"/> from a workflow or an action's <c>action.yml</c>.</summary>
public static class WorkflowParser
{
    public static WorkflowFile Parse(SourceFile file, bool isAction)
    {
        var yaml = YamlLoader.Load(file);
        var root = yaml.Documents.Count > 0 ? yaml.Documents[0].Root as YamlMapping : null;
        var workflow = new WorkflowFile(file, yaml, root, isAction, yaml.Diagnostics);
        if (root is null) return workflow;

        if (isAction)
        {
            ReadAction(workflow, root);
            return workflow;
        }

        // YAML 1.1 reads a plain 'on' key as true; GitHub keeps it as "on", and so does this loader (YAML 1.2).
        workflow.OnEntry = root.Find("on");
        workflow.Triggers = ReadTriggers(workflow.OnEntry?.Value);
        if (root.Find("permissions") is { } permissions) workflow.Permissions = new PermissionsBlock(permissions);
        workflow.JobsEntry = root.Find("jobs");
        var jobs = new List<WorkflowJob>();
        if (workflow.JobsEntry?.Value is YamlMapping jobsNode)
        {
            foreach (var entry in jobsNode.Entries)
                if (entry.Key is YamlScalar id && entry.Value is YamlMapping jobNode) jobs.Add(ReadJob(workflow, id, jobNode));
        }
        workflow.Jobs = jobs;
        return workflow;
    }

    private static void ReadAction(WorkflowFile workflow, YamlMapping root)
    {
        if (root.Find("runs") is not { Key: YamlScalar runsKey, Value: YamlMapping runs }) return;
        workflow.ActionImage = runs.GetScalar("image");
        if (runs.GetString("using") == "composite") workflow.Jobs = new[] { ReadJob(workflow, runsKey, runs) };
    }

    private static IReadOnlyList<WorkflowTrigger> ReadTriggers(YamlNode? on)
    {
        var triggers = new List<WorkflowTrigger>();
        switch (on)
        {
            case YamlScalar { IsNull: false } single:
                triggers.Add(new WorkflowTrigger(single, null));
                break;
            case YamlSequence list:
                foreach (var item in list.Items)
                    if (item is YamlScalar name) triggers.Add(new WorkflowTrigger(name, null));
                break;
            case YamlMapping map:
                foreach (var entry in map.Entries)
                    if (entry.Key is YamlScalar name) triggers.Add(new WorkflowTrigger(name, entry.Value));
                break;
        }
        return triggers;
    }

    private static WorkflowJob ReadJob(WorkflowFile workflow, YamlScalar id, YamlMapping node)
    {
        var job = new WorkflowJob(workflow, id, node);
        var needs = new List<YamlScalar>();
        switch (node.Get("needs"))
        {
            case YamlScalar { IsNull: false } one:
                needs.Add(one);
                break;
            case YamlSequence many:
                foreach (var item in many.Items)
                    if (item is YamlScalar need) needs.Add(need);
                break;
        }
        job.Needs = needs;
        if (node.Find("permissions") is { } permissions) job.Permissions = new PermissionsBlock(permissions);
        var steps = new List<WorkflowStep>();
        if (node.GetSequence("steps") is { } stepList)
        {
            foreach (var item in stepList.Items)
                if (item is YamlMapping step) steps.Add(new WorkflowStep(job, steps.Count, step));
        }
        job.Steps = steps;
        return job;
    }
}
