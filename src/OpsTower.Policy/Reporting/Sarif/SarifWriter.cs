// PLACEHOLDER until the SARIF writer lands.
using System.Collections.Generic;
using System.IO;
using OpsTower.Policy.Engine;
namespace OpsTower.Policy.Reporting.Sarif;
public sealed class SarifOptions { public string ToolVersion { get; set; } = ""; public string? Category { get; set; } public IReadOnlyList<string>? CommandLineArguments { get; set; } }
public static class SarifWriter { public static void Write(ScanResult result, Stream output, SarifOptions options) { } }
