using System;
using System.Collections.Generic;
using System.Linq;
using OpsTower.Policy.Formats.Json;
using OpsTower.Policy.Formats.Yaml;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Formats.BranchProtection;

/// <summary>Reads the four ways of keeping branch protection as code into <see cref="BranchProtectionRule"/>s.</summary>
public static class BranchProtectionParser
{
    /// <summary>A REST export or a ruleset (told apart by a ruleset's <c>rules</c> array).</summary>
    public static BranchProtectionDocument ParseJson(SourceFile file)
    {
        var json = JsonParser.Parse(file);
        var root = ConfigNode.From(json.Root);
        bool isRuleset = json.Root is JsonObject obj && obj.Get("rules") is JsonArray;
        var document = new BranchProtectionDocument(file, isRuleset ? ProtectionFormat.Ruleset : ProtectionFormat.RestExport) { Diagnostics = json.Diagnostics };
        if (root is null) return document;
        document.Rules = isRuleset ? ReadRuleset(document, root) : new[] { ReadRest(document, root, BranchOfRestExport(file, root), new TextSpan(root.Span.Start, 1)) };
        return document;
    }

    /// <summary><c>.github/settings.yml</c>: <c>branches: [{ name, protection }]</c>, each protection the REST body.</summary>
    public static BranchProtectionDocument ParseSettingsApp(SourceFile file)
    {
        var yaml = YamlLoader.Load(file);
        var document = new BranchProtectionDocument(file, ProtectionFormat.SettingsApp) { Diagnostics = yaml.Diagnostics };
        var rules = new List<BranchProtectionRule>();
        var branches = (yaml.Documents.FirstOrDefault()?.Root as YamlMapping)?.GetSequence("branches");
        foreach (var item in branches?.Items ?? Array.Empty<YamlNode>())
        {
            if (item is not YamlMapping branch || branch.GetScalar("name") is not { } name) continue;
            var protection = ConfigNode.From(branch.Get("protection"));
            // 'protection: null' removes protection altogether.
            if (protection is null || protection.Text is null && !protection.Members.Any())
            {
                var unprotected = new BranchProtectionRule(document, name.Value, name.Span)
                {
                    PullRequestsRequired = new ProtectionValue<bool>(false, name.Span),
                    StatusChecksRequired = new ProtectionValue<bool>(false, name.Span),
                    AdminsEnforced = new ProtectionValue<bool>(false, name.Span),
                    AllowForcePushes = new ProtectionValue<bool>(true, name.Span),
                    AllowDeletions = new ProtectionValue<bool>(true, name.Span),
                };
                rules.Add(unprotected);
                continue;
            }
            rules.Add(ReadRest(document, protection, name.Value, name.Span));
        }
        document.Rules = rules;
        return document;
    }

    /// <summary>
    /// The specification's <c>branching_strategy.protection_rules</c>: per branch, a list of one-key mappings (or one
    /// mapping) of <c>require_pull_request_reviews: 2</c>, <c>dismiss_stale_reviews</c>, <c>require_status_checks</c>,
    /// <c>require_up_to_date_branches</c>, <c>required_status_checks: [names]</c>, <c>require_code_owner_reviews</c>,
    /// <c>enforce_admins</c>, <c>allow_force_pushes</c>, <c>allow_deletions</c>.
    /// </summary>
    public static BranchProtectionDocument ParseBranchingStrategy(SourceFile file)
    {
        var yaml = YamlLoader.Load(file);
        var document = new BranchProtectionDocument(file, ProtectionFormat.BranchingStrategy) { Diagnostics = yaml.Diagnostics };
        var rules = new List<BranchProtectionRule>();
        var protectionRules = (yaml.Documents.FirstOrDefault()?.Root as YamlMapping)?.GetMapping("branching_strategy")?.GetMapping("protection_rules");
        foreach (var entry in protectionRules?.Entries ?? Array.Empty<YamlEntry>())
        {
            if (entry.Key is not YamlScalar branch) continue;
            var rule = new BranchProtectionRule(document, branch.Value, branch.Span);
            var settings = entry.Value switch
            {
                YamlSequence list => list.Items.OfType<YamlMapping>().SelectMany(m => m.Entries),
                YamlMapping map => map.Entries,
                _ => Enumerable.Empty<YamlEntry>(),
            };
            foreach (var setting in settings)
            {
                if (setting.Value is YamlSequence checks && setting.KeyText == "required_status_checks")
                {
                    rule.RequiredChecks = checks.Items.OfType<YamlScalar>().Select(c => new RequiredCheck(c.Value, c.Span)).ToList();
                    rule.StatusChecksRequired ??= new ProtectionValue<bool>(rule.RequiredChecks.Count > 0, setting.Key.Span);
                    continue;
                }
                if (setting.Value is not YamlScalar value) continue;
                var flag = value.AsBool() is { } b ? new ProtectionValue<bool>(b, value.Span) : null;
                switch (setting.KeyText)
                {
                    case "require_pull_request_reviews":
                        if (value.AsInteger() is { } count)
                        {
                            rule.RequiredApprovals = new ProtectionValue<int>((int)count, value.Span);
                            rule.PullRequestsRequired = new ProtectionValue<bool>(true, value.Span);
                        }
                        else rule.PullRequestsRequired = flag;
                        break;
                    case "dismiss_stale_reviews": rule.DismissStaleReviews = flag; break;
                    case "require_status_checks": rule.StatusChecksRequired = flag; break;
                    case "require_up_to_date_branches": rule.StrictStatusChecks = flag; break;
                    case "require_code_owner_reviews": rule.RequireCodeOwnerReviews = flag; break;
                    case "enforce_admins": rule.AdminsEnforced = flag; break;
                    case "allow_force_pushes": rule.AllowForcePushes = flag; break;
                    case "allow_deletions": rule.AllowDeletions = flag; break;
                }
            }
            rules.Add(rule);
        }
        document.Rules = rules;
        return document;
    }

    /// <summary>The branch from the export's <c>url</c> (<c>…/branches/main/protection</c>), else the file's name.</summary>
    private static string BranchOfRestExport(SourceFile file, ConfigNode root)
    {
        string? url = root.Get("url")?.Text;
        const string marker = "/branches/";
        int at = url?.IndexOf(marker, StringComparison.Ordinal) ?? -1;
        if (url is not null && at >= 0)
        {
            string rest = url.Substring(at + marker.Length);
            int slash = rest.IndexOf("/protection", StringComparison.Ordinal);
            return Uri.UnescapeDataString(slash < 0 ? rest : rest.Substring(0, slash));
        }
        string name = file.Path.Substring(file.Path.LastIndexOf('/') + 1);
        int dot = name.LastIndexOf('.');
        return dot < 0 ? name : name.Substring(0, dot);
    }

    /// <summary>The REST body (GET's <c>{enabled: …}</c> objects or PUT's plain booleans).</summary>
    private static BranchProtectionRule ReadRest(BranchProtectionDocument document, ConfigNode root, string branch, TextSpan reportSpan)
    {
        var rule = new BranchProtectionRule(document, branch, reportSpan);
        var reviews = root.Get("required_pull_request_reviews");
        if (reviews is not null && reviews.Members.Any())
        {
            rule.PullRequestsRequired = new ProtectionValue<bool>(true, root.KeySpan("required_pull_request_reviews")!.Value);
            rule.RequiredApprovals = Int(reviews.Get("required_approving_review_count"));
            rule.DismissStaleReviews = Flag(reviews.Get("dismiss_stale_reviews"));
            rule.RequireCodeOwnerReviews = Flag(reviews.Get("require_code_owner_reviews"));
        }
        else rule.PullRequestsRequired = new ProtectionValue<bool>(false, reviews?.Span ?? reportSpan);

        var checks = root.Get("required_status_checks");
        if (checks is not null && checks.Members.Any())
        {
            rule.StatusChecksRequired = new ProtectionValue<bool>(true, root.KeySpan("required_status_checks")!.Value);
            rule.StrictStatusChecks = Flag(checks.Get("strict"));
            var names = new List<RequiredCheck>();
            foreach (var context in checks.Get("contexts")?.Items ?? Array.Empty<ConfigNode>())
                if (context.Text is { } text) names.Add(new RequiredCheck(text, context.Span));
            foreach (var check in checks.Get("checks")?.Items ?? Array.Empty<ConfigNode>())
                if (check.Get("context") is { Text: { } text } context && names.All(n => n.Name != text)) names.Add(new RequiredCheck(text, context.Span));
            rule.RequiredChecks = names;
        }
        else rule.StatusChecksRequired = new ProtectionValue<bool>(false, checks?.Span ?? reportSpan);

        rule.AdminsEnforced = Flag(root.Get("enforce_admins"));
        rule.AllowForcePushes = Flag(root.Get("allow_force_pushes"));
        rule.AllowDeletions = Flag(root.Get("allow_deletions"));
        return rule;
    }

    private static IReadOnlyList<BranchProtectionRule> ReadRuleset(BranchProtectionDocument document, ConfigNode root)
    {
        // A ruleset that is not enforced (disabled, or evaluate-only) protects nothing.
        string enforcement = root.Get("enforcement")?.Text ?? "active";
        if (root.Get("target")?.Text is { } target && target != "branch") return Array.Empty<BranchProtectionRule>();
        var includes = root.Get("conditions")?.Get("ref_name")?.Get("include")?.Items ?? Array.Empty<ConfigNode>();
        var branches = includes.Where(i => i.Text is not null).Select(i => (Name: StripRefsHeads(i.Text!), i.Span)).ToList();
        if (branches.Count == 0) branches.Add(("~DEFAULT_BRANCH", root.Get("name")?.Span ?? new TextSpan(root.Span.Start, 1)));

        var bypass = (root.Get("bypass_actors")?.Items ?? Array.Empty<ConfigNode>()).FirstOrDefault(IsAdminBypass);
        var rules = new List<BranchProtectionRule>();
        foreach (var (branch, span) in branches)
        {
            var rule = new BranchProtectionRule(document, branch, span);
            if (enforcement == "active") ApplyRulesetRules(rule, root, bypass);
            rules.Add(rule);
        }
        return rules;
    }

    private static void ApplyRulesetRules(BranchProtectionRule rule, ConfigNode root, ConfigNode? adminBypass)
    {
        foreach (var item in root.Get("rules")?.Items ?? Array.Empty<ConfigNode>())
        {
            var type = item.Get("type");
            if (type?.Text is null) continue;
            var parameters = item.Get("parameters");
            switch (type.Text)
            {
                case "deletion":
                    rule.AllowDeletions = new ProtectionValue<bool>(false, type.Span);
                    break;
                case "non_fast_forward":
                    rule.AllowForcePushes = new ProtectionValue<bool>(false, type.Span);
                    break;
                case "pull_request":
                    rule.PullRequestsRequired = new ProtectionValue<bool>(true, type.Span);
                    rule.RequiredApprovals = Int(parameters?.Get("required_approving_review_count"));
                    rule.DismissStaleReviews = Flag(parameters?.Get("dismiss_stale_reviews_on_push"));
                    rule.RequireCodeOwnerReviews = Flag(parameters?.Get("require_code_owner_review"));
                    break;
                case "required_status_checks":
                    rule.StatusChecksRequired = new ProtectionValue<bool>(true, type.Span);
                    rule.StrictStatusChecks = Flag(parameters?.Get("strict_required_status_checks_policy"));
                    rule.RequiredChecks = (parameters?.Get("required_status_checks")?.Items ?? Array.Empty<ConfigNode>())
                        .Where(c => c.Get("context")?.Text is not null)
                        .Select(c => new RequiredCheck(c.Get("context")!.Text!, c.Get("context")!.Span))
                        .ToList();
                    break;
            }
        }
        rule.AdminsEnforced = adminBypass is null
            ? new ProtectionValue<bool>(true, rule.ReportSpan)
            : new ProtectionValue<bool>(false, adminBypass.Span);
    }

    /// <summary>Repository admins (role 5), organisation admins, or anyone with an always-on bypass of the admin role.</summary>
    private static bool IsAdminBypass(ConfigNode actor)
    {
        string? type = actor.Get("actor_type")?.Text;
        if (actor.Get("bypass_mode")?.Text is { } mode && mode != "always") return false;
        return type == "OrganizationAdmin" || (type == "RepositoryRole" && actor.Get("actor_id")?.Text == "5");
    }

    private static string StripRefsHeads(string name) =>
        name.StartsWith("refs/heads/", StringComparison.Ordinal) ? name.Substring("refs/heads/".Length) : name;

    /// <summary>A boolean, or GET's <c>{ "enabled": boolean }</c>.</summary>
    private static ProtectionValue<bool>? Flag(ConfigNode? node)
    {
        if (node?.AsBool() is { } value) return new ProtectionValue<bool>(value, node.Span);
        if (node?.Get("enabled") is { } enabled && enabled.AsBool() is { } inner) return new ProtectionValue<bool>(inner, enabled.Span);
        return null;
    }

    private static ProtectionValue<int>? Int(ConfigNode? node) => node?.AsInt() is { } value ? new ProtectionValue<int>(value, node.Span) : null;
}
