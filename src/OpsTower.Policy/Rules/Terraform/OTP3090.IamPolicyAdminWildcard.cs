using System;
using System.Collections.Generic;
using System.Linq;
using OpsTower.Policy.Formats.Hcl;
using OpsTower.Policy.Formats.Terraform;

namespace OpsTower.Policy.Rules.Terraform;

/// <summary>No IAM policy grants every action on every resource.</summary>
public sealed class IamPolicyAdminWildcardRule : TerraformRule
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP3090",
        name: "IamPolicyAdminWildcard",
        title: "IAM policies do not allow every action on every resource.",
        description: "A statement with Effect Allow whose Action is one of admin_actions (\"*\", \"*:*\"), or that uses NotAction, on Resource \"*\" grants full administrator access. Checked in the policy of aws_iam_policy, aws_iam_role_policy, aws_iam_user_policy, aws_iam_group_policy and aws_iam_role inline_policy blocks (jsonencode, heredoc JSON or file()), and in the statements of data \"aws_iam_policy_document\" (effect defaults to Allow). Unknown values are not reported.",
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
        {
            foreach (var statement in document.Body.BlocksOfType("statement"))
                CheckDocumentStatement(document, statement, adminActions, report);
        }
    }

    private static void CheckPolicy(TerraformResource resource, TerraformAttribute? policy, IReadOnlyList<string> adminActions, TerraformReport report)
    {
        if (policy is null || TerraformFacts.AsString(policy.Value) is not { } text) return;
        // jsonencode gives a string; the evaluator's jsondecode reads it back (a heredoc or file() text alike).
        HclValue document = TerraformFunctions.Call("jsondecode", new[] { HclValue.FromString(text) }, null, out bool failed);
        if (failed || document.Kind != HclValueKind.Object || !document.Attributes.TryGetValue("Statement", out HclValue? statements)) return;
        IEnumerable<HclValue> list = statements.Kind switch
        {
            HclValueKind.Object => new[] { statements },
            HclValueKind.Tuple => statements.Elements,
            _ => Array.Empty<HclValue>(),
        };
        foreach (HclValue statement in list.Where(s => s.Kind == HclValueKind.Object))
        {
            string? sid = Field(statement, "Sid") is { } sidValue ? TerraformFacts.AsString(sidValue) : null;
            string? grant = Grant(Field(statement, "Effect"), Field(statement, "Action"), Field(statement, "NotAction"), Field(statement, "Resource"), adminActions, "Action", "NotAction");
            if (grant is not null) report.At(resource.Module, policy, Message(resource, sid, grant));
        }
    }

    private static void CheckDocumentStatement(TerraformResource document, TerraformBlock statement, IReadOnlyList<string> adminActions, TerraformReport report)
    {
        var actions = statement.Attribute("actions");
        var notActions = statement.Attribute("not_actions");
        // effect defaults to Allow in aws_iam_policy_document.
        HclValue effect = statement.ValueOf("effect");
        string? grant = Grant(effect.IsNull ? HclValue.FromString("Allow") : effect, actions?.Value, notActions?.Value, statement.Attribute("resources")?.Value, adminActions, "actions", "not_actions");
        var at = actions ?? notActions;
        if (grant is null || at is null) return;
        string? sid = TerraformFacts.AsString(statement.ValueOf("sid"));
        report.At(document.Module, at, Message(document, sid, grant));
    }

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

    private static string Message(TerraformResource resource, string? sid, string grant)
    {
        string statement = sid is { Length: > 0 } ? $"statement \"{sid}\"" : "a statement";
        return grant.StartsWith("not", StringComparison.OrdinalIgnoreCase)
            ? $"{resource.LocalAddress}: {statement} allows every action but those in {grant} on every resource (\"*\"), which is nearly full administrator access."
            : $"{resource.LocalAddress}: {statement} allows {grant} on every resource (\"*\"), which is full administrator access.";
    }
}
