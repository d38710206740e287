using System.Text;
using BenchmarkDotNet.Attributes;
using OpsTower.Policy.Engine;
using OpsTower.Policy.Formats.Dockerfile;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Benchmarks;

/// <summary>
/// Parsing and checking one 1 MB multi-stage Dockerfile: parse alone, and parse plus every baseline rule.
/// The input is 1 MB, so MB/s is 1 divided by the mean in seconds.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class DockerfileBenchmarks
{
    private SourceFile _file = null!;
    private PolicyEngine _engine = null!;

    [GlobalSetup]
    public void Setup()
    {
        var text = new StringBuilder();
        for (int stage = 0; text.Length < 1_000_000; stage++)
        {
            text.Append($"FROM node:18.{stage % 20}-alpine AS stage{stage}\n")
                .Append("WORKDIR /app\nCOPY --chown=app:app package*.json ./\n")
                .Append("RUN apk add --no-cache dumb-init curl \\\n    && npm ci --omit=dev \\\n    && npm cache clean --force\n")
                .Append("ENV NODE_ENV=production PORT=3000\nEXPOSE 3000\n")
                .Append("RUN <<EOF\nset -e\necho building\nEOF\n")
                .Append("USER 1001\nHEALTHCHECK --interval=30s CMD [\"wget\", \"-qO-\", \"http://localhost:3000/health\"]\n")
                .Append("ENTRYPOINT [\"dumb-init\", \"--\"]\nCMD [\"node\", \"index.js\"]\n\n");
        }
        _file = new SourceFile("Dockerfile", text.ToString());
        _engine = new PolicyEngine();
    }

    [Benchmark]
    public int Parse() => DockerfileParser.Parse(_file).Instructions.Count;

    [Benchmark]
    public int ParseAndCheck() => _engine.AnalyzeFile(_file).Findings.Count;
}
