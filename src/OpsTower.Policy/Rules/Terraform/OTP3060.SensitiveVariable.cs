using System.Linq;
using OpsTower.Policy.Formats.Hcl;
using OpsTower.Policy.Formats.Terraform;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Rules.Terraform;

/// <summary>Variables that hold secrets are marked sensitive.</summary>
public sealed class SensitiveVariableRule : TerraformRule
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP3060",
        name: "SensitiveVariable",
        title: "Variables that hold secrets are declared with sensitive = true.",
        description: "A variable whose name says it holds a secret (password, token, secret, key… per the name parameters) must be declared with sensitive = true. A reference such as var.db_password to a secret-named variable that the module does not declare at all is reported too: declare it, as sensitive.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 5.0,
        category: "Terraform",
        tags: new[] { "security", "terraform", "secrets" },
        helpMarkdown: """
            ## Why
            Terraform prints variable values in plans, in `terraform console` and in CI logs unless the variable is
            `sensitive`; values derived from it (a connection string, an output) are then redacted too. A password
            printed in a pull request's plan comment is a leaked password.

            ## How to fix
            Add `sensitive = true` to the variable (and keep its value out of `.tfvars` files in the repository:
            pass it from a secret store). Which names count as secrets is set by `sensitive_name_patterns`
            (substrings), `sensitive_name_words` (whole words, such as `key`), `ignored_name_suffixes` and
            `ignored_names`.

            ## Example
            Bad:
            ```hcl
            variable "db_password" {
              type = string
            }
            ```
            Good:
            ```hcl
            variable "db_password" {
              type      = string
              sensitive = true
            }
            ```
            """,
        precision: "medium",
        peers: new[] { new PeerRule("tfsec", "general-secrets-no-plaintext-exposure") });

    public override RuleDescriptor Descriptor => Definition;

    protected override void Analyze(TerraformProject project, RuleParameters parameters, TerraformReport report)
    {
        var names = new SecretNames(parameters);
        foreach (var directory in project.Directories)
        {
            foreach (var variable in directory.Variables)
            {
                if (!names.IsSecret(variable.Key)) continue;
                var sensitive = variable.Value.Block.Body.GetAttribute("sensitive");
                if (sensitive?.Expression is HclLiteralExpression literal && literal.Value.Equals(HclValue.True)) continue;
                if (sensitive is not null && sensitive.Expression is not HclLiteralExpression) continue;
                var span = sensitive is null ? TerraformBlock.HeaderOf(variable.Value.Block) : sensitive.Span;
                report.At(variable.Value.File, span, $"variable \"{variable.Key}\" holds a secret but is not declared with sensitive = true, so plans and logs print its value.");
            }
            var reported = new System.Collections.Generic.HashSet<string>();
            foreach (var file in directory.Files)
            foreach (var reference in HclTraversal.References(file.Syntax.Body))
            {
                if (reference.RootName != "var" || reference.Traversal.Count < 2 || reference.Traversal[1] is not HclTraverseAttribute name) continue;
                if (directory.Variables.ContainsKey(name.Name) || !names.IsSecret(name.Name) || !reported.Add(name.Name)) continue;
                report.At(file.File, TextSpan.FromBounds(reference.Span.Start, name.Span.End),
                    $"var.{name.Name} holds a secret but the module declares no variable \"{name.Name}\": declare it with sensitive = true.");
            }
        }
    }
}
