using OpsTower.Policy.Formats.Coverage;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Tests.Formats.Coverage;

public class CoverageParserTests
{
    private static string Thresholds(SourceFile file, CoverageConfig config) =>
        string.Join(" ", config.Thresholds.Select(t => $"{t.Metric}={t.Percent}@{file.GetText(t.Span)}"));

    [Theory]
    [InlineData("module.exports = { coverageThreshold: { global: { branches: 70, lines: 80 } } };")]
    [InlineData("const config = { coverageThreshold: { global: { branches: 70, lines: 80 } } };\nmodule.exports = config;")]
    [InlineData("export default { coverageThreshold: { global: { 'branches': 70, lines: 80 } } };")]
    [InlineData("import type { Config } from 'jest';\nconst config: Config = { coverageThreshold: { global: { branches: 70, lines: 80 } } };\nexport default config;")]
    [InlineData("const nextJest = require('next/jest');\nmodule.exports = nextJest({})({ coverageThreshold: { global: { branches: 70, lines: 80 } } });")]
    public void Jest_thresholds_are_read_without_running_the_config(string code)
    {
        var file = new SourceFile("jest.config.js", code);
        var config = CoverageParsers.ParseJestConfig(file);
        config.Diagnostics.Should().BeEmpty();
        Thresholds(file, config).Should().Be("branches=70@70 lines=80@80");
    }

    [Fact]
    public void A_config_that_is_not_javascript_gives_a_warning()
    {
        var config = CoverageParsers.ParseJestConfig(new SourceFile("jest.config.js", "module.exports = {{"));
        config.Thresholds.Should().BeEmpty();
        config.Diagnostics.Should().ContainSingle().Which.Severity.Should().Be(DiagnosticSeverity.Warning);
    }

    [Fact]
    public void Package_json_codecov_msbuild_and_python_thresholds_are_read()
    {
        var package = new SourceFile("package.json", "{ \"jest\": { \"coverageThreshold\": { \"global\": { \"lines\": 75 } } } }");
        Thresholds(package, CoverageParsers.ParsePackageJson(package)).Should().Be("lines=75@75");

        var codecov = new SourceFile("codecov.yml", "coverage:\n  status:\n    project:\n      default:\n        target: 82.5%\n        informational: true\n      api:\n        target: auto\n");
        var codecovConfig = CoverageParsers.ParseCodecov(codecov);
        Thresholds(codecov, codecovConfig).Should().Be("project/default=82.5@82.5%");
        codecovConfig.Thresholds[0].Informational.Should().BeTrue();

        var project = new SourceFile("a.csproj", "<Project>\n  <PropertyGroup><Threshold>80, 70</Threshold></PropertyGroup>\n  <ItemGroup><PackageReference Include=\"coverlet.collector\" /></ItemGroup>\n</Project>");
        var msbuild = CoverageParsers.ParseMsBuild(project);
        Thresholds(project, msbuild).Should().Be("line=80@80 branch=70@70");
        msbuild.CoverletCollectorOnly.Should().NotBeNull();

        var setup = new SourceFile("setup.cfg", "[tool:pytest]\naddopts = --cov --cov-fail-under 85\n# --cov-fail-under=10\n[coverage:report]\nfail_under = 90\n");
        Thresholds(setup, CoverageParsers.ParsePythonConfig(setup)).Should().Be("total=85@85 total=90@90");
    }
}
