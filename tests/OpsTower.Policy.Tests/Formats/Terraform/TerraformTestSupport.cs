using OpsTower.Policy.Engine;
using OpsTower.Policy.Formats.Hcl;
using OpsTower.Policy.Formats.Terraform;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Tests.Formats.Terraform;

internal static class TerraformTestSupport
{
    /// <summary>Parses files as the engine does (by their names) and evaluates them; every file must parse cleanly.</summary>
    public static TerraformProject Project(params (string Path, string Text)[] files) => Project(null, files);

    public static TerraformProject Project(TerraformOptions? options, params (string Path, string Text)[] files)
    {
        var models = files.Select(f =>
        {
            var source = new SourceFile(f.Path, f.Text);
            var parsed = DocumentParsers.Parse(FileClassifier.Classify(f.Path), source)!;
            parsed.Diagnostics.Should().BeEmpty($"{f.Path} is valid HCL");
            return parsed.Model;
        }).ToList();
        return new TerraformProject(models.OfType<TerraformFile>(), models.OfType<TerraformVariablesFile>(), options);
    }

    /// <summary>The value of a local in the only root module.</summary>
    public static HclValue Local(this TerraformProject project, string name) => project.RootModules.Single().Locals[name];

    /// <summary>Evaluates one expression as a local of a module with no other configuration.</summary>
    public static HclValue Evaluate(string expression) => Project(("main.tf", $"locals {{\n  x = {expression}\n}}\n")).Local("x");

    public static HclValue Value(string hcl) => new HclExpressionEvaluator().Evaluate(HclParser.ParseExpression(new SourceFile("expected.hcl", hcl)).Expression);
}
