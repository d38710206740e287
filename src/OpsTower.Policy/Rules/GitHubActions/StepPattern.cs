using System;
using System.Collections.Generic;
using System.Linq;
using OpsTower.Policy.Formats.GitHubActions;

namespace OpsTower.Policy.Rules.GitHubActions;

/// <summary>
/// What a policy says a step does, as a parameter string: <c>uses: owner/repo</c> matches a step using that action
/// (or, ending in '/', any action under that path); <c>run: npm audit</c> matches a script with a command whose words
/// start with <c>npm</c> and contain <c>audit</c> after it, in order (a word ending in '*' matches by prefix).
/// </summary>
public sealed class StepPattern
{
    private readonly string? _action;
    private readonly string[] _words;

    private StepPattern(string text, string? action, string[] words)
    {
        Text = text;
        _action = action;
        _words = words;
    }

    public string Text { get; }

    public static StepPattern Parse(string text)
    {
        string trimmed = text.Trim();
        if (trimmed.StartsWith("uses:", StringComparison.Ordinal)) return new StepPattern(trimmed, trimmed.Substring(5).Trim(), Array.Empty<string>());
        if (trimmed.StartsWith("run:", StringComparison.Ordinal))
            return new StepPattern(trimmed, null, trimmed.Substring(4).Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries));
        throw new PolicyException($"A step pattern starts with 'uses:' or 'run:', not '{text}'.");
    }

    public static IReadOnlyList<StepPattern> ParseAll(IEnumerable<string> texts) => texts.Select(Parse).ToList();

    public bool Matches(WorkflowStep step)
    {
        if (_action is not null)
        {
            if (step.Action is not { IsRepository: true } action) return false;
            return _action.EndsWith("/", StringComparison.Ordinal)
                ? action.Name.StartsWith(_action, StringComparison.OrdinalIgnoreCase) || string.Equals(action.Name + "/", _action, StringComparison.OrdinalIgnoreCase)
                : string.Equals(action.Name, _action, StringComparison.OrdinalIgnoreCase);
        }
        return step.Run is { } run && Commands(run.Value).Any(MatchesCommand);
    }

    public static bool AnyMatches(IEnumerable<StepPattern> patterns, WorkflowStep step) => patterns.Any(p => p.Matches(step));

    /// <summary>The first line of a script holding a command this pattern matches: its start and length in the script, trimmed.</summary>
    public (int Start, int Length)? FindLine(string script)
    {
        if (_action is not null) return null;
        int lineStart = 0;
        while (lineStart <= script.Length)
        {
            int lineEnd = script.IndexOf('\n', lineStart);
            if (lineEnd < 0) lineEnd = script.Length;
            string line = script.Substring(lineStart, lineEnd - lineStart);
            if (Commands(line).Any(MatchesCommand))
            {
                string trimmed = line.Trim();
                return (lineStart + line.IndexOf(trimmed, StringComparison.Ordinal), trimmed.Length);
            }
            lineStart = lineEnd + 1;
        }
        return null;
    }

    private bool MatchesCommand(string[] command)
    {
        if (_words.Length == 0 || command.Length == 0 || !WordMatches(_words[0], command[0])) return false;
        int next = 1;
        for (int i = 1; i < command.Length && next < _words.Length; i++)
            if (WordMatches(_words[next], command[i])) next++;
        return next == _words.Length;
    }

    private static bool WordMatches(string pattern, string word) =>
        pattern.EndsWith("*", StringComparison.Ordinal)
            ? word.StartsWith(pattern.Substring(0, pattern.Length - 1), StringComparison.Ordinal)
            : word == pattern;

    /// <summary>The script's simple commands as words: split at line ends, ';', '&amp;&amp;', '||' and '|'; env assignments and sudo skipped.</summary>
    internal static IEnumerable<string[]> Commands(string script)
    {
        var current = new List<string>();
        foreach (string line in script.Replace("\\\n", " ").Split('\n'))
        {
            foreach (string raw in line.Split(new[] { ' ', '\t', '\r' }, StringSplitOptions.RemoveEmptyEntries))
            {
                if (raw.StartsWith("#", StringComparison.Ordinal)) break;
                string word = raw;
                bool ends = false;
                if (word is ";" or "&&" or "||" or "|")
                {
                    if (current.Count > 0) yield return current.ToArray();
                    current.Clear();
                    continue;
                }
                if (word.EndsWith(";", StringComparison.Ordinal))
                {
                    word = word.Substring(0, word.Length - 1);
                    ends = true;
                }
                word = word.Trim('"', '\'');
                bool isPrefix = current.Count == 0 && (word == "sudo" || (word.IndexOf('=') > 0 && !word.StartsWith("-", StringComparison.Ordinal)));
                if (!isPrefix && word.Length > 0) current.Add(word);
                if (ends && current.Count > 0)
                {
                    yield return current.ToArray();
                    current.Clear();
                }
            }
            if (current.Count > 0) yield return current.ToArray();
            current.Clear();
        }
    }
}

/// <summary>What rules look for in workflows, in one place.</summary>
internal static class WorkflowFacts
{
    public const string CheckoutAction = "actions/checkout";

    public static IEnumerable<WorkflowStep> AllSteps(WorkflowFile workflow) => workflow.Jobs.SelectMany(j => j.Steps);

    /// <summary>True when a step of the job, or of a job it needs, matches.</summary>
    public static bool JobOrNeedsDo(WorkflowJob job, IReadOnlyList<StepPattern> patterns) =>
        job.Workflow.JobWithDependencies(job).Any(j => j.Steps.Any(s => StepPattern.AnyMatches(patterns, s)));

    /// <summary>A step that pushes an image: it matches a pattern, and a <c>docker/build-push-action</c> only with <c>push: true</c>.</summary>
    public static bool PushesImage(WorkflowStep step, IReadOnlyList<StepPattern> patterns)
    {
        if (!StepPattern.AnyMatches(patterns, step)) return false;
        if (step.Action is { IsRepository: true } action && action.Name.Equals("docker/build-push-action", StringComparison.OrdinalIgnoreCase))
            return step.Input("push") is { } push && (push.AsBool() == true || push.Value.IndexOf("${{", StringComparison.Ordinal) >= 0);
        return true;
    }

    /// <summary>The workflows of a repository (not action metadata), by path.</summary>
    public static IReadOnlyList<WorkflowFile> Workflows(Engine.RepositoryModel repository) =>
        repository.ModelsOf<WorkflowFile>().Where(w => !w.IsAction && w.Root is not null).ToList();
}
