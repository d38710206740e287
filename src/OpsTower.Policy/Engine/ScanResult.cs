using System;
using System.Collections.Generic;
using System.Linq;
using OpsTower.Policy.Rules;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Engine;

public enum NotificationLevel
{
    Note,
    Warning,
    Error,
}

/// <summary>
/// Something the scan itself has to say (a file that failed to parse, a file skipped, a rule that crashed): SARIF's
/// <c>toolExecutionNotifications</c>. A file's problems never stop the rest of the scan.
/// </summary>
public sealed class ScanNotification
{
    public ScanNotification(NotificationLevel level, string message, string? path = null, LinePositionSpan? position = null, string? ruleId = null)
    {
        Level = level;
        Message = message;
        Path = path;
        Position = position;
        RuleId = ruleId;
    }

    public NotificationLevel Level { get; }
    public string Message { get; }

    /// <summary>The file it concerns, relative to the scan root.</summary>
    public string? Path { get; }

    public LinePositionSpan? Position { get; }

    /// <summary>The rule that failed, for a rule crash.</summary>
    public string? RuleId { get; }

    public static int Compare(ScanNotification a, ScanNotification b)
    {
        int c = string.CompareOrdinal(a.Path ?? "", b.Path ?? "");
        if (c != 0) return c;
        c = Nullable.Compare(a.Position?.Start, b.Position?.Start);
        return c != 0 ? c : string.CompareOrdinal(a.Message, b.Message);
    }

    public override string ToString() => Path is null ? $"{Level}: {Message}" : $"{Path}{(Position is { } p ? ":" + p.Start : "")}: {Level}: {Message}";
}

/// <summary>The outcome of a scan, in deterministic order.</summary>
public sealed class ScanResult
{
    public ScanResult(
        string rootDirectory,
        IReadOnlyList<SourceFile> files,
        IReadOnlyList<RuleDescriptor> rules,
        IReadOnlyList<Finding> findings,
        IReadOnlyList<ScanNotification> notifications,
        bool comparedWithBaseline = false)
    {
        ComparedWithBaseline = comparedWithBaseline;
        RootDirectory = rootDirectory;
        Files = files;
        Rules = rules;
        Findings = findings;
        Notifications = notifications;
    }

    /// <summary>The folder file paths are relative to (SARIF's <c>%SRCROOT%</c>).</summary>
    public string RootDirectory { get; }

    /// <summary>The files that were parsed (recognised formats only), by path.</summary>
    public IReadOnlyList<SourceFile> Files { get; }

    /// <summary>The rules that ran, by id.</summary>
    public IReadOnlyList<RuleDescriptor> Rules { get; }

    /// <summary>By path, line, column, rule id.</summary>
    public IReadOnlyList<Finding> Findings { get; }

    public IReadOnlyList<ScanNotification> Notifications { get; }

    /// <summary>True when every finding has a <see cref="Finding.BaselineState"/> from a baseline log.</summary>
    public bool ComparedWithBaseline { get; }

    /// <summary>False when a file could not be read or parsed, or a rule failed.</summary>
    public bool ExecutionSuccessful => Notifications.All(n => n.Level != NotificationLevel.Error);

    /// <summary>Suppressed findings, and findings a baseline already had, do not count.</summary>
    public bool HasFindingsAtOrAbove(FindingLevel level) =>
        level != FindingLevel.None && Findings.Any(f => !f.IsSuppressed && f.BaselineState != BaselineState.Unchanged && f.Level >= level);

    /// <summary>How many findings suppression comments silence.</summary>
    public int SuppressedCount => Findings.Count(f => f.IsSuppressed);
}
