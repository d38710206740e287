using System.Collections.Generic;
using OpsTower.Policy.Tests.Testing;

namespace OpsTower.Policy.Tests.Rules;

/// <summary>Every fixture under Rules/*/Fixtures is one test case, named like <c>OTP1001/fail/root-user</c>.</summary>
public sealed class RuleFixtureTests
{
    public static IEnumerable<object[]> Fixtures => RuleFixtures.Cases;

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture(string fixture) => RuleFixtures.Verify(RuleFixtures.Get(fixture));
}
