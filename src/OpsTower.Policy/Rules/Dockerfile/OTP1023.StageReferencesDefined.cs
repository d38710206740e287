using System;
using System.Globalization;
using System.Linq;
using OpsTower.Policy.Formats.Dockerfile;

namespace OpsTower.Policy.Rules.Dockerfile;

/// <summary>COPY --from names an earlier stage (or an image reference).</summary>
public sealed class StageReferencesDefinedRule : FileRule<DockerfileDocument>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP1023",
        name: "StageReferencesDefined",
        title: "COPY --from names an earlier stage.",
        description: "A COPY --from value that is a stage index must be an earlier stage; a plain name (no ':', '/' or '@', no variable) must be the AS name of an earlier stage, or BuildKit pulls an image of that name instead. Stage names compare case-insensitively. A stage name used twice is not reported here: BuildKit rejects the file, so the parser reports it as a scan error (hadolint DL3024).",
        defaultLevel: FindingLevel.Error,
        securitySeverity: 5.0,
        category: "Dockerfile",
        tags: new[] { "correctness", "supply-chain" },
        helpMarkdown: """
            ## Why
            `COPY --from=buidler /app /app` with a misspelt stage name does not fail: BuildKit treats the name as an
            image and pulls `docker.io/library/buidler:latest`, which anyone can publish. A stage defined after the
            COPY or an index out of range is a mistake of the same kind.

            ## How to fix
            Name the stage (`FROM golang:1.22 AS builder`) before the COPY and refer to that name; give each stage a
            name of its own (a name used twice is a parse error). To copy from an image, write a full reference with a tag or digest (`--from=nginx:1.27`).

            ## Example
            Bad:
            ```dockerfile
            FROM golang:1.22 AS builder
            RUN go build -o /out/app ./cmd/app
            FROM gcr.io/distroless/static-debian12
            COPY --from=buidler /out/app /app
            ```
            Good:
            ```dockerfile
            FROM golang:1.22 AS builder
            RUN go build -o /out/app ./cmd/app
            FROM gcr.io/distroless/static-debian12
            COPY --from=builder /out/app /app
            ```
            """,
        precision: "high",
        peers: new[]
        {
            new PeerRule("hadolint", "DL3022"),
            new PeerRule("Trivy", "AVD-DS-0006"),
        });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(DockerfileDocument document, RuleContext context)
    {
        foreach (var stage in document.Stages)
        {
            foreach (var copy in stage.Instructions.Where(i => i.Keyword == "COPY"))
            {
                var from = copy.GetFlag("from");
                if (from?.Value is not { } reference || from.ValueSpan is not { } span || DockerfileFacts.HasVariable(reference)) continue;
                string? problem = Check(reference, stage, document);
                if (problem is not null) context.Report(span, problem);
            }
        }
    }

    private static string? Check(string reference, DockerStage stage, DockerfileDocument document)
    {
        if (int.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out int index))
        {
            if (index < stage.Index) return null;
            return index == stage.Index
                ? $"COPY --from={reference} refers to its own stage: use a path in this stage instead."
                : $"COPY --from={reference} refers to a stage index that is not an earlier stage (this is stage {stage.Index}).";
        }
        // Image references have a tag, digest or registry path; a bare word is taken for a stage name.
        if (reference.IndexOfAny(new[] { ':', '/', '@' }) >= 0) return null;
        var named = document.Stages.FirstOrDefault(s => SameName(s, reference));
        if (named is null)
            return $"COPY --from={reference} names no stage of this Dockerfile: BuildKit would pull an image called '{reference}'. Define the stage first, or write an image reference with a tag.";
        if (named == stage) return $"COPY --from={reference} refers to its own stage: use a path in this stage instead.";
        return named.Index > stage.Index ? $"COPY --from={reference} refers to a stage defined later (line {named.From.StartLine}): define it before this stage." : null;
    }

    private static bool SameName(DockerStage stage, string name) =>
        stage.Name is not null && string.Equals(stage.Name.Value, name, StringComparison.OrdinalIgnoreCase);
}
