using System;
using System.Collections.Generic;
using System.Linq;
using OpsTower.Policy.Formats.GitHubActions;
using OpsTower.Policy.Formats.Yaml;
using OpsTower.Policy.Rules.GitHubActions;

namespace OpsTower.Policy.Rules.Repository;

/// <summary>Image references reduced to their repository path, and the ones workflows push.</summary>
internal static class ImageNames
{
    /// <summary><c>registry.example.com:5000/team/app:1.2@sha256:…</c> → <c>team/app</c>; a leading registry host (with '.' or ':', or localhost) is dropped.</summary>
    public static string RepositoryPath(string image)
    {
        string name = image.Trim();
        int at = name.IndexOf('@');
        if (at >= 0) name = name.Substring(0, at);
        int colon = name.IndexOf(':', name.LastIndexOf('/') + 1);
        if (colon >= 0) name = name.Substring(0, colon);
        int slash = name.IndexOf('/');
        if (slash > 0)
        {
            string first = name.Substring(0, slash);
            if (first.IndexOf('.') >= 0 || first.IndexOf(':') >= 0 || first == "localhost" || first == "*") name = name.Substring(slash + 1);
        }
        return name;
    }

    /// <summary>The folder a Dockerfile builds, by its last segment (<c>services/user-service/Dockerfile</c> → <c>user-service</c>).</summary>
    public static string ServiceOf(string dockerfilePath)
    {
        string[] parts = dockerfilePath.Split('/');
        return parts.Length >= 2 ? parts[parts.Length - 2] : "";
    }

    /// <summary>True when the image's last path segment is the service name, or ends with '-' and it (ops-tower-user-service).</summary>
    public static bool NamesService(string image, string service)
    {
        if (service.Length == 0) return false;
        string path = RepositoryPath(image);
        string last = path.Substring(path.LastIndexOf('/') + 1);
        return last == service || last.EndsWith("-" + service, StringComparison.Ordinal);
    }

    /// <summary>
    /// The repository paths a workflow pushes, as patterns: matrix values are expanded, any other expression is '*'.
    /// Read from docker/build-push-action's tags (when it pushes) and from 'docker push' commands.
    /// </summary>
    public static IReadOnlyList<string> PushedPatterns(WorkflowFile workflow, IReadOnlyList<StepPattern> pushSteps)
    {
        var patterns = new List<string>();
        foreach (var step in WorkflowFacts.AllSteps(workflow))
        {
            if (!WorkflowFacts.PushesImage(step, pushSteps)) continue;
            var references = new List<string>();
            if (step.Input("tags") is { } tags)
                references.AddRange(tags.Value.Split(new[] { '\n', ',' }, StringSplitOptions.RemoveEmptyEntries).Select(t => t.Trim()).Where(t => t.Length > 0));
            if (step.Run is { } run)
            {
                foreach (var command in StepPattern.Commands(run.Value))
                {
                    int push = Array.IndexOf(command, "push");
                    if (push >= 0 && push + 1 < command.Length && !command[push + 1].StartsWith("-", StringComparison.Ordinal)) references.Add(command[push + 1]);
                }
            }
            foreach (string reference in references)
            foreach (string expanded in ExpandMatrix(reference, step.Job))
                patterns.Add(RepositoryPath(ReplaceExpressions(expanded)));
        }
        return patterns;
    }

    /// <summary>Glob match where '*' is any run of characters.</summary>
    public static bool MatchesPattern(string pattern, string text)
    {
        int p = 0, t = 0, starP = -1, starT = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                starP = ++p;
                starT = t;
            }
            else if (p < pattern.Length && pattern[p] == text[t])
            {
                p++;
                t++;
            }
            else if (starP >= 0)
            {
                p = starP;
                t = ++starT;
            }
            else return false;
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }

    /// <summary>The text once per combination of the job's matrix values it names (other expressions stay).</summary>
    private static IEnumerable<string> ExpandMatrix(string text, WorkflowJob job)
    {
        var results = new List<string> { text };
        for (int round = 0; round < 4; round++)
        {
            var next = new List<string>();
            bool changed = false;
            foreach (string item in results)
            {
                var found = FirstMatrixExpression(item, job);
                if (found is not { } matrix)
                {
                    next.Add(item);
                    continue;
                }
                changed = true;
                next.AddRange(matrix.Values.Select(v => item.Substring(0, matrix.Start) + v + item.Substring(matrix.End)));
            }
            results = next;
            if (!changed) break;
        }
        return results;
    }

    private static (int Start, int End, IReadOnlyList<string> Values)? FirstMatrixExpression(string text, WorkflowJob job)
    {
        int at = text.IndexOf("${{", StringComparison.Ordinal);
        while (at >= 0)
        {
            int close = text.IndexOf("}}", at, StringComparison.Ordinal);
            if (close < 0) return null;
            string? path = WorkflowExpressions.ContextPaths(text.Substring(at + 3, close - at - 3)).FirstOrDefault();
            if (path is not null && path.StartsWith("matrix.", StringComparison.Ordinal)
                && job.Matrix?.GetSequence(path.Substring("matrix.".Length)) is { } values)
                return (at, close + 2, values.Items.OfType<YamlScalar>().Select(v => v.Value).ToList());
            at = text.IndexOf("${{", close, StringComparison.Ordinal);
        }
        return null;
    }

    private static string ReplaceExpressions(string text)
    {
        var result = new System.Text.StringBuilder();
        int i = 0;
        while (i < text.Length)
        {
            int at = text.IndexOf("${{", i, StringComparison.Ordinal);
            if (at < 0)
            {
                result.Append(text, i, text.Length - i);
                break;
            }
            result.Append(text, i, at - i).Append('*');
            int close = text.IndexOf("}}", at, StringComparison.Ordinal);
            i = close < 0 ? text.Length : close + 2;
        }
        return result.ToString();
    }
}
