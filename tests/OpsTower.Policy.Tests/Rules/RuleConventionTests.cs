using System;
using System.Collections.Generic;
using System.Linq;
using OpsTower.Policy.Engine;
using OpsTower.Policy.Policies;
using OpsTower.Policy.Rules;
using OpsTower.Policy.Tests.Testing;

namespace OpsTower.Policy.Tests.Rules;

/// <summary>What every built-in rule must have: fixtures, a baseline entry, help, and parameters that match the baseline.</summary>
public sealed class RuleConventionTests
{
    private static readonly string[] Precisions = { "very-high", "high", "medium", "low" };

    public static IEnumerable<object[]> RuleIds => RuleCatalog.BuiltIn.Rules.Select(r => new object[] { r.Descriptor.Id });

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_has_pass_and_fail_fixtures(string id)
    {
        var fixtures = RuleFixtures.For(id).ToList();
        fixtures.Should().Contain(f => f.ShouldFail, $"{id} needs Fixtures/{id}/fail/<case> files");
        fixtures.Should().Contain(f => !f.ShouldFail, $"{id} needs Fixtures/{id}/pass/<case> files");
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_is_in_the_baseline(string id)
    {
        PolicyPack.Baseline.GetRule(id).Should().NotBeNull($"policies/baseline/baseline.yaml needs an entry for {id}");
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Descriptor_is_complete(string id)
    {
        var rule = RuleCatalog.BuiltIn.Find(id)!.Descriptor;
        rule.Name.Should().MatchRegex("^[A-Z][A-Za-z0-9]+$");
        rule.Title.Should().EndWith(".");
        rule.Description.Should().NotBeNullOrWhiteSpace();
        rule.Category.Should().NotBeNullOrWhiteSpace();
        rule.Tags.Should().NotBeEmpty();
        rule.SecuritySeverity.Should().BeInRange(0.1, 10.0);
        rule.Precision.Should().BeOneOf(Precisions);
        rule.HelpMarkdown.Should().Contain("## Why").And.Contain("## How to fix").And.Contain("## Example");
        rule.DefaultLevel.Should().NotBe(FindingLevel.None);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_reads_every_baseline_parameter_and_nothing_else(string id)
    {
        // Rules read their parameters before looking at the model, so one run shows which they need.
        var rule = RuleCatalog.BuiltIn.Find(id)!;
        var fixture = RuleFixtures.For(id).FirstOrDefault();
        if (fixture is null) return; // Rule_has_pass_and_fail_fixtures reports this.
        var file = fixture.Load();
        var model = DocumentParsers.Parse(FileClassifier.Classify(file.Path, () => file.Text), file)!.Model;
        var baseline = PolicyPack.Baseline.ParametersFor(rule.Descriptor);

        var run = () => rule.Analyze(model, new RuleContext(rule.Descriptor, FindingLevel.Warning, baseline, file, new List<Finding>()));
        run.Should().NotThrow("the baseline must give every parameter {0} reads", id);

        foreach (string name in baseline.Names)
        {
            var without = new RuleParameters(baseline.Names.Where(n => n != name).ToDictionary(n => n, n => baseline.GetRaw(n), StringComparer.Ordinal));
            var runWithout = () => rule.Analyze(model, new RuleContext(rule.Descriptor, FindingLevel.Warning, without, file, new List<Finding>()));
            runWithout.Should().Throw<PolicyException>($"{id} should read baseline parameter '{name}' (or the baseline should drop it)")
                .Which.Message.Should().Contain(name);
        }
    }
}
