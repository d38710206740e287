using System;
using System.IO;
using System.Text.Json;
using OpsTower.Policy.Tests.Testing;
using Xunit.Abstractions;

namespace OpsTower.Policy.Tests.Reporting;

/// <summary>
/// The official SARIF 2.1.0 schema from the workspace's <c>shared/sarif</c> folder, which sits beside the repository
/// (CI checks out <c>../shared</c> next to the clone). It is never copied into the repository, so it may be absent.
/// </summary>
internal static class SarifSchema
{
    private const string RelativePath = "shared/sarif/sarif-schema-2.1.0.json";

    private static readonly Lazy<JsonSchemaValidator?> LazyValidator = new(() => FindPath() is { } path ? JsonSchemaValidator.Load(path) : null);

    public static JsonSchemaValidator? Validator => LazyValidator.Value;

    public static string? FindPath() => RepositoryPaths.Shared("sarif/sarif-schema-2.1.0.json");

    /// <summary>
    /// Checks <paramref name="sarif"/> against the schema, or says on the test's output that it could not; the caller's
    /// own structural assertions still run either way.
    /// </summary>
    public static void AssertValid(string sarif, ITestOutputHelper output)
    {
        JsonSchemaValidator? validator = Validator;
        if (validator is null)
        {
            output.WriteLine($"SKIPPED schema validation: {RelativePath} was not found beside the repository ({RepositoryPaths.Root}); only the structural assertions ran.");
            return;
        }
        using JsonDocument document = JsonDocument.Parse(sarif);
        validator.Validate(document.RootElement).Should().BeEmpty("the SARIF must match the official 2.1.0 schema");
    }
}
