using System.Linq;
using OpsTower.Policy.Reporting.Sarif;

namespace OpsTower.Policy.Tests.Reporting;

public class PrimaryLocationLineHashTests
{
    // The cases and expected values of the 'hash' test in github/codeql-action src/fingerprints.test.ts, unchanged.
    public static TheoryData<string, string[]> CodeqlActionCases => new()
    {
        { "", new[] { "c129715d7a2bc9a3:1" } },
        { " a\nb\n  \t\tc\n d", new[] { "271789c17abda88f:1", "54703d4cd895b18:1", "180aee12dab6264:1", "a23a3dc5e078b07b:1" } },
        {
            " hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End",
            new[] { "8b7cf3e952e7aeb2:1", "b1ae1287ec4718d9:1", "bff680108adb0fcc:1", "c6805c5e1288b612:1", "b86d3392aea1be30:1", "e6ceba753e1a442:1" }
        },
        { " hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n", HelloWorldHashes },
        { " hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r", HelloWorldHashes },
        { " hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n", HelloWorldHashes },
        { " hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n", HelloWorldHashes },
        {
            string.Concat(Enumerable.Repeat("Lorem ipsum dolor sit amet.\n", 10)),
            new[]
            {
                "a7f2ff13bc495cf2:1", "a7f2ff13bc495cf2:2", "a7f2ff13bc495cf2:3", "a7f2ff13bc495cf2:4", "a7f2ff13bc495cf2:5",
                "a7f2ff13bc495cf2:6", "a7f2ff1481e87703:1", "a9cf91f7bbf1862b:1", "55ec222b86bcae53:1", "cc97dc7b1d7d8f7b:1",
                "c129715d7a2bc9a3:1",
            }
        },
    };

    private static readonly string[] HelloWorldHashes =
    {
        "e9496ae3ebfced30:1", "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1", "e20e36e16fcb0cc8:1", "b3edc88f2938467e:1", "c8e28b0b4002a3a0:1", "c129715d7a2bc9a3:1",
    };

    // Values the TS hash() function gives (run under node 20 with long 5.3.2) for inputs the codeql-action cases do not
    // cover: real Dockerfile and Kubernetes text, a line longer than the 100-character block, characters outside ASCII
    // and the BMP, whitespace other than space and tab (which the TS code hashes), and whitespace-only lines.
    public static TheoryData<string, string[]> NodeComputedCases => new()
    {
        {
            "FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nUSER root\nCMD [\"node\", \"server.js\"]\n",
            new[] { "540c35c1492d721b:1", "1e5a27a67a168d41:1", "fe16aad7f84050d5:1", "1242372714fe28b8:1", "5c33c5bc3e42dd26:1", "fe47f43e5f6b2a31:1", "c129715d7a2bc9a3:1" }
        },
        { new string('x', 150) + "\n" + new string('y', 20) + "\nz", new[] { "52b56201ffb58620:1", "2753bcc851f01a83:1", "76dcabf80cb35c79:1" } },
        { "caf\u00e9 \U0001F600 na\u00efve\n\u00fcber\n", new[] { "4d7a664de49425a5:1", "a3b6ffa82f3c1782:1", "c129715d7a2bc9a3:1" } },
        { "a\fb\n\u00a0c\n\u000bd\r\n", new[] { "1cb75cc7f251a56e:1", "6fc831f09be1d9c1:1", "e89eef2eb2927ab4:1", "c129715d7a2bc9a3:1" } },
        { "   \n\t\n\n", new[] { "4e5d562094661a0d:1", "5b5d4caf73a13177:1", "3c5bef55b72b93c9:1", "c129715d7a2bc9a3:1" } },
        {
            "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: web\n      securityContext:\n        privileged: true\n    - name: web\n      securityContext:\n        privileged: true\n",
            new[]
            {
                "aa3daddf552c6640:1", "c1b89d51429f69ae:1", "75b599095b72d0e7:1", "43f32024157c44ad:1", "397374725a7b3e2b:1", "80ab95b41864a453:1",
                "8eb6d24f4730462a:1", "3081bafd0db66def:1", "607b74258a14daf7:1", "b7f3e93dae7346de:1", "c129715d7a2bc9a3:1",
            }
        },
    };

    [Theory]
    [MemberData(nameof(CodeqlActionCases))]
    [MemberData(nameof(NodeComputedCases))]
    public void Every_line_hashes_to_what_codeql_action_computes(string text, string[] expected)
    {
        PrimaryLocationLineHash.ComputeAll(text).Should().Equal(expected);
    }

    [Theory]
    [MemberData(nameof(CodeqlActionCases))]
    public void One_line_hashes_to_that_lines_entry(string text, string[] expected)
    {
        for (int line = 1; line <= expected.Length; line++)
        {
            PrimaryLocationLineHash.Compute(text, line).Should().Be(expected[line - 1], "line {0}", line);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void A_line_the_text_does_not_have_has_no_hash(int line)
    {
        PrimaryLocationLineHash.Compute("one\ntwo", line).Should().BeNull();
    }

    [Fact]
    public void The_line_count_is_the_source_files_line_count()
    {
        const string text = "a\r\nb\rc\n\nd\n";
        PrimaryLocationLineHash.ComputeAll(text).Should().HaveCount(new OpsTower.Policy.Text.SourceFile("x", text).LineCount);
    }
}
