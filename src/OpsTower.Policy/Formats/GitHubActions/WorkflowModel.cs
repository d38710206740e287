using System;
using System.Collections.Generic;
using System.Linq;
using OpsTower.Policy.Formats.Yaml;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Formats.GitHubActions;

/// <summary>
/// A GitHub Actions workflow (<c>.github/workflows/*.yml</c>) or an action's metadata (<c>action.yml</c>). A composite
/// action's steps are read as one job whose id is <c>runs</c>, so step rules apply to both.
/// </summary>
public sealed class WorkflowFile
{
    internal WorkflowFile(SourceFile file, YamlFile yaml, YamlMapping? root, bool isAction, IReadOnlyList<ParseDiagnostic> diagnostics)
    {
        File = file;
        Yaml = yaml;
        Root = root;
        IsAction = isAction;
        Diagnostics = diagnostics;
    }

    public SourceFile File { get; }
    public YamlFile Yaml { get; }

    /// <summary>The first document's mapping; null when the file is empty or broken.</summary>
    public YamlMapping? Root { get; }

    /// <summary>True for <c>action.yml</c> metadata rather than a workflow.</summary>
    public bool IsAction { get; }

    public IReadOnlyList<ParseDiagnostic> Diagnostics { get; }

    public string? Name => Root?.GetString("name");

    /// <summary>The <c>on:</c> entry (YAML 1.1 readers would see the key <c>on</c> as true; GitHub does not).</summary>
    public YamlEntry? OnEntry { get; internal set; }

    public IReadOnlyList<WorkflowTrigger> Triggers { get; internal set; } = Array.Empty<WorkflowTrigger>();

    /// <summary>Workflow-level <c>permissions</c>, or null when the workflow sets none.</summary>
    public PermissionsBlock? Permissions { get; internal set; }

    public YamlEntry? JobsEntry { get; internal set; }

    public IReadOnlyList<WorkflowJob> Jobs { get; internal set; } = Array.Empty<WorkflowJob>();

    /// <summary>A Docker action's <c>runs.image</c> (<c>docker://…</c> or a Dockerfile path).</summary>
    public YamlScalar? ActionImage { get; internal set; }

    public bool HasTrigger(string name) => Triggers.Any(t => t.Name == name);

    /// <summary>A workflow that pull requests run (and so can be a required status check).</summary>
    public bool RunsOnPullRequests => Triggers.Any(t => t.Name is "pull_request" or "pull_request_target" or "merge_group");

    /// <summary>Where a finding about the whole file points: the <c>jobs</c> key, else <c>on</c>, else the first key.</summary>
    public TextSpan ReportSpan =>
        JobsEntry?.Key.Span ?? OnEntry?.Key.Span ?? (Root is { Entries.Count: > 0 } root ? root.Entries[0].Key.Span : new TextSpan(0, 0));

    public WorkflowJob? FindJob(string id) => Jobs.FirstOrDefault(j => j.Id == id);

    /// <summary>The job and every job it needs, directly or through others (cycles are cut).</summary>
    public IReadOnlyList<WorkflowJob> JobWithDependencies(WorkflowJob job)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<WorkflowJob>();
        var pending = new Stack<WorkflowJob>();
        pending.Push(job);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (!seen.Add(current.Id)) continue;
            result.Add(current);
            foreach (var need in current.Needs)
                if (FindJob(need.Value) is { } needed) pending.Push(needed);
        }
        return result;
    }
}

/// <summary>One event under <c>on:</c>, with its configuration (branches, types…) when given.</summary>
public sealed class WorkflowTrigger
{
    public WorkflowTrigger(YamlScalar nameNode, YamlNode? configuration)
    {
        NameNode = nameNode;
        Configuration = configuration as YamlMapping;
        ScheduleNode = configuration as YamlSequence;
    }

    public YamlScalar NameNode { get; }
    public string Name => NameNode.Value;
    public YamlMapping? Configuration { get; }

    /// <summary>The list under <c>schedule:</c>.</summary>
    public YamlSequence? ScheduleNode { get; }
}

public enum PermissionLevel
{
    None,
    Read,
    Write,
}

/// <summary>One scope of a <c>permissions</c> mapping (<c>contents: read</c>).</summary>
public sealed record PermissionScope(string Name, PermissionLevel Level, YamlScalar KeyNode, YamlScalar ValueNode);

/// <summary>A <c>permissions:</c> value: <c>read-all</c>, <c>write-all</c>, <c>{}</c> or a mapping of scopes.</summary>
public sealed class PermissionsBlock
{
    public PermissionsBlock(YamlEntry entry)
    {
        Entry = entry;
        var scopes = new List<PermissionScope>();
        if (entry.Value is YamlScalar { IsNull: false } shorthand) Shorthand = shorthand;
        else if (entry.Value is YamlMapping mapping)
        {
            foreach (var scope in mapping.Entries)
            {
                if (scope.Key is not YamlScalar key || scope.Value is not YamlScalar value) continue;
                var level = value.Value switch
                {
                    "write" => PermissionLevel.Write,
                    "read" => PermissionLevel.Read,
                    _ => PermissionLevel.None,
                };
                scopes.Add(new PermissionScope(key.Value, level, key, value));
            }
        }
        Scopes = scopes;
    }

    public YamlEntry Entry { get; }

    /// <summary><c>read-all</c> or <c>write-all</c> when written that way.</summary>
    public YamlScalar? Shorthand { get; }

    public bool IsWriteAll => Shorthand?.Value == "write-all";

    public IReadOnlyList<PermissionScope> Scopes { get; }
}

/// <summary>One job of a workflow (or a composite action's steps).</summary>
public sealed class WorkflowJob
{
    internal WorkflowJob(WorkflowFile workflow, YamlScalar idNode, YamlMapping node)
    {
        Workflow = workflow;
        IdNode = idNode;
        Node = node;
    }

    public WorkflowFile Workflow { get; }
    public YamlScalar IdNode { get; }
    public string Id => IdNode.Value;
    public YamlMapping Node { get; }

    /// <summary>The <c>name:</c> scalar; GitHub shows the id when it is missing.</summary>
    public YamlScalar? NameNode => Node.GetScalar("name");

    public IReadOnlyList<YamlScalar> Needs { get; internal set; } = Array.Empty<YamlScalar>();
    public PermissionsBlock? Permissions { get; internal set; }
    public IReadOnlyList<WorkflowStep> Steps { get; internal set; } = Array.Empty<WorkflowStep>();

    /// <summary>A reusable-workflow call's <c>uses:</c>.</summary>
    public YamlScalar? Uses => Node.GetScalar("uses");

    public ActionReference? UsesReference => Uses is { } uses ? ActionReference.Parse(uses.Value) : null;

    /// <summary>A reusable-workflow call's <c>secrets:</c> (a mapping, or the scalar <c>inherit</c>).</summary>
    public YamlNode? Secrets => Node.Get("secrets");

    /// <summary>The <c>strategy.matrix</c> mapping.</summary>
    public YamlMapping? Matrix => Node.GetMapping("strategy")?.GetMapping("matrix");

    /// <summary>The permissions that apply: the job's own, else the workflow's.</summary>
    public PermissionsBlock? EffectivePermissions => Permissions ?? Workflow.Permissions;

    /// <summary>
    /// The names GitHub gives this job's check runs: its name (or id), and for a matrix the same followed by the
    /// matrix values in parentheses, which is matched by prefix.
    /// </summary>
    public string CheckName => NameNode?.Value ?? Id;

    public override string ToString() => Id;
}

/// <summary>One step: <c>uses:</c> an action or <c>run:</c> a script.</summary>
public sealed class WorkflowStep
{
    internal WorkflowStep(WorkflowJob job, int index, YamlMapping node)
    {
        Job = job;
        Index = index;
        Node = node;
        Uses = node.GetScalar("uses");
        Action = Uses is null ? null : ActionReference.Parse(Uses.Value);
        Run = node.GetScalar("run");
    }

    public WorkflowJob Job { get; }

    /// <summary>0-based position in the job.</summary>
    public int Index { get; }

    public YamlMapping Node { get; }
    public YamlScalar? Uses { get; }
    public ActionReference? Action { get; }
    public YamlScalar? Run { get; }
    public YamlMapping? With => Node.GetMapping("with");
    public YamlMapping? Env => Node.GetMapping("env");
    public string? Name => Node.GetString("name");
    public string? WorkingDirectory =>
        Node.GetString("working-directory") ?? (Job.Node.GetPath("defaults", "run", "working-directory") as YamlScalar)?.Value;

    /// <summary>The <c>with:</c> input's scalar.</summary>
    public YamlScalar? Input(string name) => With?.GetScalar(name);

    /// <summary>True when the step uses the action (<c>owner/repo</c> or <c>owner/repo/path</c>, any ref, any case).</summary>
    public bool UsesAction(string name) => Action is { IsRepository: true } action && string.Equals(action.Name, name, StringComparison.OrdinalIgnoreCase);

    /// <summary>The step's name, else what it uses or its script's first line, for messages.</summary>
    public string DisplayName
    {
        get
        {
            if (Name is { } name) return $"'{name}'";
            if (Uses is { } uses) return $"'{uses.Value}'";
            string script = Run?.Value ?? "";
            int newline = script.IndexOf('\n');
            return $"'{(newline < 0 ? script : script.Substring(0, newline)).Trim()}'";
        }
    }
}

public enum ActionReferenceKind
{
    /// <summary><c>owner/repo[/path]@ref</c>.</summary>
    Repository,

    /// <summary><c>./path</c> in the same repository.</summary>
    Local,

    /// <summary><c>docker://image</c>.</summary>
    Docker,
}

/// <summary>A step's or job's <c>uses:</c> value, split.</summary>
public sealed class ActionReference
{
    private ActionReference(ActionReferenceKind kind, string name, string? reference, int referenceStart)
    {
        Kind = kind;
        Name = name;
        Ref = reference;
        RefStart = referenceStart;
    }

    public ActionReferenceKind Kind { get; }

    /// <summary><c>owner/repo</c> or <c>owner/repo/path</c>; the image for Docker; the path for local.</summary>
    public string Name { get; }

    /// <summary>What follows '@' (a Docker reference's tag or digest follows ':' or '@'); null when none is given.</summary>
    public string? Ref { get; }

    /// <summary>Index of <see cref="Ref"/> in the <c>uses</c> value (-1 without a ref).</summary>
    public int RefStart { get; }

    public bool IsRepository => Kind == ActionReferenceKind.Repository;

    public string Owner => Name.Split('/')[0];

    /// <summary>A repository action pinned to a full 40-hex commit, or a Docker image pinned to a digest.</summary>
    public bool IsPinned => Kind switch
    {
        ActionReferenceKind.Local => true,
        ActionReferenceKind.Docker => Ref is not null && Ref.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase),
        _ => Ref is not null && IsFullSha(Ref),
    };

    public static bool IsFullSha(string text) => text.Length == 40 && text.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f' or >= 'A' and <= 'F');

    public static ActionReference Parse(string uses)
    {
        string value = uses.Trim();
        if (value.StartsWith("./", StringComparison.Ordinal) || value.StartsWith(".\\", StringComparison.Ordinal))
            return new ActionReference(ActionReferenceKind.Local, value, null, -1);
        if (value.StartsWith("docker://", StringComparison.OrdinalIgnoreCase))
        {
            string image = value.Substring("docker://".Length);
            int at = image.IndexOf('@');
            if (at >= 0) return new ActionReference(ActionReferenceKind.Docker, image.Substring(0, at), image.Substring(at + 1), "docker://".Length + at + 1);
            int colon = image.IndexOf(':', image.LastIndexOf('/') + 1);
            return colon < 0
                ? new ActionReference(ActionReferenceKind.Docker, image, null, -1)
                : new ActionReference(ActionReferenceKind.Docker, image.Substring(0, colon), image.Substring(colon + 1), "docker://".Length + colon + 1);
        }
        int refAt = value.LastIndexOf('@');
        return refAt < 0
            ? new ActionReference(ActionReferenceKind.Repository, value, null, -1)
            : new ActionReference(ActionReferenceKind.Repository, value.Substring(0, refAt), value.Substring(refAt + 1), refAt + 1);
    }

    public override string ToString() => Ref is null ? Name : $"{Name}@{Ref}";
}
