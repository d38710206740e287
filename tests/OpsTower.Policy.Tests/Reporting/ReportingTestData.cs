using System;
using System.Collections.Generic;
using System.Linq;
using OpsTower.Policy.Engine;
using OpsTower.Policy.Rules;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Tests.Reporting;

/// <summary>Hand-built scan results for the report writers: rules in three domains, findings with related locations, notifications.</summary>
internal static class ReportingTestData
{
    public static readonly RuleDescriptor RunAsNonRoot = new(
        "OTP1001", "RunAsNonRoot", "The container must not run as root.",
        "A Dockerfile whose last USER is root, or that sets no USER, runs its container as root.",
        FindingLevel.Error, 7.5, "Dockerfile", new[] { "dockerfile", "containers", "cis-docker-4.1" },
        "## Why\nA process that runs as root in a container is root on the host if it escapes.\n\n## Fix\nAdd `USER 10001` after the last `RUN`.\n\n```dockerfile\nUSER 10001\n```",
        "very-high", new[] { new PeerRule("hadolint", "DL3002") });

    public static readonly RuleDescriptor PinBaseImage = new(
        "OTP1002", "PinBaseImageDigest", "Base images must be pinned by digest.",
        "A tag such as node:20 can point at a different image tomorrow; a digest cannot.",
        FindingLevel.Warning, 5.0, "Dockerfile", new[] { "supply-chain" },
        "Pin the image: `FROM node:20@sha256:<digest>`.");

    public static readonly RuleDescriptor NoPrivileged = new(
        "OTP2001", "NoPrivilegedContainers", "Containers must not be privileged.",
        "A privileged container has every capability and the host's devices.",
        FindingLevel.Error, 9.1, "Kubernetes", new[] { "kubernetes", "pod-security" },
        "Remove `privileged: true` from the container's `securityContext`.");

    public static readonly RuleDescriptor NoHardcodedSecrets = new(
        "OTP7001", "NoHardcodedSecrets", "Secrets must not be written in configuration.",
        "A credential in a file under version control is readable by everyone who can read the repository.",
        FindingLevel.Error, 8.0, "Vault", new[] { "secrets" },
        "Read it from Vault instead.", "medium");

    public static readonly SourceFile Dockerfile = new("Dockerfile",
        "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nUSER root\nCMD [\"node\", \"server.js\"]\n");

    public static readonly SourceFile Deployment = new("deploy/k8s/web app.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: registry.example.com/web:1.0\n      securityContext:\n        privileged: true\n");

    public static readonly SourceFile Terraform = new("infra/naïve#1.tf",
        "provider \"vault\" {\n  token = \"hvs.CAESIExample\"\n}\n");

    public static TextSpan SpanOf(SourceFile file, string text)
    {
        int start = file.Text.IndexOf(text, StringComparison.Ordinal);
        if (start < 0) throw new ArgumentException($"'{text}' is not in {file.Path}.");
        return new TextSpan(start, text.Length);
    }

    public static IReadOnlyList<Finding> Findings() => new[]
    {
        new Finding(RunAsNonRoot, FindingLevel.Error, "The last USER is root.", Dockerfile, SpanOf(Dockerfile, "USER root")),
        new Finding(PinBaseImage, FindingLevel.Warning, "node:20 is not pinned by digest.", Dockerfile, SpanOf(Dockerfile, "node:20")),
        new Finding(NoPrivileged, FindingLevel.Error, "Container 'web' is privileged.", Deployment, SpanOf(Deployment, "privileged: true"),
            new[]
            {
                new RelatedLocation(Deployment, SpanOf(Deployment, "- name: web"), "The container."),
                new RelatedLocation(Dockerfile, SpanOf(Dockerfile, "USER root"), "Its image runs as root too."),
            }),
        // Spans two lines, so the region's end line differs from its start line.
        new Finding(NoHardcodedSecrets, FindingLevel.Error, "A Vault token is written in the provider block.", Terraform,
            TextSpan.FromBounds(SpanOf(Terraform, "token").Start, SpanOf(Terraform, "}").End)),
    };

    public static IReadOnlyList<ScanNotification> Notifications() => new[]
    {
        new ScanNotification(NotificationLevel.Error, "Could not parse the file: mapping values are not allowed here.", "deploy/k8s/broken.yaml",
            new LinePositionSpan(new LinePosition(4, 9), new LinePosition(4, 10))),
        new ScanNotification(NotificationLevel.Error, "The rule failed: Object reference not set to an instance of an object.", Deployment.Path, ruleId: NoPrivileged.Id),
        new ScanNotification(NotificationLevel.Warning, "Skipped: the file is larger than 1 MB.", "assets/big.json"),
        new ScanNotification(NotificationLevel.Note, "No policy file was found; the baseline policy applies."),
    };

    public static IReadOnlyList<RuleDescriptor> Rules() => new[] { RunAsNonRoot, PinBaseImage, NoPrivileged, NoHardcodedSecrets };

    /// <summary>A scan with several rules, findings with related locations across files, a parse failure and a rule failure.</summary>
    public static ScanResult Realistic(string rootDirectory = "/work/repo") =>
        new(rootDirectory, new[] { Deployment, Dockerfile, Terraform }, Rules(), Findings(), Notifications());

    /// <summary>The same scan with every list in another order.</summary>
    public static ScanResult RealisticShuffled(string rootDirectory = "/work/repo") =>
        new(rootDirectory, new[] { Terraform, Dockerfile, Deployment }, Rules().Reverse().ToArray(), Findings().Reverse().ToArray(), Notifications().Reverse().ToArray());
}
