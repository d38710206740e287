using System;
using System.Linq;
using OpsTower.Policy.Formats.Dockerfile;

namespace OpsTower.Policy.Rules.Dockerfile;

/// <summary>ENV and ARG do not carry literal secrets.</summary>
public sealed class SecretInEnvOrArgRule : FileRule<DockerfileDocument>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP1007",
        name: "SecretInEnvOrArg",
        title: "ENV and ARG do not set literal secrets.",
        description: "An ENV or ARG whose name contains one of the policy's sensitive_name_patterns (PASSWORD, SECRET, TOKEN, API_KEY…) and does not end with one of its ignored_name_suffixes (_FILE, _PATH…) must not be given a literal, non-empty value. A value that is only a variable reference ($X, ${X}) and an ARG without a default are fine.",
        defaultLevel: FindingLevel.Error,
        securitySeverity: 9.0,
        category: "Dockerfile",
        tags: new[] { "security", "secrets", "CWE-798" },
        helpMarkdown: """
            ## Why
            ENV values are stored in the image configuration and ARG values in its build history: anyone who can pull
            the image can read them with `docker inspect` or `docker history`, and they stay in every layer cache,
            registry mirror and provenance attestation the image reaches. A secret written in a Dockerfile is also in
            the Git history for good.

            ## How to fix
            Pass build-time secrets with BuildKit secret mounts (`RUN --mount=type=secret,id=npm_token …`, built with
            `docker build --secret id=npm_token,env=NPM_TOKEN`), and runtime secrets through the orchestrator (Vault,
            Kubernetes Secrets) or a `*_FILE` variable pointing at a mounted file. Rotate any secret that was committed.

            ## Example
            Bad:
            ```dockerfile
            ENV DB_PASSWORD=s3cr3t
            ARG NPM_TOKEN=npm_abc123
            ```
            Good:
            ```dockerfile
            ENV DB_PASSWORD_FILE=/run/secrets/db_password
            RUN --mount=type=secret,id=npm_token NPM_TOKEN=$(cat /run/secrets/npm_token) npm ci
            ```
            """,
        precision: "high",
        peers: new[] { new PeerRule("docker build --check", "SecretsUsedInArgOrEnv") });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(DockerfileDocument document, RuleContext context)
    {
        var patterns = context.Parameters.GetStringList("sensitive_name_patterns");
        var ignoredSuffixes = context.Parameters.GetStringList("ignored_name_suffixes");
        foreach (var instruction in document.Instructions)
        {
            if (instruction.Keyword is not ("ENV" or "ARG")) continue;
            foreach (var pair in instruction.KeyValues)
            {
                string? value = pair.Value;
                if (value is null || value.Trim().Length == 0 || IsVariableReference(value.Trim())) continue;
                string name = pair.Key.ToUpperInvariant();
                if (ignoredSuffixes.Any(s => name.EndsWith(s.ToUpperInvariant(), StringComparison.Ordinal))) continue;
                string? pattern = patterns.FirstOrDefault(p => name.IndexOf(p.ToUpperInvariant(), StringComparison.Ordinal) >= 0);
                if (pattern is null) continue;
                context.Report(pair.ValueSpan ?? pair.Span,
                    $"{instruction.Keyword} {pair.Key} sets a literal value (redacted, {value.Length} characters) for a name that looks like a secret ('{pattern}'): use a BuildKit secret mount or a runtime secret.");
            }
        }
    }

    /// <summary><c>$NAME</c> or <c>${…}</c> and nothing else: the value comes from elsewhere.</summary>
    private static bool IsVariableReference(string value)
    {
        if (value.Length < 2 || value[0] != '$') return false;
        if (value[1] == '{') return value.IndexOf('}') == value.Length - 1;
        return value.Skip(1).All(c => c == '_' || char.IsLetterOrDigit(c));
    }
}
