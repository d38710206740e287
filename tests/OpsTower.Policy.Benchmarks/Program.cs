using BenchmarkDotNet.Running;

namespace OpsTower.Policy.Benchmarks;

/// <summary>
/// Benchmarks, with public tools only: <c>dotnet run -c Release --project tests/OpsTower.Policy.Benchmarks -- --filter '*'</c>.
/// docs/benchmarks.md says what each measures, how to turn times into MB/s or files/s, and what was measured.
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
