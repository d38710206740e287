using System;
using System.Globalization;
using System.Linq;
using System.Text;
using OpsTower.Policy.Policies;
using OpsTower.Policy.Rules;

namespace OpsTower.Policy.Tests.Testing;

/// <summary>Renders <c>docs/rules/&lt;id&gt;.md</c> from a rule's descriptor and its baseline policy entry.</summary>
public static class RuleDocs
{
    public const string UpdateVariable = "OPSTOWER_UPDATE_DOCS";

    public static string RelativePath(RuleDescriptor rule) => $"docs/rules/{rule.Id}.md";

    public static string Render(RuleDescriptor rule, PolicyPack baseline)
    {
        var entry = baseline.GetRule(rule.Id);
        var md = new StringBuilder();
        md.Append("# ").Append(rule.Id).Append(": ").Append(rule.Name).Append("\n\n");
        md.Append(rule.Title).Append("\n\n");
        md.Append("| | |\n|---|---|\n");
        md.Append("| Category | ").Append(rule.Category).Append(" |\n");
        md.Append("| Default level | ").Append(rule.DefaultLevel.ToSarif()).Append(" |\n");
        md.Append("| Baseline level | ").Append(baseline.EffectiveLevel(rule).ToSarif()).Append(" |\n");
        md.Append("| Security severity | ").Append(rule.SecuritySeverity.ToString("0.0", CultureInfo.InvariantCulture)).Append(" (").Append(SeverityBand(rule.SecuritySeverity)).Append(") |\n");
        md.Append("| Precision | ").Append(rule.Precision).Append(" |\n");
        md.Append("| Tags | ").Append(string.Join(", ", rule.Tags)).Append(" |\n");
        md.Append("| Equivalent rules | ").Append(rule.Peers.Count == 0 ? "none" : string.Join(", ", rule.Peers.Select(p => $"{p.Tool} `{p.Id}`"))).Append(" |\n\n");
        md.Append(rule.Description).Append("\n\n");
        md.Append(rule.HelpMarkdown.Trim()).Append("\n\n");

        md.Append("## Parameters\n\n");
        var parameters = entry?.Parameters ?? RuleParameters.Empty;
        if (!parameters.Names.Any())
        {
            md.Append("None.\n\n");
        }
        else
        {
            md.Append("Set in a policy file under `rules: { ").Append(rule.Id).Append(": { parameters: … } }`. Baseline values:\n\n");
            md.Append("| Name | Baseline value |\n|---|---|\n");
            foreach (string name in parameters.Names)
            {
                string value = parameters.GetRaw(name) switch
                {
                    string s => $"`{s}`",
                    System.Collections.Generic.IReadOnlyList<string> list => string.Join(", ", list.Select(v => $"`{v}`")),
                    _ => "",
                };
                md.Append("| `").Append(name).Append("` | ").Append(value).Append(" |\n");
            }
            md.Append('\n');
        }
        md.Append("<!-- Generated from the rule's descriptor and policies/baseline/baseline.yaml. Regenerate: ")
          .Append(UpdateVariable).Append("=1 dotnet test --filter RuleDocsTests -->\n");
        return md.ToString();
    }

    private static string SeverityBand(double severity) =>
        severity >= 9.0 ? "critical" : severity >= 7.0 ? "high" : severity >= 4.0 ? "medium" : "low";
}
