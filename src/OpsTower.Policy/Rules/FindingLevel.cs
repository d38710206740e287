namespace OpsTower.Policy.Rules;

/// <summary>How serious a finding is; the names and order match SARIF's <c>level</c>.</summary>
public enum FindingLevel
{
    None = 0,
    Note = 1,
    Warning = 2,
    Error = 3,
}

public static class FindingLevels
{
    public static string ToSarif(this FindingLevel level) => level switch
    {
        FindingLevel.Error => "error",
        FindingLevel.Warning => "warning",
        FindingLevel.Note => "note",
        _ => "none",
    };

    public static bool TryParse(string? text, out FindingLevel level)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "error": level = FindingLevel.Error; return true;
            case "warning": level = FindingLevel.Warning; return true;
            case "note": level = FindingLevel.Note; return true;
            case "none": level = FindingLevel.None; return true;
            default: level = FindingLevel.None; return false;
        }
    }
}
