using OpsTower.Policy.Text;

namespace OpsTower.Policy.Tests.Text;

public class RelativePathsTests
{
    [Theory]
    [InlineData("a/b/c", "a/b/c")]
    [InlineData("a/./b/../c", "a/c")]
    [InlineData("a//b/", "a/b")]
    [InlineData("a/..", "")]
    [InlineData("", "")]
    [InlineData("..", null)]
    [InlineData("a/../../b", null)]
    public void Dots_resolve_and_climbing_above_the_root_is_null(string path, string? expected) =>
        RelativePaths.Normalize(path).Should().Be(expected);
}
