using System.Collections.Generic;
using System.Text.Json;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Reporting.Sarif;

// The subset of SARIF 2.1.0 that OpsTower.Policy writes. Each object writes its own properties in a fixed order, so the
// output does not depend on serializer settings or reflection (and stays byte-identical on netstandard2.0 and net10.0).

/// <summary>The whole log: <c>$schema</c>, <c>version</c> and one run.</summary>
internal sealed class SarifLog
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
    public const string Version = "2.1.0";

    public SarifLog(SarifRun run) => Run = run;

    public SarifRun Run { get; }

    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("$schema", SchemaUri);
        writer.WriteString("version", Version);
        writer.WriteStartArray("runs");
        Run.Write(writer);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}

internal sealed class SarifRun
{
    public const string SourceRootId = "%SRCROOT%";

    public SarifRun(SarifDriver driver, string? automationId, SarifInvocation invocation, string? sourceRootUri, IReadOnlyList<string> artifactUris, IReadOnlyList<SarifResult> results)
    {
        Driver = driver;
        AutomationId = automationId;
        Invocation = invocation;
        SourceRootUri = sourceRootUri;
        ArtifactUris = artifactUris;
        Results = results;
    }

    public SarifDriver Driver { get; }
    public string? AutomationId { get; }
    public SarifInvocation Invocation { get; }

    /// <summary>The <c>file:</c> URI of the scan root, or null when the result has no root directory.</summary>
    public string? SourceRootUri { get; }

    /// <summary>The URIs (relative to <c>%SRCROOT%</c>) of the files results point at; locations refer to them by index.</summary>
    public IReadOnlyList<string> ArtifactUris { get; }

    public IReadOnlyList<SarifResult> Results { get; }

    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("tool");
        writer.WritePropertyName("driver");
        Driver.Write(writer);
        writer.WriteEndObject();
        if (AutomationId is not null)
        {
            writer.WriteStartObject("automationDetails");
            writer.WriteString("id", AutomationId);
            writer.WriteEndObject();
        }
        writer.WriteStartArray("invocations");
        Invocation.Write(writer);
        writer.WriteEndArray();
        WriteOriginalUriBaseIds(writer);
        writer.WriteStartArray("artifacts");
        foreach (string uri in ArtifactUris)
        {
            writer.WriteStartObject();
            writer.WriteStartObject("location");
            writer.WriteString("uri", uri);
            writer.WriteString("uriBaseId", SourceRootId);
            writer.WriteEndObject();
            // Every file a result points at was parsed and checked: the related ones too.
            writer.WriteStartArray("roles");
            writer.WriteStringValue("analysisTarget");
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteString("columnKind", "utf16CodeUnits");
        writer.WriteStartArray("results");
        foreach (SarifResult result in Results) result.Write(writer);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private void WriteOriginalUriBaseIds(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("originalUriBaseIds");
        writer.WriteStartObject(SourceRootId);
        if (SourceRootUri is not null)
        {
            writer.WriteString("uri", SourceRootUri);
        }
        else
        {
            // Without a root the base id is left for the consumer to resolve (GitHub uses the checkout), as SARIF allows.
            SarifText.WriteMessage(writer, "description", "The root of the scanned repository; result URIs are relative to it.");
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}

internal sealed class SarifDriver
{
    public const string ToolName = "opstower-policy";
    public const string Organization = "OpsTower";

    public SarifDriver(string version, string informationUri, IReadOnlyList<SarifRule> rules)
    {
        Version = version;
        InformationUri = informationUri;
        Rules = rules;
    }

    public string Version { get; }
    public string InformationUri { get; }
    public IReadOnlyList<SarifRule> Rules { get; }

    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("name", ToolName);
        writer.WriteString("organization", Organization);
        writer.WriteString("semanticVersion", Version);
        writer.WriteString("version", Version);
        writer.WriteString("informationUri", InformationUri);
        writer.WriteStartArray("rules");
        foreach (SarifRule rule in Rules) rule.Write(writer);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}

/// <summary>A <c>reportingDescriptor</c> with the properties GitHub reads: tags, precision, security-severity, problem.severity.</summary>
internal sealed class SarifRule
{
    public SarifRule(string id, string name, string shortDescription, string fullDescription, string helpMarkdown, string helpUri, string defaultLevel, IReadOnlyList<string> tags, string precision, string securitySeverity, string problemSeverity)
    {
        Id = id;
        Name = name;
        ShortDescription = shortDescription;
        FullDescription = fullDescription;
        HelpMarkdown = helpMarkdown;
        HelpUri = helpUri;
        DefaultLevel = defaultLevel;
        Tags = tags;
        Precision = precision;
        SecuritySeverity = securitySeverity;
        ProblemSeverity = problemSeverity;
    }

    public string Id { get; }
    public string Name { get; }
    public string ShortDescription { get; }
    public string FullDescription { get; }
    public string HelpMarkdown { get; }
    public string HelpUri { get; }
    public string DefaultLevel { get; }
    public IReadOnlyList<string> Tags { get; }
    public string Precision { get; }
    public string SecuritySeverity { get; }
    public string ProblemSeverity { get; }

    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("id", Id);
        writer.WriteString("name", Name);
        SarifText.WriteMessage(writer, "shortDescription", ShortDescription);
        SarifText.WriteMessage(writer, "fullDescription", FullDescription);
        writer.WriteStartObject("help");
        // GitHub shows the Markdown; plain-text consumers get the full description.
        writer.WriteString("text", FullDescription);
        if (HelpMarkdown.Length > 0) writer.WriteString("markdown", HelpMarkdown);
        writer.WriteEndObject();
        writer.WriteString("helpUri", HelpUri);
        writer.WriteStartObject("defaultConfiguration");
        writer.WriteString("level", DefaultLevel);
        writer.WriteEndObject();
        writer.WriteStartObject("properties");
        writer.WriteStartArray("tags");
        foreach (string tag in Tags) writer.WriteStringValue(tag);
        writer.WriteEndArray();
        writer.WriteString("precision", Precision);
        writer.WriteString("security-severity", SecuritySeverity);
        writer.WriteString("problem.severity", ProblemSeverity);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}

internal sealed class SarifInvocation
{
    public SarifInvocation(bool executionSuccessful, IReadOnlyList<string>? arguments, IReadOnlyList<SarifNotification> notifications)
    {
        ExecutionSuccessful = executionSuccessful;
        Arguments = arguments;
        Notifications = notifications;
    }

    public bool ExecutionSuccessful { get; }
    public IReadOnlyList<string>? Arguments { get; }
    public IReadOnlyList<SarifNotification> Notifications { get; }

    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        if (Arguments is not null)
        {
            writer.WriteStartArray("arguments");
            foreach (string argument in Arguments) writer.WriteStringValue(argument);
            writer.WriteEndArray();
        }
        writer.WriteBoolean("executionSuccessful", ExecutionSuccessful);
        writer.WriteStartArray("toolExecutionNotifications");
        foreach (SarifNotification notification in Notifications) notification.Write(writer);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}

/// <summary>A <c>notification</c>: something the scan itself reports, such as a file that failed to parse.</summary>
internal sealed class SarifNotification
{
    public SarifNotification(string level, string message, SarifPhysicalLocation? location, string? ruleId, int? ruleIndex)
    {
        Level = level;
        Message = message;
        Location = location;
        RuleId = ruleId;
        RuleIndex = ruleIndex;
    }

    public string Level { get; }
    public string Message { get; }
    public SarifPhysicalLocation? Location { get; }

    /// <summary>The rule that failed (<c>associatedRule</c>); null for problems that are not a rule's.</summary>
    public string? RuleId { get; }

    public int? RuleIndex { get; }

    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("level", Level);
        SarifText.WriteMessage(writer, "message", Message);
        if (Location is not null)
        {
            writer.WriteStartArray("locations");
            writer.WriteStartObject();
            Location.Write(writer);
            writer.WriteEndObject();
            writer.WriteEndArray();
        }
        if (RuleId is not null)
        {
            writer.WriteStartObject("associatedRule");
            writer.WriteString("id", RuleId);
            if (RuleIndex is { } index) writer.WriteNumber("index", index);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }
}

internal sealed class SarifResult
{
    public SarifResult(string ruleId, int ruleIndex, string level, string message, SarifPhysicalLocation location, IReadOnlyList<SarifRelatedLocation> relatedLocations, string? primaryLocationLineHash,
        IReadOnlyList<SarifSuppression> suppressions, string? baselineState)
    {
        Suppressions = suppressions;
        BaselineState = baselineState;
        RuleId = ruleId;
        RuleIndex = ruleIndex;
        Level = level;
        Message = message;
        Location = location;
        RelatedLocations = relatedLocations;
        PrimaryLocationLineHash = primaryLocationLineHash;
    }

    public string RuleId { get; }
    public int RuleIndex { get; }
    public string Level { get; }
    public string Message { get; }
    public SarifPhysicalLocation Location { get; }
    public IReadOnlyList<SarifRelatedLocation> RelatedLocations { get; }
    public string? PrimaryLocationLineHash { get; }

    /// <summary>Written only when there are some: an absent <c>suppressions</c> is what every unsuppressed result has always had.</summary>
    public IReadOnlyList<SarifSuppression> Suppressions { get; }

    /// <summary><c>new</c> or <c>unchanged</c> when the scan was compared with a baseline log, else null (not written).</summary>
    public string? BaselineState { get; }

    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("ruleId", RuleId);
        writer.WriteNumber("ruleIndex", RuleIndex);
        writer.WriteString("level", Level);
        SarifText.WriteMessage(writer, "message", Message);
        writer.WriteStartArray("locations");
        writer.WriteStartObject();
        Location.Write(writer);
        writer.WriteEndObject();
        writer.WriteEndArray();
        if (RelatedLocations.Count > 0)
        {
            writer.WriteStartArray("relatedLocations");
            foreach (SarifRelatedLocation related in RelatedLocations) related.Write(writer);
            writer.WriteEndArray();
        }
        if (PrimaryLocationLineHash is not null)
        {
            writer.WriteStartObject("partialFingerprints");
            writer.WriteString("primaryLocationLineHash", PrimaryLocationLineHash);
            writer.WriteEndObject();
        }
        if (Suppressions.Count > 0)
        {
            writer.WriteStartArray("suppressions");
            foreach (SarifSuppression suppression in Suppressions) suppression.Write(writer);
            writer.WriteEndArray();
        }
        if (BaselineState is not null) writer.WriteString("baselineState", BaselineState);
        writer.WriteEndObject();
    }
}

/// <summary>A <c>suppression</c> (SARIF §3.35): an in-source comment, its justification and where it is. GitHub closes such alerts.</summary>
internal sealed class SarifSuppression
{
    public SarifSuppression(string kind, string? justification, SarifPhysicalLocation location)
    {
        Kind = kind;
        Justification = justification;
        Location = location;
    }

    public string Kind { get; }
    public string? Justification { get; }
    public SarifPhysicalLocation Location { get; }

    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", Kind);
        if (Justification is not null) writer.WriteString("justification", Justification);
        writer.WriteStartObject("location");
        Location.Write(writer);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}

internal sealed class SarifRelatedLocation
{
    public SarifRelatedLocation(int id, SarifPhysicalLocation location, string message)
    {
        Id = id;
        Location = location;
        Message = message;
    }

    /// <summary>Unique within the result, from 1; a result message can link to it as <c>[text](id)</c>.</summary>
    public int Id { get; }

    public SarifPhysicalLocation Location { get; }
    public string Message { get; }

    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id", Id);
        Location.Write(writer);
        SarifText.WriteMessage(writer, "message", Message);
        writer.WriteEndObject();
    }
}

/// <summary>A file under <c>%SRCROOT%</c> and, when known, a region of it: written as a location's <c>physicalLocation</c> property.</summary>
internal sealed class SarifPhysicalLocation
{
    public SarifPhysicalLocation(string uri, int? artifactIndex, LinePositionSpan? region)
    {
        Uri = uri;
        ArtifactIndex = artifactIndex;
        Region = region;
    }

    public string Uri { get; }
    public int? ArtifactIndex { get; }
    public LinePositionSpan? Region { get; }

    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("physicalLocation");
        writer.WriteStartObject("artifactLocation");
        writer.WriteString("uri", Uri);
        writer.WriteString("uriBaseId", SarifRun.SourceRootId);
        if (ArtifactIndex is { } index) writer.WriteNumber("index", index);
        writer.WriteEndObject();
        if (Region is { } region)
        {
            writer.WriteStartObject("region");
            writer.WriteNumber("startLine", region.Start.Line);
            writer.WriteNumber("startColumn", region.Start.Column);
            writer.WriteNumber("endLine", region.End.Line);
            writer.WriteNumber("endColumn", region.End.Column);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }
}

internal static class SarifText
{
    /// <summary>A <c>message</c> or <c>multiformatMessageString</c> with plain text only.</summary>
    public static void WriteMessage(Utf8JsonWriter writer, string propertyName, string text)
    {
        writer.WriteStartObject(propertyName);
        writer.WriteString("text", text);
        writer.WriteEndObject();
    }
}
