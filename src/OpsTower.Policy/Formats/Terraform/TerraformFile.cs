using OpsTower.Policy.Formats.Hcl;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Formats.Terraform;

/// <summary>
/// A Terraform configuration file (<c>*.tf</c>): its HCL syntax. Rules see whole modules through
/// <see cref="TerraformProject.For"/>; this type keeps <c>.tf</c> files apart from other HCL (a Vault config).
/// </summary>
public sealed class TerraformFile
{
    public TerraformFile(HclFile syntax) => Syntax = syntax;

    public HclFile Syntax { get; }
    public SourceFile File => Syntax.File;

    /// <summary>The folder the file is in ('/' separated, empty at the scan root): its module.</summary>
    public string Directory => TerraformPaths.DirectoryOf(File.Path);
}

/// <summary>A Terraform variable values file (<c>*.tfvars</c>): <c>name = value</c> lines.</summary>
public sealed class TerraformVariablesFile
{
    public TerraformVariablesFile(HclFile syntax) => Syntax = syntax;

    public HclFile Syntax { get; }
    public SourceFile File => Syntax.File;
    public string Directory => TerraformPaths.DirectoryOf(File.Path);

    /// <summary>Terraform loads <c>terraform.tfvars</c> and <c>*.auto.tfvars</c> of the root module by itself; others only with <c>-var-file</c>.</summary>
    public bool IsLoadedAutomatically
    {
        get
        {
            string name = TerraformPaths.FileName(File.Path);
            return name == "terraform.tfvars" || name.EndsWith(".auto.tfvars", System.StringComparison.Ordinal);
        }
    }
}
