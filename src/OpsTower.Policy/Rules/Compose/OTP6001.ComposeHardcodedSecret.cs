using OpsTower.Policy.Formats.Compose;
using OpsTower.Policy.Rules.Kubernetes;

namespace OpsTower.Policy.Rules.Compose;

/// <summary>Compose services take secrets from the environment or secrets, not literal values.</summary>
public sealed class ComposeHardcodedSecretRule : FileRule<ComposeFile>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP6001",
        name: "ComposeHardcodedSecret",
        title: "Compose services have no credentials written in their environment.",
        description: "Reports a service environment variable whose name looks like a secret (it contains one of the policy's patterns) and whose value is a literal, and any environment value that is a URL with a password in it (postgres://user:password@host). Values taken from the shell or a .env file (${VAR}) are not literals. Messages never repeat the value.",
        defaultLevel: FindingLevel.Error,
        securitySeverity: 7.5,
        category: "Compose",
        tags: new[] { "security", "compose", "secrets" },
        helpMarkdown: """
            ## Why
            A password in docker-compose.yml is committed with it: everyone with the repository has it, it stays in
            history after it is changed, and development passwords have a way of reaching shared databases.

            ## How to fix
            Interpolate from an untracked `.env` file (`${POSTGRES_PASSWORD}`), or use compose `secrets:` and the
            image's `*_FILE` variables.

            ## Example
            Bad:
            ```yaml
            environment:
              POSTGRES_PASSWORD: password
              DATABASE_URL: postgres://postgres:password@postgres:5432/ops_tower
            ```
            Good:
            ```yaml
            environment:
              POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?set it in .env}
              DATABASE_URL: postgres://postgres:${POSTGRES_PASSWORD}@postgres:5432/ops_tower
            ```
            """,
        precision: "high");

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(ComposeFile file, RuleContext context)
    {
        var patterns = context.Parameters.GetStringList("sensitive_name_patterns");
        var ignoredSuffixes = context.Parameters.GetStringList("ignored_name_suffixes");
        foreach (var service in file.Services)
        foreach (var variable in service.Environment)
        {
            if (variable.Value is not { Length: > 0 } value) continue;
            if (WorkloadFacts.IsSensitiveName(variable.Name, patterns, ignoredSuffixes))
            {
                if (!WorkloadFacts.IsInterpolated(value))
                    context.Report(variable.ValueSpan, $"Service {service.Name} sets {variable.Name} to a literal value: interpolate it from an untracked .env file or use a compose secret.");
                continue;
            }
            if (WorkloadFacts.UrlPassword(value) is { } password)
                context.Report(variable.ValuePartSpan(password.Start, password.Length), $"Service {service.Name} sets {variable.Name} to a URL with a password in it: interpolate the password from an untracked .env file.");
        }
    }
}
