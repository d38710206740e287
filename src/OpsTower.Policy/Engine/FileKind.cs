namespace OpsTower.Policy.Engine;

/// <summary>The formats the engine parses. Later formats are added here and in <see cref="FileClassifier"/>.</summary>
public enum FileKind
{
    Unknown = 0,
    Dockerfile,

    /// <summary>Terraform configuration, <c>*.tf</c>.</summary>
    Terraform,

    /// <summary>Terraform variable values, <c>*.tfvars</c>.</summary>
    TerraformVariables,

    /// <summary>Other HCL native syntax files, <c>*.hcl</c> (Vault, Packer, Terragrunt…).</summary>
    Hcl,
    Kubernetes,
    Compose,

    /// <summary>A Helm chart template: recognised so that it is skipped with a note rather than read as YAML.</summary>
    HelmTemplate,

    // Delivery pipeline and repository governance (Formats/Repository/RepositoryFormats.cs says which files).
    GitHubWorkflow,
    GitHubAction,
    BranchProtection,
    RepositorySettings,
    BranchingStrategy,
    CodeOwners,
    PreCommitConfig,
    JestConfig,
    PackageJson,
    CodecovConfig,
    MSBuildProject,
    PythonTestConfig,
}
