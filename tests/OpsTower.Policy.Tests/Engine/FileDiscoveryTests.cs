using OpsTower.Policy.Engine.Discovery;
using OpsTower.Policy.Tests.Testing;

namespace OpsTower.Policy.Tests.Engine;

public class FileDiscoveryTests
{
    [Fact]
    public void Lists_files_sorted_with_relative_forward_slash_paths_and_skips_default_folders()
    {
        using var dir = new TempDirectory();
        dir.Write("b/Dockerfile", "");
        dir.Write("a/Dockerfile", "");
        dir.Write("node_modules/x/Dockerfile", "");
        dir.Write("src/bin/Dockerfile", "");
        dir.Write("src/obj/Dockerfile", "");
        dir.Write(".git/Dockerfile", "");

        var files = FileDiscovery.Discover(dir.Path, new[] { dir.Path });

        files.Select(f => f.RelativePath).Should().Equal("a/Dockerfile", "b/Dockerfile");
    }

    [Fact]
    public void Honours_nested_gitignore_files_and_negation()
    {
        using var dir = new TempDirectory();
        dir.Write(".gitignore", "generated/\n*.tmp\n");
        dir.Write("generated/Dockerfile", "");
        dir.Write("keep/x.tmp", "");
        dir.Write("keep/Dockerfile", "");
        dir.Write("sub/.gitignore", "Dockerfile.*\n!Dockerfile.prod\n");
        dir.Write("sub/Dockerfile.dev", "");
        dir.Write("sub/Dockerfile.prod", "");

        var files = FileDiscovery.Discover(dir.Path, new[] { dir.Path }).Select(f => f.RelativePath);

        files.Should().Equal(".gitignore", "keep/Dockerfile", "sub/.gitignore", "sub/Dockerfile.prod");
    }

    [Fact]
    public void Gitignore_files_above_the_scanned_folder_apply_up_to_the_repository_top()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(dir.Path, ".git"));
        dir.Write(".gitignore", "app/ignored/\n");
        dir.Write("app/ignored/Dockerfile", "");
        dir.Write("app/Dockerfile", "");

        var files = FileDiscovery.Discover(dir.Path, new[] { dir.In("app") }).Select(f => f.RelativePath);

        files.Should().Equal("app/Dockerfile");
    }

    [Fact]
    public void Explicit_files_are_listed_even_when_ignored_and_excludes_apply_to_folders()
    {
        using var dir = new TempDirectory();
        dir.Write(".gitignore", "*.dev\n");
        dir.Write("Dockerfile.dev", "");
        dir.Write("vendor/Dockerfile", "");
        dir.Write("Dockerfile", "");

        FileDiscovery.Discover(dir.Path, new[] { dir.In("Dockerfile.dev") }).Select(f => f.RelativePath).Should().Equal("Dockerfile.dev");
        FileDiscovery.Discover(dir.Path, new[] { dir.Path }, new DiscoveryOptions { ExcludePatterns = new[] { "vendor/" } })
            .Select(f => f.RelativePath).Should().Equal(".gitignore", "Dockerfile");
    }

    [Fact]
    public void Gitignore_can_be_switched_off()
    {
        using var dir = new TempDirectory();
        dir.Write(".gitignore", "Dockerfile\n");
        dir.Write("Dockerfile", "");

        FileDiscovery.Discover(dir.Path, new[] { dir.Path }, new DiscoveryOptions { HonourGitIgnore = false })
            .Select(f => f.RelativePath).Should().Equal(".gitignore", "Dockerfile");
    }

    [Fact]
    public void A_missing_path_is_an_error_that_names_it()
    {
        using var dir = new TempDirectory();

        var act = () => FileDiscovery.Discover(dir.Path, new[] { dir.In("nowhere") });

        act.Should().Throw<FileNotFoundException>().WithMessage("*nowhere*");
    }
}
