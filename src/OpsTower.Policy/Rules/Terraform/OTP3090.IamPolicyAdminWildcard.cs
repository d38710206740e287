using System;
using System.Collections.Generic;
using System.Linq;
using OpsTower.Policy.Formats.Hcl;
using OpsTower.Policy.Formats.Terraform;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Rules.Terraform;

/// <summary>No IAM policy grants every action on every resource.</summary>
public sealed class IamPolicyAdminWildcardRule : TerraformRule
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP3090",
        name: "IamPolicyAdminWildcard",
        title: "IAM policies do not allow every action on every resource.",
        description: "A statement with Effect Allow whose Action is one of admin_actions (\"*\", \"*:*\"), or that uses NotAction, on Resource \"*\" grants full administrator access. Checked in the policy of aws_iam_policy, aws_iam_role_policy, aws_iam_user_policy, aws_iam_group_policy and aws_iam_role inline_policy blocks (jsonencode, heredoc JSON or file()), and in the statements of data \"aws_iam_policy_document\" (effect defaults to Allow) merged with its source_policy_documents and override_policy_documents (a statement replaces an earlier one with its Sid). The statements of a jsonencode({...}) are judged one by one, so an unknown value in one does not hide another. Unknown values are not reported.",
        defaultLevel: FindingLevel.Error,
        securitySeverity: 9.0,
        category: "Terraform",
        tags: new[] { "security", "terraform", "aws", "iam", "least-privilege" },
        helpMarkdown: """
            ## Why
            `"Action": "*"` on `"Resource": "*"` is the AdministratorAccess policy: whoever holds it (a CI role, a
            Lambda, a leaked access key) can read every secret, delete every backup, create users and disable
            CloudTrail. An `Allow` with `NotAction` on every resource is nearly as broad: it grants everything but
            the few actions listed, including every service AWS adds later.

            ## How to fix
            List the actions the principal needs (`s3:GetObject`, `ecr:BatchGetImage`…) on the resources it needs.
            Where administrators need full access, use the AWS managed `AdministratorAccess` policy through SSO
            rather than a policy in code. The actions that count as "all" are the `admin_actions` parameter.

            ## Example
            Bad:
            ```hcl
            resource "aws_iam_policy" "deploy" {
              policy = jsonencode({
                Version   = "2012-10-17"
                Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
              })
            }
            ```
            Good:
            ```hcl
            resource "aws_iam_policy" "deploy" {
              policy = jsonencode({
                Version   = "2012-10-17"
                Statement = [{ Effect = "Allow", Action = ["ecs:UpdateService"], Resource = aws_ecs_service.app.id }]
              })
            }
            ```
            """,
        precision: "high",
        peers: new[]
        {
            new PeerRule("Checkov", "CKV_AWS_1"),
            new PeerRule("Checkov", "CKV_AWS_62"),
            new PeerRule("tfsec", "aws-iam-no-policy-wildcards"),
            new PeerRule("Trivy", "AVD-AWS-0057"),
        });

    /// <summary>The resources whose <c>policy</c> attribute is a permissions policy (trust policies are another matter).</summary>
    private static readonly string[] PolicyResources = { "aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy" };

    public override RuleDescriptor Descriptor => Definition;

    protected override void Analyze(TerraformProject project, RuleParameters parameters, TerraformReport report)
    {
        var adminActions = parameters.GetStringList("admin_actions");
        foreach (var resource in project.ResourcesOfType(PolicyResources))
            CheckPolicy(resource, resource.Body.Attribute("policy"), adminActions, report);
        foreach (var role in project.ResourcesOfType("aws_iam_role"))
        {
            foreach (var inline in role.Body.BlocksOfType("inline_policy"))
                CheckPolicy(role, inline.Attribute("policy"), adminActions, report);
        }
        foreach (var document in project.Modules.SelectMany(m => m.Resources).Where(r => r.Mode == TerraformResourceMode.Data && r.Type == "aws_iam_policy_document"))
            CheckDocument(document, adminActions, report);
    }

    private static void CheckPolicy(TerraformResource resource, TerraformAttribute? policy, IReadOnlyList<string> adminActions, TerraformReport report)
    {
        if (policy is null) return;
        foreach (var statement in Statements(policy, policy.Syntax.Expression, policy.Value) ?? Array.Empty<DocumentStatement>())
        {
            if (Judge(statement.Value, adminActions) is not { } grant) continue;
            // At the Action (or NotAction) as written when the statement is a literal object, else at the attribute.
            var item = statement.Syntax?.Items.FirstOrDefault(i => i.KeyName == (grant == "NotAction" ? "NotAction" : "Action"));
            TextSpan span = item is null ? policy.Span : policy.File.Text.IndexOf('\n', item.Span.Start, item.Span.Length) < 0 ? item.Span : item.Key.Span;
            report.At(resource.Module, policy.File, span, Message(resource, Sid(statement.Value), grant, null));
        }
    }

    /// <summary>
    /// The document as the provider merges it: the statements of <c>source_policy_documents</c>, then its own
    /// statements, then those of <c>override_policy_documents</c> in order, a statement replacing an earlier one
    /// with the same Sid. A statement is reported where it came in, unless an unknown Sid may have replaced it.
    /// </summary>
    private static void CheckDocument(TerraformResource document, IReadOnlyList<string> adminActions, TerraformReport report)
    {
        var merged = new List<Entry>();
        // The provider rejects duplicate Sids among source documents, so sources only add.
        if (document.Attribute("source_policy_documents") is { } sources)
            merged.AddRange(DocumentList(document, sources, adminActions));
        foreach (var statement in document.Body.BlocksOfType("statement"))
            Merge(merged, FromBlock(document, statement, adminActions));
        if (document.Attribute("override_policy_documents") is { } overrides)
        {
            foreach (var entry in DocumentList(document, overrides, adminActions))
                Merge(merged, entry);
        }
        foreach (var finding in merged.Select(e => e.Finding).OfType<Finding>())
            report.At(document.Module, finding.At, finding.Message);
    }

    /// <summary>A statement with its Sid ("" when it has none, null when unknown) and what to report about it, if anything.</summary>
    private sealed record Entry(string? Sid, Finding? Finding);

    private sealed record Finding(TerraformAttribute At, string Message);

    private static void Merge(List<Entry> merged, Entry incoming)
    {
        if (incoming.Sid is { Length: 0 })
        {
            merged.Add(incoming);
            return;
        }
        for (int i = merged.Count - 1; i >= 0; i--)
        {
            string? sid = merged[i].Sid;
            if (sid is { Length: 0 }) continue;
            if (sid is not null && sid == incoming.Sid) merged.RemoveAt(i);
            // An unknown Sid on either side may match: the statement may be gone, so it is not reported.
            else if (sid is null || incoming.Sid is null) merged[i] = merged[i] with { Finding = null };
        }
        merged.Add(incoming);
    }

    private static Entry FromBlock(TerraformResource document, TerraformBlock statement, IReadOnlyList<string> adminActions)
    {
        var actions = statement.Attribute("actions");
        var notActions = statement.Attribute("not_actions");
        HclValue sidValue = statement.ValueOf("sid");
        string? sid = sidValue.IsNull ? "" : TerraformFacts.AsString(sidValue);
        // effect defaults to Allow in aws_iam_policy_document.
        HclValue effect = statement.ValueOf("effect");
        string? grant = Grant(effect.IsNull ? HclValue.FromString("Allow") : effect, actions?.Value, notActions?.Value, statement.Attribute("resources")?.Value, adminActions, "actions", "not_actions");
        var at = actions ?? notActions;
        return new Entry(sid, grant is null || at is null ? null : new Finding(at, Message(document, sid, grant, null)));
    }

    /// <summary>The statements of a list of policy documents (<c>source_policy_documents</c>, <c>override_policy_documents</c>), reported at that attribute.</summary>
    private static IEnumerable<Entry> DocumentList(TerraformResource document, TerraformAttribute list, IReadOnlyList<string> adminActions)
    {
        IEnumerable<(HclExpression? Syntax, HclValue Value)> documents;
        if (Unwrap(list.Syntax.Expression) is HclTupleExpression written)
            documents = written.Elements.Select(e => ((HclExpression?)e, list.Evaluate(e)));
        else if (list.Value.Kind == HclValueKind.Tuple)
            documents = list.Value.Elements.Select(v => ((HclExpression?)null, v));
        else if (list.Value.IsNull)
            yield break;
        else
        {
            yield return new Entry(null, null);
            yield break;
        }
        foreach (var (syntax, value) in documents)
        {
            var statements = Statements(list, syntax, value);
            if (statements is null)
            {
                // An unknown document may hold any statement, with any Sid.
                yield return new Entry(null, null);
                continue;
            }
            foreach (var statement in statements)
            {
                string? sid = Sid(statement.Value);
                string? grant = Judge(statement.Value, adminActions);
                yield return new Entry(sid, grant is null ? null : new Finding(list, Message(document, sid, grant, list.Name)));
            }
        }
    }

    /// <summary>A statement of a policy document: its value (unknown, or an object) and, for a literal object in <c>jsonencode</c>, its syntax.</summary>
    private sealed record DocumentStatement(HclValue Value, HclObjectExpression? Syntax);

    /// <summary>
    /// The statements of a policy document written as <paramref name="expression"/> with value <paramref name="text"/>,
    /// or null when they are unknown. <c>jsonencode</c> of a value with anything unknown in it is unknown as a whole,
    /// so a direct <c>jsonencode(…)</c> has its argument evaluated instead: its known statements are still judged.
    /// </summary>
    private static IReadOnlyList<DocumentStatement>? Statements(TerraformAttribute attribute, HclExpression? expression, HclValue text)
    {
        HclValue document;
        HclExpression? written = null;
        if (expression is not null && Unwrap(expression) is HclFunctionCallExpression { Name: "jsonencode", Arguments.Count: 1, ExpandFinalArgument: false } call)
        {
            written = Unwrap(call.Arguments[0]);
            document = attribute.Evaluate(call.Arguments[0]);
        }
        else if (TerraformFacts.AsString(text) is { } json)
        {
            // The evaluator's jsondecode reads the text (a heredoc or file() alike); Terraform rejects text that is not JSON.
            document = TerraformFunctions.Call("jsondecode", new[] { HclValue.FromString(json) }, null, out bool failed);
            if (failed) return Array.Empty<DocumentStatement>();
        }
        else if (text.IsNull) return Array.Empty<DocumentStatement>();
        else return null;

        if (!document.IsKnown) return null;
        if (document.Kind != HclValueKind.Object || !document.Attributes.TryGetValue("Statement", out HclValue? statements)) return Array.Empty<DocumentStatement>();
        if (!statements.IsKnown) return null;
        IReadOnlyList<HclValue> values = statements.Kind switch
        {
            HclValueKind.Object => new[] { statements },
            HclValueKind.Tuple => statements.Elements,
            _ => Array.Empty<HclValue>(),
        };
        // Statements match their syntax one to one only when written out as an object or a list of them.
        IReadOnlyList<HclExpression>? syntax = ((written as HclObjectExpression)?.GetValue("Statement") is { } statementSyntax ? Unwrap(statementSyntax) : null) switch
        {
            HclTupleExpression tuple when statements.Kind == HclValueKind.Tuple && tuple.Elements.Count == values.Count => tuple.Elements.Select(Unwrap).ToList(),
            HclObjectExpression single when statements.Kind == HclValueKind.Object => new[] { single },
            _ => null,
        };
        return values
            .Select((v, i) => new DocumentStatement(v, syntax?[i] as HclObjectExpression))
            .Where(s => s.Value.Kind is HclValueKind.Object or HclValueKind.Unknown)
            .ToList();
    }

    private static HclExpression Unwrap(HclExpression expression) => expression is HclParenthesesExpression parentheses ? Unwrap(parentheses.Expression) : expression;

    /// <summary>The Sid of a statement: "" when it has none, null when it is unknown.</summary>
    private static string? Sid(HclValue statement)
    {
        if (statement.Kind != HclValueKind.Object) return null;
        return statement.Attributes.TryGetValue("Sid", out HclValue? sid) && !sid.IsNull ? TerraformFacts.AsString(sid) : "";
    }

    private static string? Judge(HclValue statement, IReadOnlyList<string> adminActions) =>
        statement.Kind != HclValueKind.Object ? null
            : Grant(Field(statement, "Effect"), Field(statement, "Action"), Field(statement, "NotAction"), Field(statement, "Resource"), adminActions, "Action", "NotAction");

    /// <summary>How the statement grants every action on every resource ("Action \"*\"", "NotAction"), or null when it does not or is unknown.</summary>
    private static string? Grant(HclValue? effect, HclValue? action, HclValue? notAction, HclValue? resource, IReadOnlyList<string> adminActions, string actionName, string notActionName)
    {
        if (effect is null || !string.Equals(TerraformFacts.AsString(effect), "Allow", StringComparison.OrdinalIgnoreCase)) return null;
        if (resource is null || TerraformFacts.AsStrings(resource) is not { } resources || !resources.Contains("*")) return null;
        if (action is not null && TerraformFacts.AsStrings(action) is { } actions && actions.FirstOrDefault(adminActions.Contains) is { } admin)
            return $"{actionName} \"{admin}\"";
        if (action is null && notAction is not null && !notAction.IsNull && notAction.IsWhollyKnown)
            return notActionName;
        return null;
    }

    private static HclValue? Field(HclValue statement, string name) =>
        statement.Attributes.TryGetValue(name, out HclValue? value) && !value.IsNull ? value : null;

    private static string Message(TerraformResource resource, string? sid, string grant, string? from)
    {
        string statement = (sid is { Length: > 0 } ? $"statement \"{sid}\"" : "a statement") + (from is null ? "" : $" from {from}");
        return grant.StartsWith("not", StringComparison.OrdinalIgnoreCase)
            ? $"{resource.LocalAddress}: {statement} allows every action but those in {grant} on every resource (\"*\"), which is nearly full administrator access."
            : $"{resource.LocalAddress}: {statement} allows {grant} on every resource (\"*\"), which is full administrator access.";
    }
}
