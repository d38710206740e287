using OpsTower.Policy.Analyzers.CodeFixes;
using OpsTower.Policy.Analyzers.Tests.Testing;

namespace OpsTower.Policy.Analyzers.Tests;

/// <summary>OTP4008's fix on a workflow, through <see cref="CodeFixRunner"/>.</summary>
public class WorkflowCodeFixTests
{
    private const string Path = "/repo/.github/workflows/ci.yml";

    [Fact]
    public async Task A_checkout_without_with_gets_one()
    {
        string fixedText = await FixAsync(FormatAnalyzerTests.CheckoutThenUpload);
        fixedText.Should().Be(FormatAnalyzerTests.CheckoutThenUpload.Replace(
            "# v4.2.2\n",
            "# v4.2.2\n        with:\n          persist-credentials: false\n"));
    }

    [Fact]
    public async Task A_checkout_with_other_inputs_gets_the_key_under_its_with()
    {
        const string text =
            "on: push\r\npermissions:\r\n  contents: read\r\njobs:\r\n  build:\r\n    runs-on: ubuntu-latest\r\n    steps:\r\n" +
            "      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\r\n" +
            "        with:\r\n          fetch-depth: 0\r\n" +
            "      - uses: actions/upload-artifact@0123456789abcdef0123456789abcdef01234567 # v4\r\n" +
            "        with:\r\n          path: .\r\n";
        string fixedText = await FixAsync(text);
        fixedText.Should().Be(text.Replace("        with:\r\n          fetch-depth: 0\r\n", "        with:\r\n          persist-credentials: false\r\n          fetch-depth: 0\r\n"));
    }

    private static Task<string> FixAsync(string text) =>
        CodeFixRunner.FixAsync(new WorkflowCodeFixProvider(), Path, text, "OTP4008", WorkflowCodeFixProvider.Title);
}
