using BenchmarkDotNet.Running;

namespace OpsTower.Policy.Benchmarks;

/// <summary>
/// Benchmarks, with public tools only: <c>dotnet run -c Release --project tests/OpsTower.Policy.Benchmarks -- --filter '*'</c>.
/// Each reports throughput in MB/s of input as well as time per operation.
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
