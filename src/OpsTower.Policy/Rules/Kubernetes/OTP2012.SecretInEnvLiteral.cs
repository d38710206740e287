using OpsTower.Policy.Formats.Kubernetes;
using OpsTower.Policy.Formats.Yaml;

namespace OpsTower.Policy.Rules.Kubernetes;

/// <summary>Secrets reach containers through secretKeyRef or envFrom, not literal env values.</summary>
public sealed class SecretInEnvLiteralRule : FileRule<KubernetesFile>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP2012",
        name: "SecretInEnvLiteral",
        title: "Secrets are not written as literal environment values.",
        description: "Reports an env entry whose name looks like a secret (it contains one of the policy's patterns, such as PASSWORD, TOKEN or SECRET) and that has a literal value, and any env value that is a URL with a password in it (postgres://user:password@host). Messages never repeat the value.",
        defaultLevel: FindingLevel.Error,
        securitySeverity: 7.5,
        category: "Kubernetes",
        tags: new[] { "security", "kubernetes", "secrets" },
        helpMarkdown: """
            ## Why
            A literal value in a manifest is in Git history forever, in every clone, in the API server's object and in
            `kubectl describe` output. Secrets belong in a Secret (or Vault) that RBAC protects and that can be rotated
            without a commit.

            ## How to fix
            Reference a Secret with `valueFrom.secretKeyRef`, or load a whole Secret with `envFrom.secretRef`.

            ## Example
            Bad:
            ```yaml
            env:
            - name: DB_PASSWORD
              value: hunter2
            ```
            Good:
            ```yaml
            env:
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef: {name: database-credentials, key: password}
            ```
            """,
        precision: "high",
        peers: new[] { new PeerRule("kube-linter", "env-var-secret") });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(KubernetesFile file, RuleContext context)
    {
        var patterns = context.Parameters.GetStringList("sensitive_name_patterns");
        var ignoredSuffixes = context.Parameters.GetStringList("ignored_name_suffixes");
        foreach (var container in WorkloadFacts.Containers(file))
        {
            if (container.Node.GetSequence("env") is not { } env) continue;
            foreach (var item in env.Items)
            {
                if (item is not YamlMapping variable || variable.GetString("name") is not { } name) continue;
                if (variable.GetScalar("value") is not { } value || value.Value.Length == 0) continue;
                if (WorkloadFacts.IsSensitiveName(name, patterns, ignoredSuffixes))
                {
                    context.Report(value.Span, $"The {container.DisplayName} sets {name} to a literal value: take it from a Secret with valueFrom.secretKeyRef.");
                    continue;
                }
                if (WorkloadFacts.UrlPassword(value.Value) is { } password)
                    context.Report(value.ValueSpan(password.Start, password.Length),
                        $"The {container.DisplayName} sets {name} to a URL with a password in it: take it from a Secret with valueFrom.secretKeyRef.");
            }
        }
    }
}
