using OpsTower.Policy.Formats.Hcl;

namespace OpsTower.Policy.Rules.Vault;

/// <summary>Vault listeners serve TLS.</summary>
public sealed class VaultTlsEnabledRule : FileRule<HclFile>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP7001",
        name: "VaultTlsEnabled",
        title: "Vault listeners do not disable TLS.",
        description: "In a Vault server configuration (an HCL file with listener or storage blocks, standalone or embedded in a Kubernetes ConfigMap), no listener may set tls_disable to true (or \"true\", 1).",
        defaultLevel: FindingLevel.Error,
        securitySeverity: 8.0,
        category: "Vault",
        tags: new[] { "security", "vault", "secrets", "tls" },
        helpMarkdown: """
            ## Why
            Every Vault request carries a token and most responses carry secrets. Without TLS, anyone able to
            observe the network path (another pod on the node, a compromised sidecar, a mirrored port) reads both.

            ## How to fix
            Remove `tls_disable` (TLS is on by default) and set `tls_cert_file` and `tls_key_file`, e.g. from a
            cert-manager certificate.

            ## Example
            Bad:
            ```hcl
            listener "tcp" {
              address     = "0.0.0.0:8200"
              tls_disable = true
            }
            ```
            Good:
            ```hcl
            listener "tcp" {
              address       = "0.0.0.0:8200"
              tls_cert_file = "/vault/tls/tls.crt"
              tls_key_file  = "/vault/tls/tls.key"
            }
            ```
            """,
        precision: "very-high");

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(HclFile file, RuleContext context)
    {
        if (!VaultServerConfig.IsServerConfig(file)) return;
        foreach (var listener in file.Body.GetBlocks("listener"))
        {
            var tlsDisable = listener.Body.GetAttribute("tls_disable");
            if (tlsDisable is not null && VaultServerConfig.LiteralBool(tlsDisable.Expression) == true)
                context.Report(tlsDisable.Span, $"{VaultServerConfig.Describe(listener)} disables TLS: tokens and secrets cross the network in clear text.");
        }
    }
}
