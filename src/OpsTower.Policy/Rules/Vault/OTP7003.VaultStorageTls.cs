using System;
using System.Linq;
using OpsTower.Policy.Formats.Hcl;

namespace OpsTower.Policy.Rules.Vault;

/// <summary>Vault connects to PostgreSQL storage over verified TLS.</summary>
public sealed class VaultStorageTlsRule : FileRule<HclFile>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP7003",
        name: "VaultStorageTls",
        title: "Vault connects to its PostgreSQL storage with TLS required.",
        description: "In a Vault server configuration, a storage \"postgresql\" connection_url must set sslmode to one of accepted_sslmodes (require, verify-ca, verify-full in the baseline). Without sslmode, libpq uses prefer, which silently falls back to plain text.",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 6.5,
        category: "Vault",
        tags: new[] { "security", "vault", "tls", "database" },
        helpMarkdown: """
            ## Why
            Vault's storage traffic is encrypted by Vault's barrier, but the database login is not: with `prefer`
            or `disable`, the storage password crosses the network in clear text, and a man in the middle can
            serve Vault a forged database.

            ## How to fix
            Add `sslmode=verify-full` (with `sslrootcert`), or at least `sslmode=require`, to the connection URL.
            The accepted modes are the `accepted_sslmodes` parameter.

            ## Example
            Bad:
            ```hcl
            storage "postgresql" {
              connection_url = "postgres://postgres:5432/vault"
            }
            ```
            Good:
            ```hcl
            storage "postgresql" {
              connection_url = "postgres://postgres:5432/vault?sslmode=verify-full"
            }
            ```
            """,
        precision: "high");

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(HclFile file, RuleContext context)
    {
        var accepted = context.Parameters.GetStringList("accepted_sslmodes");
        if (!VaultServerConfig.IsServerConfig(file)) return;
        foreach (var storage in VaultServerConfig.StorageBlocks(file).Where(b => b.Labels.FirstOrDefault()?.Value == "postgresql"))
        {
            var url = storage.Body.GetAttribute("connection_url");
            string? text = url?.Expression.AsStringLiteral();
            if (url is null || text is null) continue;
            string? mode = SslMode(text);
            if (mode is null) context.Report(url.Span, $"{VaultServerConfig.Describe(storage)} sets no sslmode, so the connection may fall back to plain text: add sslmode={accepted.FirstOrDefault() ?? "require"}.");
            else if (!accepted.Contains(mode)) context.Report(url.Span, $"{VaultServerConfig.Describe(storage)} connects with sslmode={mode}: use one of {string.Join(", ", accepted)}.");
        }
    }

    /// <summary>The sslmode of a URL (<c>?sslmode=…</c>) or keyword connection string (<c>sslmode=…</c>), or null.</summary>
    private static string? SslMode(string connection)
    {
        int at = connection.IndexOf("sslmode=", StringComparison.Ordinal);
        if (at < 0) return null;
        int start = at + "sslmode=".Length;
        int end = start;
        while (end < connection.Length && connection[end] != '&' && connection[end] != ' ' && connection[end] != ';') end++;
        return connection.Substring(start, end - start);
    }
}
