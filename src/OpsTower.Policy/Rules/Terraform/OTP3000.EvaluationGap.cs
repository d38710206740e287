using OpsTower.Policy.Formats.Terraform;

namespace OpsTower.Policy.Rules.Terraform;

/// <summary>Says where the Terraform evaluation could not see: remote modules, missing local modules, cycles, undeclared names.</summary>
public sealed class EvaluationGapRule : TerraformRule
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP3000",
        name: "EvaluationGap",
        title: "Terraform configuration the scanner could not evaluate is named.",
        description: "Reports, once each, what limits the Terraform checks: a module from a registry or Git (remote modules are not downloaded, so the resources they create are not checked; only the inputs given to them are), a local module whose folder was not scanned, a module call cycle, local values that refer to each other in a cycle, and references to variables or locals the module does not declare. Their values are unknown, and unknown values never produce findings.",
        defaultLevel: FindingLevel.Note,
        securitySeverity: 1.0,
        category: "Terraform",
        tags: new[] { "terraform", "coverage" },
        helpMarkdown: """
            ## Why
            The Terraform rules prove violations from the configuration: values that come from variable defaults,
            `.tfvars` files, locals, conditionals and functions are evaluated, and whatever cannot be known (a
            resource attribute computed by AWS, a data source, a variable without a value) stays unknown and never
            produces a finding by itself. This rule shows where that boundary lies, so a clean scan is not mistaken
            for a clean configuration: a registry module such as `terraform-aws-modules/eks/aws` creates resources
            this scanner never sees (its well-known inputs are checked by the EKS rules), and a
            `var.db_password` that no `variable` block declares fails at `terraform plan`.

            ## How to fix
            Declare the variables and locals the module uses; break cycles between locals; scan the folders local
            modules come from. For remote modules, nothing needs fixing: note that their resources are checked only
            through their inputs, or vendor the module into the repository to have it evaluated.

            ## Example
            ```hcl
            module "eks" {
              source = "terraform-aws-modules/eks/aws" # noted: remote, not evaluated
            }

            resource "aws_db_instance" "main" {
              password = var.db_password # noted when no variable "db_password" block exists
            }
            ```
            """,
        precision: "very-high");

    public override RuleDescriptor Descriptor => Definition;

    protected override void Analyze(TerraformProject project, RuleParameters parameters, TerraformReport report)
    {
        foreach (var problem in project.Problems) report.At(problem.File, problem.Span, problem.Message);
    }
}
