using OpsTower.Policy.Engine.Discovery;

namespace OpsTower.Policy.Tests.Engine;

public class GlobAndGitIgnoreTests
{
    [Theory]
    [InlineData("*.tf", "main.tf", true)]
    [InlineData("*.tf", "dir/main.tf", false)]
    [InlineData("a?c", "abc", true)]
    [InlineData("a?c", "a/c", false)]
    [InlineData("[a-c]x", "bx", true)]
    [InlineData("[!a-c]x", "bx", false)]
    [InlineData("**/x", "x", true)]
    [InlineData("**/x", "a/b/x", true)]
    [InlineData("a/**/b", "a/b", true)]
    [InlineData("a/**/b", "a/x/y/b", true)]
    [InlineData("a/**", "a/x/y", true)]
    [InlineData("\\*x", "*x", true)]
    [InlineData("\\*x", "ax", false)]
    public void Glob_matches_like_git(string pattern, string path, bool expected) =>
        Glob.Match(pattern, path).Should().Be(expected);

    [Fact]
    public void Glob_does_not_backtrack_exponentially()
    {
        string pattern = string.Concat(Enumerable.Repeat("*a", 40)) + "b";
        string text = new('a', 5000);

        Glob.Match(pattern, text).Should().BeFalse();
    }

    [Fact]
    public void Unanchored_patterns_match_at_any_depth_and_cover_folder_contents()
    {
        var ignore = new GitIgnore("", "build\n*.log\n");

        ignore.IsIgnored("build", isDirectory: true).Should().BeTrue();
        ignore.IsIgnored("src/build/out.txt", isDirectory: false).Should().BeTrue();
        ignore.IsIgnored("deep/x.log", isDirectory: false).Should().BeTrue();
        ignore.IsIgnored("src/main.tf", isDirectory: false).Should().BeNull();
    }

    [Fact]
    public void Leading_or_inner_slash_anchors_to_the_gitignore_folder()
    {
        var ignore = new GitIgnore("sub", "/top.txt\ndocs/gen\n");

        ignore.IsIgnored("sub/top.txt", false).Should().BeTrue();
        ignore.IsIgnored("sub/x/top.txt", false).Should().BeNull();
        ignore.IsIgnored("sub/docs/gen/a.md", false).Should().BeTrue();
        ignore.IsIgnored("other/top.txt", false).Should().BeNull();
    }

    [Fact]
    public void Trailing_slash_matches_folders_only()
    {
        var ignore = new GitIgnore("", "cache/\n");

        ignore.IsIgnored("cache", isDirectory: false).Should().BeNull();
        ignore.IsIgnored("cache", isDirectory: true).Should().BeTrue();
        ignore.IsIgnored("cache/file", isDirectory: false).Should().BeTrue();
    }

    [Fact]
    public void Last_matching_pattern_wins_and_negation_re_includes()
    {
        var ignore = new GitIgnore("", "*.yaml\n!keep.yaml\n# comment\n\\#literal\n");

        ignore.IsIgnored("drop.yaml", false).Should().BeTrue();
        ignore.IsIgnored("keep.yaml", false).Should().BeFalse();
        ignore.IsIgnored("#literal", false).Should().BeTrue();
        ignore.IsIgnored("comment", false).Should().BeNull();
    }
}
