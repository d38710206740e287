using System;
using System.Linq;

namespace OpsTower.Policy.Rules.Terraform;

/// <summary>Terraform version constraint strings (<c>~&gt; 5.0</c>, <c>&gt;= 1.5, &lt; 2.0</c>).</summary>
internal static class VersionConstraints
{
    /// <summary>Whether the constraint caps the version: <c>~&gt;</c>, <c>&lt;</c>, <c>&lt;=</c>, <c>=</c> or a bare version in one of its parts.</summary>
    public static bool HasUpperBound(string constraint) =>
        constraint.Split(',').Select(p => p.Trim()).Where(p => p.Length > 0).Any(part =>
            part.StartsWith("~>", StringComparison.Ordinal) || part.StartsWith("<", StringComparison.Ordinal)
            || (part.StartsWith("=", StringComparison.Ordinal) && !part.StartsWith("=>", StringComparison.Ordinal))
            || char.IsDigit(part[0]) || part[0] == 'v');
}
