using System.Collections.Generic;
using OpsTower.Policy.Formats.Dockerfile;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Rules.Dockerfile;

/// <summary>A stage has at most one CMD and one ENTRYPOINT: only the last of each takes effect.</summary>
public sealed class SingleCmdAndEntrypointRule : FileRule<DockerfileDocument>
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP1022",
        name: "SingleCmdAndEntrypoint",
        title: "A stage has at most one CMD and one ENTRYPOINT.",
        description: "In each stage, a CMD or ENTRYPOINT that a later one of the same kind in the same stage overrides is reported (at the overridden instruction, with the one that wins as a related location).",
        defaultLevel: FindingLevel.Warning,
        securitySeverity: 1.0,
        category: "Dockerfile",
        tags: new[] { "correctness", "container" },
        helpMarkdown: """
            ## Why
            Only the last `CMD` and the last `ENTRYPOINT` of a stage take effect. An earlier one does nothing, yet a
            reader (or a reviewer of a change to it) believes it decides what the container runs. Two CMDs usually
            mean a command that was meant to run at build time (`RUN`) or a leftover of a merge.

            ## How to fix
            Keep one of each per stage; move build-time commands to `RUN`, and combine several processes in a script
            or a process supervisor.

            ## Example
            Bad:
            ```dockerfile
            CMD ["npm", "run", "migrate"]
            CMD ["node", "server.js"]
            ```
            Good:
            ```dockerfile
            CMD ["node", "server.js"]
            ```
            """,
        precision: "very-high",
        peers: new[]
        {
            new PeerRule("hadolint", "DL4003"),
            new PeerRule("hadolint", "DL4004"),
            new PeerRule("Trivy", "AVD-DS-0007"),
            new PeerRule("Trivy", "AVD-DS-0016"),
            new PeerRule("docker build --check", "MultipleInstructionsDisallowed"),
        });

    public override RuleDescriptor Descriptor => Definition;

    public override void Analyze(DockerfileDocument document, RuleContext context)
    {
        foreach (var stage in document.Stages)
        {
            var last = new Dictionary<string, DockerInstruction>();
            for (int i = stage.Instructions.Count - 1; i >= 0; i--)
            {
                var instruction = stage.Instructions[i];
                if (instruction.Keyword is not ("CMD" or "ENTRYPOINT")) continue;
                if (!last.TryGetValue(instruction.Keyword, out var winner))
                {
                    last[instruction.Keyword] = instruction;
                    continue;
                }
                int winnerLine = context.File.GetPosition(winner.KeywordSpan.Start).Line;
                context.Report(TextSpan.FromBounds(instruction.KeywordSpan.Start, instruction.ArgumentSpan.End),
                    $"This {instruction.Keyword} has no effect: the {winner.Keyword} on line {winnerLine} of the same stage overrides it.",
                    new[] { new RelatedLocation(context.File, winner.KeywordSpan, $"the {winner.Keyword} that takes effect") });
            }
        }
    }
}
