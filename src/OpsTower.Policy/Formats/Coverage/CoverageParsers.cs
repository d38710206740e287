using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Xml;
using Acornima;
using Acornima.Ast;
using OpsTower.Policy.Formats.Json;
using OpsTower.Policy.Formats.Yaml;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Formats.Coverage;

/// <summary>Reads coverage thresholds from the files that set them. Nothing is executed: jest configs are parsed with Acornima.</summary>
public static class CoverageParsers
{
    private static readonly string[] JestMetrics = { "branches", "functions", "lines", "statements" };

    /// <summary>
    /// <c>jest.config.{js,cjs,mjs,ts}</c>: the object given to <c>module.exports =</c> or <c>export default</c> (directly,
    /// through a <c>const</c>, or as the argument of a helper call), and its <c>coverageThreshold.global</c> numbers.
    /// TypeScript's <c>import type</c> lines and <c>: Type</c> / <c>satisfies Type</c> annotations are blanked first.
    /// </summary>
    public static CoverageConfig ParseJestConfig(SourceFile file)
    {
        string code = TypeScriptAnnotations.Blank(file.Text);
        Program program;
        try
        {
            var parser = new Parser(new ParserOptions { Tolerant = true });
            program = IsModuleSyntax(code) ? parser.ParseModule(code) : parser.ParseScript(code);
        }
        catch (ParseErrorException e)
        {
            int line = Math.Max(1, Math.Min(e.LineNumber, file.LineCount));
            int offset = Math.Min(file.GetLineStart(line) + Math.Max(0, e.Column), file.GetLineEnd(line));
            return new CoverageConfig(file, CoverageTool.Jest, Array.Empty<CoverageThreshold>(), new[]
            {
                new ParseDiagnostic(DiagnosticSeverity.Warning, $"The jest config could not be parsed as JavaScript, so its coverage thresholds are not read: {e.Message}", new TextSpan(offset, 0)),
            });
        }
        var exported = ExportedObject(program);
        var thresholds = new List<CoverageThreshold>();
        if (exported is not null && PropertyValue(exported, "coverageThreshold") is ObjectExpression threshold
            && PropertyValue(threshold, "global") is ObjectExpression global)
        {
            foreach (string metric in JestMetrics)
                if (PropertyValue(global, metric) is NumericLiteral number && number.Value >= 0)
                    thresholds.Add(new CoverageThreshold(CoverageTool.Jest, metric, number.Value, TextSpan.FromBounds(number.Start, number.End)));
        }
        return new CoverageConfig(file, CoverageTool.Jest, thresholds, Array.Empty<ParseDiagnostic>());
    }

    private static bool IsModuleSyntax(string code) =>
        code.IndexOf("export ", StringComparison.Ordinal) >= 0 || code.IndexOf("import ", StringComparison.Ordinal) >= 0;

    private static ObjectExpression? ExportedObject(Program program)
    {
        var constants = new Dictionary<string, Node>(StringComparer.Ordinal);
        Node? exported = null;
        foreach (var statement in program.Body)
        {
            switch (statement)
            {
                case VariableDeclaration declaration:
                    foreach (var declarator in declaration.Declarations)
                        if (declarator.Id is Identifier id && declarator.Init is not null) constants[id.Name] = declarator.Init;
                    break;
                case ExpressionStatement { Expression: AssignmentExpression assignment } when IsModuleExports(assignment.Left):
                    exported = assignment.Right;
                    break;
                case ExportDefaultDeclaration export:
                    exported = export.Declaration;
                    break;
            }
        }
        // Follow names and helper calls (defineConfig({...}), createJestConfig(config)) a few steps.
        for (int step = 0; step < 4 && exported is not null; step++)
        {
            switch (exported)
            {
                case ObjectExpression obj:
                    return obj;
                case Identifier name:
                    exported = constants.TryGetValue(name.Name, out var value) ? value : null;
                    break;
                case CallExpression call when call.Arguments.Count > 0:
                    exported = call.Arguments[0];
                    break;
                default:
                    return null;
            }
        }
        return exported as ObjectExpression;
    }

    private static bool IsModuleExports(Node target) =>
        target is MemberExpression { Object: Identifier { Name: "module" }, Property: Identifier { Name: "exports" }, Computed: false };

    private static Node? PropertyValue(ObjectExpression obj, string name)
    {
        Node? found = null;
        foreach (var item in obj.Properties)
        {
            if (item is not Property { Computed: false } property) continue;
            string? key = property.Key switch
            {
                Identifier id => id.Name,
                StringLiteral s => s.Value,
                _ => null,
            };
            if (key == name) found = property.Value;
        }
        return found;
    }

    /// <summary><c>package.json</c>'s <c>jest.coverageThreshold.global</c>.</summary>
    public static CoverageConfig ParsePackageJson(SourceFile file)
    {
        var json = JsonParser.Parse(file);
        var jest = (json.Root as JsonObject)?.GetObject("jest");
        var thresholds = new List<CoverageThreshold>();
        if (jest?.GetObject("coverageThreshold")?.GetObject("global") is { } global)
        {
            foreach (string metric in JestMetrics)
                if (global.GetScalar(metric)?.AsNumber() is { } value && value >= 0)
                    thresholds.Add(new CoverageThreshold(CoverageTool.Jest, metric, value, global.GetScalar(metric)!.Span));
        }
        return new CoverageConfig(file, CoverageTool.Jest, thresholds, json.Diagnostics) { HasJestSection = jest is not null };
    }

    /// <summary><c>codecov.yml</c>: <c>coverage.status.{project,patch}.&lt;name&gt;.target</c> (a percentage; <c>auto</c> is no fixed gate).</summary>
    public static CoverageConfig ParseCodecov(SourceFile file)
    {
        var yaml = YamlLoader.Load(file);
        var status = (yaml.Documents.FirstOrDefault()?.Root as YamlMapping)?.GetPath("coverage", "status") as YamlMapping;
        var thresholds = new List<CoverageThreshold>();
        foreach (string kind in new[] { "project", "patch" })
        {
            if (status?.GetMapping(kind) is not { } statuses) continue;
            foreach (var entry in statuses.Entries)
            {
                if (entry.KeyText is not { } name || entry.Value is not YamlMapping settings || settings.GetScalar("target") is not { } target) continue;
                if (!TryParsePercent(target.Value, out double percent)) continue;
                var informational = settings.GetScalar("informational");
                thresholds.Add(new CoverageThreshold(CoverageTool.Codecov, $"{kind}/{name}", percent, target.Span)
                {
                    Informational = informational?.AsBool() == true,
                    InformationalSpan = informational?.Span,
                });
            }
        }
        return new CoverageConfig(file, CoverageTool.Codecov, thresholds, yaml.Diagnostics);
    }

    /// <summary>
    /// An MSBuild file's coverlet <c>&lt;Threshold&gt;</c> (one number, or one per <c>&lt;ThresholdType&gt;</c>, comma
    /// separated), and whether only the VSTest collector package is referenced.
    /// </summary>
    public static CoverageConfig ParseMsBuild(SourceFile file)
    {
        var thresholds = new List<CoverageThreshold>();
        var diagnostics = new List<ParseDiagnostic>();
        string[] types = { "line", "branch", "method" };
        TextSpan? collector = null;
        bool hasMsBuildPackage = false;
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
            using var reader = XmlReader.Create(new StringReader(file.Text), settings);
            var lineInfo = (IXmlLineInfo)reader;
            string? element = null;
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element)
                {
                    element = reader.LocalName;
                    if (element is "PackageReference" or "PackageVersion" && reader.GetAttribute("Include") is { } package)
                    {
                        if (package.Equals("coverlet.msbuild", StringComparison.OrdinalIgnoreCase)) hasMsBuildPackage = true;
                        if (package.Equals("coverlet.collector", StringComparison.OrdinalIgnoreCase))
                            collector = new TextSpan(file.GetOffset(new LinePosition(lineInfo.LineNumber, lineInfo.LinePosition)), element.Length);
                    }
                    if (element == "ThresholdType") element = null;
                }
                else if (reader.NodeType == XmlNodeType.Text && element == "Threshold")
                {
                    int start = file.GetOffset(new LinePosition(lineInfo.LineNumber, lineInfo.LinePosition));
                    AddSeparated(thresholds, CoverageTool.Coverlet, reader.Value, start, types);
                }
                else if (reader.NodeType == XmlNodeType.EndElement) element = null;
            }
        }
        catch (XmlException e)
        {
            int line = Math.Max(1, Math.Min(e.LineNumber, file.LineCount));
            diagnostics.Add(new ParseDiagnostic(DiagnosticSeverity.Warning, $"Invalid XML: {e.Message}", new TextSpan(file.GetLineStart(line), 0)));
        }
        return new CoverageConfig(file, CoverageTool.Coverlet, thresholds, diagnostics) { CoverletCollectorOnly = hasMsBuildPackage ? null : collector };
    }

    /// <summary>
    /// <c>pytest.ini</c>, <c>setup.cfg</c>, <c>tox.ini</c>, <c>pyproject.toml</c>, <c>.coveragerc</c>: <c>--cov-fail-under</c> in
    /// pytest options and coverage.py's <c>fail_under</c>.
    /// </summary>
    public static CoverageConfig ParsePythonConfig(SourceFile file)
    {
        var thresholds = new List<CoverageThreshold>();
        for (int line = 1; line <= file.LineCount; line++)
        {
            string text = file.GetLineText(line);
            int lineStart = file.GetLineStart(line);
            string trimmed = text.TrimStart();
            if (trimmed.StartsWith("#", StringComparison.Ordinal) || trimmed.StartsWith(";", StringComparison.Ordinal)) continue;
            foreach (var (value, start) in CoverageCommands.FailUnderValues(text))
                thresholds.Add(new CoverageThreshold(CoverageTool.Pytest, "total", value, new TextSpan(lineStart + start, NumberLength(text, start))));
            if (trimmed.StartsWith("fail_under", StringComparison.Ordinal))
            {
                int equals = text.IndexOf('=');
                if (equals < 0) continue;
                int start = equals + 1;
                while (start < text.Length && text[start] == ' ') start++;
                int length = NumberLength(text, start);
                if (length > 0 && double.TryParse(text.Substring(start, length), NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                    thresholds.Add(new CoverageThreshold(CoverageTool.Pytest, "total", value, new TextSpan(lineStart + start, length)));
            }
        }
        return new CoverageConfig(file, CoverageTool.Pytest, thresholds, Array.Empty<ParseDiagnostic>());
    }

    private static void AddSeparated(List<CoverageThreshold> into, CoverageTool tool, string text, int start, string[] metrics)
    {
        int index = 0;
        int position = 0;
        foreach (string part in text.Split(','))
        {
            int lead = part.Length - part.TrimStart().Length;
            string number = part.Trim();
            if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                into.Add(new CoverageThreshold(tool, text.IndexOf(',') < 0 ? "total" : metrics[Math.Min(index, metrics.Length - 1)], value, new TextSpan(start + position + lead, number.Length)));
            position += part.Length + 1;
            index++;
        }
    }

    internal static int NumberLength(string text, int start)
    {
        int end = start;
        while (end < text.Length && (char.IsDigit(text[end]) || text[end] == '.')) end++;
        return end - start;
    }

    private static bool TryParsePercent(string text, out double percent) =>
        double.TryParse(text.Trim().TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out percent);
}

/// <summary>Coverage gates written on command lines (workflow steps, pytest options).</summary>
public static class CoverageCommands
{
    /// <summary>Each <c>--cov-fail-under=N</c> / <c>--cov-fail-under N</c>: the number and its index in the text.</summary>
    public static IEnumerable<(double Value, int Start)> FailUnderValues(string text)
    {
        const string flag = "--cov-fail-under";
        int at = text.IndexOf(flag, StringComparison.Ordinal);
        while (at >= 0)
        {
            int start = at + flag.Length;
            if (start < text.Length && (text[start] == '=' || text[start] == ' '))
            {
                start++;
                int length = CoverageParsers.NumberLength(text, start);
                if (length > 0 && double.TryParse(text.Substring(start, length), NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                    yield return (value, start);
            }
            at = text.IndexOf(flag, at + flag.Length, StringComparison.Ordinal);
        }
    }
}

/// <summary>Blanks the TypeScript a typed jest config adds, keeping every other character where it was.</summary>
internal static class TypeScriptAnnotations
{
    public static string Blank(string code)
    {
        var chars = code.ToCharArray();
        int lineStart = 0;
        while (lineStart < chars.Length)
        {
            int lineEnd = code.IndexOf('\n', lineStart);
            if (lineEnd < 0) lineEnd = code.Length;
            string line = code.Substring(lineStart, lineEnd - lineStart);
            string trimmed = line.TrimStart();
            if (trimmed.StartsWith("import type ", StringComparison.Ordinal) || trimmed.StartsWith("export type ", StringComparison.Ordinal))
                Fill(chars, lineStart, lineEnd);
            else
            {
                BlankDeclarationType(chars, line, lineStart);
                BlankAfterKeyword(chars, line, lineStart, " satisfies ");
                BlankAfterKeyword(chars, line, lineStart, " as ");
            }
            lineStart = lineEnd + 1;
        }
        return new string(chars);
    }

    /// <summary><c>const config: Config = {</c> → <c>const config         = {</c>.</summary>
    private static void BlankDeclarationType(char[] chars, string line, int lineStart)
    {
        foreach (string keyword in new[] { "const ", "let ", "var " })
        {
            int at = line.IndexOf(keyword, StringComparison.Ordinal);
            if (at < 0) continue;
            int i = at + keyword.Length;
            while (i < line.Length && (char.IsLetterOrDigit(line[i]) || line[i] is '_' or '$')) i++;
            if (i >= line.Length || line[i] != ':') return;
            int equals = line.IndexOf('=', i);
            if (equals < 0) return;
            Fill(chars, lineStart + i, lineStart + equals);
            return;
        }
    }

    /// <summary><c>} satisfies Config;</c> → <c>}                 ;</c> (only a type name to the end of the statement).</summary>
    private static void BlankAfterKeyword(char[] chars, string line, int lineStart, string keyword)
    {
        int at = line.IndexOf(keyword, StringComparison.Ordinal);
        if (at < 0) return;
        int i = at + keyword.Length;
        while (i < line.Length && (char.IsLetterOrDigit(line[i]) || line[i] is '_' or '$' or '.' or '<' or '>')) i++;
        string rest = line.Substring(i).Trim();
        if (rest is "" or ";" or ")" or ");") Fill(chars, lineStart + at, lineStart + i);
    }

    private static void Fill(char[] chars, int start, int end)
    {
        for (int i = start; i < end && i < chars.Length; i++)
            if (chars[i] != '\n' && chars[i] != '\r') chars[i] = ' ';
    }
}
