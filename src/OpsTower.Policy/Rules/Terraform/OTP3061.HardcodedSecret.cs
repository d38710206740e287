using System.Collections.Generic;
using System.Linq;
using OpsTower.Policy.Formats.Hcl;
using OpsTower.Policy.Formats.Terraform;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Rules.Terraform;

/// <summary>No secret is written into Terraform files.</summary>
public sealed class HardcodedSecretRule : TerraformRule
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP3061",
        name: "HardcodedSecret",
        title: "Terraform files contain no hardcoded secrets.",
        description: "Reports string literals that are secrets: the value of an attribute, object key or variable default whose name holds a secret (password, token, secret, key… per the name parameters) in .tf and .tfvars files; passwords inside URLs (scheme://user:password@host) and connection strings (password=…); and AWS access key ids (AKIA…, ASIA…) anywhere. Interpolations, references and empty strings are not secrets.",
        defaultLevel: FindingLevel.Error,
        securitySeverity: 9.0,
        category: "Terraform",
        tags: new[] { "security", "terraform", "secrets" },
        helpMarkdown: """
            ## Why
            A secret in a repository is readable by everyone with access to it, forever: it stays in the Git
            history after the line is deleted, is copied into every clone and fork, and ends up in the state file.
            Leaked AWS keys are exploited within minutes of being pushed to a public repository.

            ## How to fix
            Rotate the secret first: it is compromised. Then read it at apply time: from a `sensitive` variable set
            by CI from a secret store, from `aws_secretsmanager_secret_version` or Vault, or have AWS generate it
            (`manage_master_user_password = true`). Names are matched as for OTP3060.

            ## Example
            Bad:
            ```hcl
            resource "aws_db_instance" "main" {
              password = "SuperSecret123!"
            }
            ```
            Good:
            ```hcl
            resource "aws_db_instance" "main" {
              manage_master_user_password = true
            }
            ```
            """,
        precision: "high",
        peers: new[]
        {
            new PeerRule("Checkov", "CKV_SECRET_6"),
            new PeerRule("Checkov", "CKV_AWS_41"),
            new PeerRule("tfsec", "general-secrets-no-plaintext-exposure"),
        });

    public override RuleDescriptor Descriptor => Definition;

    protected override void Analyze(TerraformProject project, RuleParameters parameters, TerraformReport report)
    {
        var names = new SecretNames(parameters);
        var files = project.Directories.SelectMany(d => d.Files.Select(f => f.Syntax).Concat(d.VariablesFiles.Select(v => v.Syntax)));
        foreach (HclFile file in files)
        {
            // A literal reported as a named secret is not reported again for what its text contains.
            var reported = new List<TextSpan>();
            foreach (HclNode node in file.Body.DescendantsAndSelf())
            {
                switch (node)
                {
                    case HclAttribute attribute:
                        CheckNamedValue(file.File, attribute.Name, attribute.Expression, names, report, reported);
                        break;
                    case HclObjectItem { KeyName: { } key } item:
                        CheckNamedValue(file.File, key, item.Value, names, report, reported);
                        break;
                    case HclBlock { Type: "variable", Labels.Count: 1 } variable when names.IsSecret(variable.Labels[0].Value):
                        if (variable.Body.GetAttribute("default") is { } defaultValue)
                            CheckNamedValue(file.File, variable.Labels[0].Value, defaultValue.Expression, names, report, reported, isDefault: true);
                        break;
                    case HclTemplateLiteralExpression literal when !reported.Any(r => r.Contains(literal.Span)):
                        CheckText(file.File, literal, report);
                        break;
                }
            }
        }
    }

    private static void CheckNamedValue(SourceFile file, string name, HclExpression value, SecretNames names, TerraformReport report, List<TextSpan> reported, bool isDefault = false)
    {
        if (!isDefault && !names.IsSecret(name)) return;
        string? literal = value.AsStringLiteral();
        if (literal is null || literal.Trim().Length == 0 || literal is "true" or "false") return;
        reported.Add(value.Span);
        report.At(file, value.Span, isDefault
            ? $"variable \"{name}\" has a secret written as its default value: remove the default and pass the value from a secret store."
            : $"{name} is set to a literal secret: read it from a sensitive variable or a secret store instead.");
    }

    private static void CheckText(SourceFile file, HclTemplateLiteralExpression literal, TerraformReport report)
    {
        if (SecretText.AwsAccessKeyId(literal.Value) is not null)
            report.At(file, literal.Span, "This string contains an AWS access key id: rotate the key and use an IAM role or a secret store.");
        else if (SecretText.UrlPassword(literal.Value) is not null || SecretText.KeywordPassword(literal.Value) is not null)
            report.At(file, literal.Span, "This string contains a password: rotate it and build the connection string from a secret at apply time.");
    }
}
