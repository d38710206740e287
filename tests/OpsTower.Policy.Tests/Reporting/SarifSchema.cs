using System;
using System.IO;
using System.Runtime.CompilerServices;
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

    /// <summary>
    /// Looks in every folder above the test assembly and above this source file (the build output may live outside the
    /// clone, e.g. with <c>--artifacts-path</c>) for <c>shared/sarif/sarif-schema-2.1.0.json</c>.
    /// </summary>
    public static string? FindPath() => FindAbove(AppContext.BaseDirectory) ?? FindAbove(Path.GetDirectoryName(ThisSourceFile()));

    /// <summary>
    /// Checks <paramref name="sarif"/> against the schema, or says on the test's output that it could not; the caller's
    /// own structural assertions still run either way.
    /// </summary>
    public static void AssertValid(string sarif, ITestOutputHelper output)
    {
        JsonSchemaValidator? validator = Validator;
        if (validator is null)
        {
            output.WriteLine($"SKIPPED schema validation: {RelativePath} was not found above {AppContext.BaseDirectory} or the test sources; only the structural assertions ran.");
            return;
        }
        using JsonDocument document = JsonDocument.Parse(sarif);
        validator.Validate(document.RootElement).Should().BeEmpty("the SARIF must match the official 2.1.0 schema");
    }

    private static string? FindAbove(string? directory)
    {
        for (DirectoryInfo? current = directory is null ? null : new DirectoryInfo(directory); current is not null; current = current.Parent)
        {
            string candidate = Path.Combine(current.FullName, RelativePath);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    private static string ThisSourceFile([CallerFilePath] string path = "") => path;
}
