using OpsTower.Policy.Formats.Dockerfile;

namespace OpsTower.Policy.Rules.Dockerfile;

/// <summary>ADD from a URL verifies what it downloads.</summary>
public sealed class AddRemoteChecksumRule : FileRule<DockerfileDocument>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP1005",
        name: "AddRemoteChecksum",
        title: "ADD from a URL verifies a checksum.",
        description: "ADD of an http(s) URL must carry --checksum=sha256:…, and ADD of a Git repository must pin a full commit hash (#<40 hex digits>) or carry --checksum. Otherwise the build trusts whatever the server returns.",
        defaultLevel: FindingLevel.Error,
        securitySeverity: 6.5,
        category: "Dockerfile",
        tags: new[] { "security", "supply-chain" },
        helpMarkdown: """
            ## Why
            `ADD https://…` downloads at build time and puts the bytes in the image without any verification. A
            compromised server, a hijacked domain or a moved release asset changes the image silently, and the build
            cache hides when it happened. Git sources at a branch or tag move the same way.

            This rule covers remote sources only; OTP1006 covers ADD of local files, where COPY is enough.

            ## How to fix
            Use `ADD --checksum=sha256:<hash> <url> <dest>` (Dockerfile syntax 1.6+), or download with `curl`/`wget`
            in a RUN and verify with `sha256sum -c`. For Git, pin the commit: `ADD https://github.com/org/repo.git#<sha> /src`.

            ## Example
            Bad:
            ```dockerfile
            ADD https://github.com/krallin/tini/releases/download/v0.19.0/tini /tini
            ```
            Good:
            ```dockerfile
            ADD --checksum=sha256:93dcc18adc78c65a028a84799ecf8ad40c936fdfc5f2a57b1acda5a8117fa82c \
                https://github.com/krallin/tini/releases/download/v0.19.0/tini /tini
            ```
            """,
        precision: "very-high",
        peers: null);

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(DockerfileDocument document, RuleContext context)
    {
        foreach (var add in document.Instructions)
        {
            if (add.Keyword != "ADD" || add.GetFlag("checksum") is not null) continue;
            foreach (var source in AddSources.Of(add))
            {
                string shown = DockerfileFacts.RedactUrlCredentials(source.Value);
                if (AddSources.IsGit(source.Value))
                {
                    if (!AddSources.IsPinnedToCommit(source.Value))
                        context.Report(source.Span, $"ADD clones '{shown}' at a ref that can move: pin a full commit hash (#<sha>) or add --checksum.");
                }
                else if (AddSources.IsHttp(source.Value))
                {
                    context.Report(source.Span, $"ADD downloads '{shown}' without --checksum: add --checksum=sha256:<hash> or download and verify in a RUN.");
                }
            }
        }
    }
}
