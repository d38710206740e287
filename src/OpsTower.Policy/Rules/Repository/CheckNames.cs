using System;
using OpsTower.Policy.Formats.GitHubActions;

namespace OpsTower.Policy.Rules.Repository;

/// <summary>How GitHub names the check runs of a job, as branch protection requires them.</summary>
internal static class CheckNames
{
    /// <summary>
    /// True when the job reports the check: its name (or id without one), that name followed by a matrix's
    /// <c>(values)</c>, or <c>name / called-job</c> for a reusable-workflow call. A name with an expression matches
    /// by its literal text before the first expression.
    /// </summary>
    public static bool Produces(WorkflowJob job, string check)
    {
        string name = job.CheckName;
        int expression = name.IndexOf("${{", StringComparison.Ordinal);
        if (expression >= 0) return expression > 0 && check.StartsWith(name.Substring(0, expression).TrimEnd(), StringComparison.Ordinal);
        if (check == name) return true;
        if (check.StartsWith(name + " (", StringComparison.Ordinal) && check.EndsWith(")", StringComparison.Ordinal)) return true;
        return job.Uses is not null && check.StartsWith(name + " / ", StringComparison.Ordinal);
    }
}
