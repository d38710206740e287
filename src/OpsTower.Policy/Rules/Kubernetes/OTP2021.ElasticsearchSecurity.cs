using System;
using System.Linq;
using OpsTower.Policy.Formats.Kubernetes;
using OpsTower.Policy.Formats.Yaml;

namespace OpsTower.Policy.Rules.Kubernetes;

/// <summary>Elastic Cloud on Kubernetes clusters keep security on and verify TLS.</summary>
public sealed class ElasticsearchSecurityRule : FileRule<KubernetesFile>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP2021",
        name: "ElasticsearchSecurity",
        title: "Elasticsearch keeps security enabled and verifies TLS certificates.",
        description: "For ECK Elasticsearch objects, reports a nodeSet config with xpack.security.enabled: false or an xpack.security.transport.ssl or http.ssl verification_mode of none; for ECK Kibana objects, elasticsearch.ssl.verificationMode: none. Settings are found whether written as dotted keys or nested mappings.",
        defaultLevel: FindingLevel.Error,
        securitySeverity: 8.0,
        category: "Kubernetes",
        tags: new[] { "security", "kubernetes", "elasticsearch", "tls" },
        helpMarkdown: """
            ## Why
            With security disabled, anyone who reaches port 9200 reads and deletes every index (logs often hold
            tokens and personal data). A verification mode of `none` accepts any certificate, so a node or client can
            be impersonated on the network.

            ## How to fix
            Leave `xpack.security.enabled` at its ECK default (true), and use `certificate` or `full` verification.

            ## Example
            Bad:
            ```yaml
            config:
              xpack.security.transport.ssl.verification_mode: none
            ```
            Good:
            ```yaml
            config:
              xpack.security.transport.ssl.verification_mode: certificate
            ```
            """,
        precision: "very-high");

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(KubernetesFile file, RuleContext context)
    {
        foreach (var obj in file.Objects)
        {
            if (obj.Is("elasticsearch.k8s.elastic.co", "Elasticsearch") && obj.Node.GetPath("spec", "nodeSets") is YamlSequence nodeSets)
            {
                foreach (var nodeSet in nodeSets.Items.OfType<YamlMapping>())
                {
                    if (nodeSet.GetMapping("config") is not { } config) continue;
                    if (Setting(config, "xpack.security.enabled") is { } enabled && enabled.AsBool() == false)
                        context.Report(enabled.Span, $"Elasticsearch {obj.Name} disables security: anyone who reaches it can read and change every index.");
                    foreach (string layer in new[] { "transport", "http" })
                        if (Setting(config, $"xpack.security.{layer}.ssl.verification_mode") is { Value: "none" } mode)
                            context.Report(mode.Span, $"Elasticsearch {obj.Name} does not verify {layer} TLS certificates: use certificate or full.");
                }
            }
            if (obj.Is("kibana.k8s.elastic.co", "Kibana") && obj.Node.GetPath("spec", "config") is YamlMapping kibanaConfig
                && Setting(kibanaConfig, "elasticsearch.ssl.verificationMode") is { Value: "none" } kibanaMode)
                context.Report(kibanaMode.Span, $"Kibana {obj.Name} does not verify Elasticsearch's TLS certificate: use certificate or full.");
        }
    }

    /// <summary>A setting written as <c>a.b.c: v</c>, <c>a: {b.c: v}</c> or <c>a: {b: {c: v}}</c>.</summary>
    private static YamlScalar? Setting(YamlMapping config, string dottedKey)
    {
        if (config.GetScalar(dottedKey) is { } flat) return flat;
        int dot = dottedKey.IndexOf('.');
        while (dot > 0)
        {
            if (config.GetMapping(dottedKey.Substring(0, dot)) is { } nested && Setting(nested, dottedKey.Substring(dot + 1)) is { } found)
                return found;
            dot = dottedKey.IndexOf('.', dot + 1);
        }
        return null;
    }
}
