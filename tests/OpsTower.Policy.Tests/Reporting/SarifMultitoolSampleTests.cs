using System.IO;
using OpsTower.Policy.Reporting.Sarif;
using Xunit.Abstractions;

namespace OpsTower.Policy.Tests.Reporting;

/// <summary>
/// Leaves a realistic SARIF log in the temp folder for Microsoft's SARIF multitool (5.7.0), which CI runs on it after the
/// tests and whose output log must list no error or warning (its exit code is 0 either way):
/// <c>npx --prefix DIR sarif-multitool validate FILE --rule-kind '"Sarif;Ghas"' --output LOG --log ForceOverwrite</c>.
/// The file goes first because <c>--log</c> takes every following word as a value, and the inner quotes are needed
/// because the npm wrapper passes its arguments through a shell, where ';' would end the command.
/// </summary>
public class SarifMultitoolSampleTests
{
    public const string FileName = "opstower-policy-sample.sarif";

    private readonly ITestOutputHelper _output;

    public SarifMultitoolSampleTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Writes_a_realistic_log_for_the_multitool()
    {
        string path = Path.Combine(Path.GetTempPath(), FileName);
        using (FileStream stream = File.Create(path))
        {
            SarifWriter.Write(ReportingTestData.Realistic(), stream, new SarifOptions("1.2.3") { Category = "opstower-policy", CommandLineArguments = new[] { "scan", "--format", "sarif", "." } });
        }

        _output.WriteLine($"SARIF sample for the multitool: {path}");
        SarifSchema.AssertValid(File.ReadAllText(path), _output);
    }
}
