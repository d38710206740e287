using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using OpsTower.Policy.Engine;
using OpsTower.Policy.Policies;
using OpsTower.Policy.Tests.Testing;

namespace OpsTower.Policy.Tests.Rules;

/// <summary>docs/rules/&lt;id&gt;.md matches the rule; set OPSTOWER_UPDATE_DOCS=1 to rewrite stale pages.</summary>
public sealed class RuleDocsTests
{
    public static IEnumerable<object[]> RuleIds => RuleCatalog.BuiltIn.Rules.Select(r => new object[] { r.Descriptor.Id });

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Docs_page_matches_the_rule(string id)
    {
        var rule = RuleCatalog.BuiltIn.Find(id)!.Descriptor;
        string path = Path.Combine(RepositoryPaths.Root, RuleDocs.RelativePath(rule));
        string expected = RuleDocs.Render(rule, PolicyPack.Baseline);

        if (Environment.GetEnvironmentVariable(RuleDocs.UpdateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, expected);
        }

        string actual = File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n") : "";
        actual.Should().Be(expected, $"{RuleDocs.RelativePath(rule)} is stale or missing; regenerate with {RuleDocs.UpdateVariable}=1 dotnet test --filter RuleDocsTests");
    }
}
