using OpsTower.Policy.Rules.GitHubActions;

namespace OpsTower.Policy.Tests.Rules.GitHubActions;

public class AllSecretsExposedRuleTests
{
    [Theory]
    [InlineData("toJSON(secrets)", "serialises the whole secrets context")]
    [InlineData("tojson( secrets )", "serialises the whole secrets context")]
    [InlineData("format('{0}', toJson(secrets))", "serialises the whole secrets context")]
    [InlineData("secrets[matrix.name]", "reads a secret whose name is computed")]
    [InlineData("secrets [ format('{0}_TOKEN', inputs.env) ]", "reads a secret whose name is computed")]
    [InlineData("secrets['NPM_TOKEN']", null)]
    [InlineData("secrets.NPM_TOKEN", null)]
    [InlineData("toJSON(secrets.NPM_TOKEN)", null)]
    [InlineData("vars.my_secrets[0]", null)]
    [InlineData("env.secrets[0]", null)]
    [InlineData("secrets[", null)]
    [InlineData("", null)]
    public void Only_the_whole_context_or_a_computed_name_exposes_every_secret(string expression, string? expected) =>
        AllSecretsExposedRule.Exposure(expression).Should().Be(expected);
}
