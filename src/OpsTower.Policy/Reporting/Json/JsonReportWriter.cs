// PLACEHOLDER until the JSON writer lands.
using System.IO;
using OpsTower.Policy.Engine;
namespace OpsTower.Policy.Reporting.Json;
public static class JsonReportWriter { public static void Write(ScanResult result, Stream output) { } }
