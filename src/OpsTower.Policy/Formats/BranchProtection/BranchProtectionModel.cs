using System;
using System.Collections.Generic;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Formats.BranchProtection;

/// <summary>Where a team keeps its branch protection as code.</summary>
public enum ProtectionFormat
{
    /// <summary>A <c>GET /repos/{o}/{r}/branches/{b}/protection</c> export (or the same body as sent with PUT).</summary>
    RestExport,

    /// <summary>A repository ruleset (<c>GET /repos/{o}/{r}/rulesets/{id}</c>).</summary>
    Ruleset,

    /// <summary>The settings app's <c>.github/settings.yml</c> <c>branches:</c> section.</summary>
    SettingsApp,

    /// <summary>The DevOps specification's <c>branching_strategy.protection_rules</c> YAML.</summary>
    BranchingStrategy,
}

/// <summary>A setting's value and where it is written.</summary>
public sealed record ProtectionValue<T>(T Value, TextSpan Span) where T : struct;

/// <summary>A required status check's name as written.</summary>
public sealed record RequiredCheck(string Name, TextSpan Span);

/// <summary>
/// What one document says about one branch (or branch pattern). A null setting is one the document does not state.
/// Rulesets add to the classic protection, so what they leave out is not a weakening; for the other formats an
/// omitted force-push or deletion setting means GitHub's default, blocked.
/// </summary>
public sealed class BranchProtectionRule
{
    public BranchProtectionRule(BranchProtectionDocument document, string branch, TextSpan reportSpan)
    {
        Document = document;
        Branch = branch;
        ReportSpan = reportSpan;
    }

    public BranchProtectionDocument Document { get; }

    /// <summary>The branch name or pattern as written (<c>refs/heads/</c> removed); <c>~DEFAULT_BRANCH</c> and <c>~ALL</c> are kept.</summary>
    public string Branch { get; }

    /// <summary>Where a finding about a missing setting points: the branch's name, or the document's start.</summary>
    public TextSpan ReportSpan { get; }

    /// <summary>True when pull request reviews are required at all; null when not stated.</summary>
    public ProtectionValue<bool>? PullRequestsRequired { get; internal set; }

    public ProtectionValue<int>? RequiredApprovals { get; internal set; }
    public ProtectionValue<bool>? DismissStaleReviews { get; internal set; }
    public ProtectionValue<bool>? RequireCodeOwnerReviews { get; internal set; }
    public ProtectionValue<bool>? StatusChecksRequired { get; internal set; }

    /// <summary>Branches must be up to date with the base before merging.</summary>
    public ProtectionValue<bool>? StrictStatusChecks { get; internal set; }

    public IReadOnlyList<RequiredCheck> RequiredChecks { get; internal set; } = Array.Empty<RequiredCheck>();

    /// <summary>The rule binds administrators (classic <c>enforce_admins</c>; a ruleset without an admin bypass).</summary>
    public ProtectionValue<bool>? AdminsEnforced { get; internal set; }

    public ProtectionValue<bool>? AllowForcePushes { get; internal set; }
    public ProtectionValue<bool>? AllowDeletions { get; internal set; }

    /// <summary>True for a ruleset, whose omissions leave other protections in force.</summary>
    public bool IsAdditive => Document.Format == ProtectionFormat.Ruleset;

    public override string ToString() => $"{Document.File.Path}: {Branch}";
}

/// <summary>A file of branch protection in one of the <see cref="ProtectionFormat"/>s.</summary>
public sealed class BranchProtectionDocument
{
    public BranchProtectionDocument(SourceFile file, ProtectionFormat format)
    {
        File = file;
        Format = format;
    }

    public SourceFile File { get; }
    public ProtectionFormat Format { get; }
    public IReadOnlyList<BranchProtectionRule> Rules { get; internal set; } = Array.Empty<BranchProtectionRule>();
    public IReadOnlyList<ParseDiagnostic> Diagnostics { get; internal set; } = Array.Empty<ParseDiagnostic>();
}
