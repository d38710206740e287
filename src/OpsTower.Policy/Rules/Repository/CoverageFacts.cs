using System;
using System.Collections.Generic;
using System.Linq;
using OpsTower.Policy.Engine;
using OpsTower.Policy.Formats.Coverage;
using OpsTower.Policy.Formats.GitHubActions;
using OpsTower.Policy.Formats.Yaml;
using OpsTower.Policy.Rules.GitHubActions;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Rules.Repository;

/// <summary>A workflow step that runs tests: the tool whose threshold applies, the folders it runs in, and the command's span.</summary>
internal sealed class TestStep
{
    public TestStep(WorkflowStep step, CoverageTool? tool, IReadOnlyList<string> directories, TextSpan span, string command)
    {
        Step = step;
        Tool = tool;
        Directories = directories;
        Span = span;
        Command = command;
    }

    public WorkflowStep Step { get; }
    public WorkflowFile Workflow => Step.Job.Workflow;

    /// <summary>Null for a runner with no threshold setting of its own (go test, cargo test…): only Codecov can gate it.</summary>
    public CoverageTool? Tool { get; }

    /// <summary>Working folders relative to the repository root ("" for the root), one per matrix value.</summary>
    public IReadOnlyList<string> Directories { get; }

    public TextSpan Span { get; }
    public string Command { get; }
}

internal static class CoverageFacts
{
    /// <summary>The repository root a workflow belongs to: its path up to <c>.github/workflows/</c>.</summary>
    public static string RootOf(WorkflowFile workflow)
    {
        int at = workflow.File.Path.LastIndexOf(".github/workflows/", StringComparison.Ordinal);
        return at < 0 ? "" : workflow.File.Path.Substring(0, at);
    }

    /// <summary>A config's folder relative to <paramref name="root"/>, or null when it is outside it.</summary>
    public static string? RelativeDirectory(CoverageConfig config, string root)
    {
        string directory = config.Directory;
        if (root.Length == 0) return directory;
        string trimmedRoot = root.TrimEnd('/');
        if (directory == trimmedRoot) return "";
        return directory.StartsWith(root, StringComparison.Ordinal) ? directory.Substring(root.Length) : null;
    }

    public static IReadOnlyList<TestStep> TestSteps(RepositoryModel repository, IReadOnlyList<StepPattern> tests)
    {
        var result = new List<TestStep>();
        foreach (var workflow in WorkflowFacts.Workflows(repository))
        foreach (var step in WorkflowFacts.AllSteps(workflow))
        {
            if (step.Run is not { } run) continue;
            var pattern = tests.FirstOrDefault(t => t.Matches(step));
            if (pattern?.FindLine(run.Value) is not { } line) continue;
            string command = run.Value.Substring(line.Start, line.Length);
            var offsets = ScalarContent.MapOffsets(workflow.File, run);
            var span = WorkflowExpressions.MapValueSpan(offsets, run, line.Start, line.Length);
            result.Add(new TestStep(step, ToolOf(command), Directories(step), span, command));
        }
        return result;
    }

    private static CoverageTool? ToolOf(string command)
    {
        string[] words = command.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
        if (words.Any(w => w == "pytest" || w.EndsWith("/pytest", StringComparison.Ordinal))) return CoverageTool.Pytest;
        if (words.Contains("dotnet")) return CoverageTool.Coverlet;
        if (words.Any(w => w is "npm" or "yarn" or "pnpm" or "npx" or "jest")) return CoverageTool.Jest;
        return null;
    }

    /// <summary>The step's working directory with <c>${{ matrix.x }}</c> replaced by each value of the job's matrix.</summary>
    private static IReadOnlyList<string> Directories(WorkflowStep step)
    {
        string directory = (step.WorkingDirectory ?? "").Trim();
        if (directory.StartsWith("./", StringComparison.Ordinal)) directory = directory.Substring(2);
        var results = new List<string> { directory.TrimEnd('/') };
        int at = directory.IndexOf("${{", StringComparison.Ordinal);
        if (at < 0) return results;
        int close = directory.IndexOf("}}", at, StringComparison.Ordinal);
        if (close < 0) return results;
        string path = WorkflowExpressions.ContextPaths(directory.Substring(at + 3, close - at - 3)).FirstOrDefault() ?? "";
        if (!path.StartsWith("matrix.", StringComparison.Ordinal) || step.Job.Matrix?.GetSequence(path.Substring("matrix.".Length)) is not { } values)
            return results;
        return values.Items.OfType<YamlScalar>()
            .Select(v => (directory.Substring(0, at) + v.Value + directory.Substring(close + 2)).TrimEnd('/'))
            .ToList();
    }

    /// <summary>True when a config in <paramref name="configDirectory"/> governs tests run in <paramref name="stepDirectory"/>.</summary>
    public static bool Governs(string configDirectory, string stepDirectory) =>
        configDirectory.Length == 0 || stepDirectory.Length == 0 || stepDirectory == configDirectory
        || stepDirectory.StartsWith(configDirectory + "/", StringComparison.Ordinal);

    /// <summary>The threshold the command line itself sets, if any.</summary>
    public static bool CommandSetsThreshold(string command) =>
        command.IndexOf("--cov-fail-under", StringComparison.Ordinal) >= 0
        || command.IndexOf("--coverageThreshold", StringComparison.Ordinal) >= 0
        || command.IndexOf("Threshold=", StringComparison.Ordinal) >= 0;

    /// <summary>Configs of the step's tool, under its workflow's root, that govern one of its folders and set thresholds.</summary>
    public static IEnumerable<CoverageConfig> ConfigsFor(RepositoryModel repository, TestStep test)
    {
        string root = RootOf(test.Workflow);
        return repository.ModelsOf<CoverageConfig>().Where(c => c.Tool == test.Tool && c.Thresholds.Count > 0
            && RelativeDirectory(c, root) is { } directory && test.Directories.Any(d => Governs(directory, d)));
    }

    /// <summary>A Codecov config under the root with a status that fails (not informational).</summary>
    public static bool CodecovGates(RepositoryModel repository, string root) =>
        repository.ModelsOf<CoverageConfig>().Any(c => c.Tool == CoverageTool.Codecov && RelativeDirectory(c, root) is not null
            && c.Thresholds.Any(t => !t.Informational));

    public static string Describe(CoverageThreshold threshold) => threshold.Tool switch
    {
        CoverageTool.Jest => $"jest coverageThreshold.global.{threshold.Metric}",
        CoverageTool.Codecov => $"Codecov status {threshold.Metric} target",
        CoverageTool.Coverlet => $"coverlet Threshold ({threshold.Metric})",
        _ => "pytest-cov fail-under",
    };
}
