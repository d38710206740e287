using OpsTower.Policy.Formats.Hcl;
using OpsTower.Policy.Rules.Terraform;

namespace OpsTower.Policy.Rules.Vault;

/// <summary>Vault's storage credentials are not written in its configuration.</summary>
public sealed class VaultStorageCredentialsRule : FileRule<HclFile>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP7002",
        name: "VaultStorageCredentials",
        title: "Vault storage configuration contains no inline credentials.",
        description: "A Vault server configuration's storage (or ha_storage) block must not contain a password: neither in connection_url (postgres://user:password@host, or password=… in a connection string) nor as a literal password attribute.",
        defaultLevel: FindingLevel.Error,
        securitySeverity: 9.0,
        category: "Vault",
        tags: new[] { "security", "vault", "secrets" },
        helpMarkdown: """
            ## Why
            The storage backend holds Vault's encrypted data. Its password written into the configuration sits in
            a ConfigMap (readable by anyone with `get configmaps` in the namespace, and not encrypted in etcd) and
            in the Git history: whoever has it can delete or roll back Vault's data.

            ## How to fix
            Leave the credentials out of `connection_url` and pass them through the environment (for PostgreSQL,
            `VAULT_PG_CONNECTION_URL` from a Kubernetes Secret, or `PGUSER`/`PGPASSWORD`), and rotate the
            exposed password.

            ## Example
            Bad:
            ```hcl
            storage "postgresql" {
              connection_url = "postgres://vault:password@postgres:5432/vault?sslmode=require"
            }
            ```
            Good:
            ```hcl
            # VAULT_PG_CONNECTION_URL is set from a Kubernetes Secret.
            storage "postgresql" {
              table = "vault_kv_store"
            }
            ```
            """,
        precision: "high");

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(HclFile file, RuleContext context)
    {
        if (!VaultServerConfig.IsServerConfig(file)) return;
        foreach (var storage in VaultServerConfig.StorageBlocks(file))
        foreach (var attribute in storage.Body.Attributes)
        {
            string? text = attribute.Expression.AsStringLiteral();
            if (string.IsNullOrEmpty(text)) continue;
            bool inline = attribute.Name == "password" || SecretText.UrlPassword(text!) is not null || SecretText.KeywordPassword(text!) is not null;
            if (inline)
                context.Report(attribute.Span, $"{VaultServerConfig.Describe(storage)} has a password written in {attribute.Name}: pass it from a Kubernetes Secret or the environment.");
        }
    }
}
