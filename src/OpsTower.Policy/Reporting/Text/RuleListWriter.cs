using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using OpsTower.Policy.Policies;
using OpsTower.Policy.Rules;

namespace OpsTower.Policy.Reporting.Text;

/// <summary>Lists rules with their metadata and the level the policy gives them (<c>opstower-policy rules</c>).</summary>
public static class RuleListWriter
{
    public static void WriteText(IEnumerable<RuleDescriptor> rules, PolicyPack policy, TextWriter output)
    {
        foreach (var rule in rules)
        {
            output.WriteLine($"{rule.Id}  {LevelIn(policy, rule),-7}  {Severity(rule),4}  {rule.Category,-10}  {rule.Title}");
        }
    }

    /// <summary>A markdown table, as in the README's rule list.</summary>
    public static void WriteMarkdown(IEnumerable<RuleDescriptor> rules, PolicyPack policy, TextWriter output)
    {
        output.WriteLine("| id | name | level | security severity | checks | same as |");
        output.WriteLine("|---|---|---|---|---|---|");
        foreach (var rule in rules)
        {
            string peers = string.Join(", ", rule.Peers.Select(p => $"{p.Tool} {p.Id}"));
            output.WriteLine($"| [{rule.Id}](docs/rules/{rule.Id}.md) | {rule.Name} | {LevelIn(policy, rule)} | {Severity(rule)} | {Escape(rule.Title)} | {Escape(peers)} |");
        }
    }

    public static void WriteJson(IEnumerable<RuleDescriptor> rules, PolicyPack policy, Stream output)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartArray();
        foreach (var rule in rules)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteString("name", rule.Name);
            json.WriteString("title", rule.Title);
            json.WriteString("description", rule.Description);
            json.WriteString("category", rule.Category);
            json.WriteString("defaultLevel", rule.DefaultLevel.ToSarif());
            json.WriteString("level", LevelIn(policy, rule));
            json.WriteNumber("securitySeverity", rule.SecuritySeverity);
            json.WriteString("precision", rule.Precision);
            json.WriteStartArray("tags");
            foreach (string tag in rule.Tags) json.WriteStringValue(tag);
            json.WriteEndArray();
            json.WriteStartArray("peers");
            foreach (var peer in rule.Peers)
            {
                json.WriteStartObject();
                json.WriteString("tool", peer.Tool);
                json.WriteString("id", peer.Id);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartObject("parameters");
            var parameters = policy.ParametersFor(rule);
            foreach (string name in parameters.Names)
            {
                switch (parameters.GetRaw(name))
                {
                    case IReadOnlyList<string> list:
                        json.WriteStartArray(name);
                        foreach (string item in list) json.WriteStringValue(item);
                        json.WriteEndArray();
                        break;
                    case string value:
                        json.WriteString(name, value);
                        break;
                }
            }
            json.WriteEndObject();
            json.WriteString("helpUri", rule.HelpUri);
            json.WriteString("help", rule.HelpMarkdown);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static string LevelIn(PolicyPack policy, RuleDescriptor rule) =>
        policy.IsEnabled(rule) ? policy.EffectiveLevel(rule).ToSarif() : "off";

    private static string Severity(RuleDescriptor rule) => rule.SecuritySeverity.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Escape(string text) => new StringBuilder(text).Replace("|", "\\|").ToString();
}
