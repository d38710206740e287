using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using OpsTower.Policy.Engine;
using OpsTower.Policy.Rules;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Tests.Testing;

/// <summary>
/// One fixture: a file <c>Rules/&lt;Format&gt;/Fixtures/&lt;RuleId&gt;/&lt;pass|fail&gt;/&lt;case&gt;.&lt;ext&gt;</c>, or a folder
/// <c>…/&lt;pass|fail&gt;/&lt;case&gt;/</c> holding a small repository (for rules that read paths or look across files), whose
/// files are scanned together with paths relative to the case folder.
/// </summary>
public sealed class RuleFixture
{
    public RuleFixture(string ruleId, bool shouldFail, string name, string fullPath, string relativePath, bool isDirectory = false)
    {
        RuleId = ruleId;
        ShouldFail = shouldFail;
        Name = name;
        FullPath = fullPath;
        RelativePath = relativePath;
        IsDirectory = isDirectory;
    }

    /// <summary>True for a folder case.</summary>
    public bool IsDirectory { get; }

    public string RuleId { get; }

    /// <summary>True for a <c>fail</c> fixture (findings expected), false for <c>pass</c>.</summary>
    public bool ShouldFail { get; }

    /// <summary>The file name without its format extension.</summary>
    public string Name { get; }

    public string FullPath { get; }

    /// <summary>Path under the test output folder, '/' separated; the engine classifies the file by it.</summary>
    public string RelativePath { get; }

    /// <summary><c>OTP1001/fail/root-user</c>: the test case's name.</summary>
    public string Id => $"{RuleId}/{(ShouldFail ? "fail" : "pass")}/{Name}";

    /// <summary>The fixture's file; for a folder case, its first file (by path) of a recognised format.</summary>
    public SourceFile Load() => IsDirectory
        ? LoadAll().First(f => FileClassifier.Classify(f.Path) != FileKind.Unknown)
        : new(RelativePath, File.ReadAllText(FullPath, Encoding.UTF8));

    /// <summary>Every file of the case (expectation sidecars excluded), by path.</summary>
    public IReadOnlyList<SourceFile> LoadAll()
    {
        if (!IsDirectory) return new[] { Load() };
        return Directory.EnumerateFiles(FullPath, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(RuleFixtures.SidecarExtension, StringComparison.Ordinal))
            .Select(f => new SourceFile(f.Substring(FullPath.Length).TrimStart(Path.DirectorySeparatorChar).Replace(Path.DirectorySeparatorChar, '/'), File.ReadAllText(f, Encoding.UTF8)))
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Where a file of the fixture is on disk.</summary>
    public string FullPathOf(SourceFile file) =>
        IsDirectory ? Path.Combine(FullPath, file.Path.Replace('/', Path.DirectorySeparatorChar)) : FullPath;

    public override string ToString() => Id;
}

/// <summary>A finding a fixture says it expects: rule, span, and optionally part of the message.</summary>
public sealed record FixtureExpectation(string RuleId, LinePositionSpan Span, string? MessageSubstring, int DeclaredOnLine)
{
    /// <summary>The file of a folder case the finding is expected in.</summary>
    public string Path { get; init; } = "";

    public override string ToString() => $"{RuleId} {Span}" + (MessageSubstring is null ? "" : $" \"{MessageSubstring}\"");
}

/// <summary>
/// Finds rule fixtures, reads the expectations written in their comments, and checks a rule's findings against them.
/// <para>
/// A marker line <c>#   ^^^^ OTP1001</c> expects a finding on the nearest line above it that is not a marker, from the
/// column of the first '^' to the column after the last. <c># expect: OTP1001 12:6-12:10</c> gives the span explicitly
/// (1-based, end exclusive) for multi-line spans, column 1 and here-document bodies. Either form may end with
/// <c>"text"</c>, which the finding's message must contain. <c>//</c> works in place of <c>#</c>.
/// </para>
/// <para>
/// A file without comments (JSON) states its expectations in a sidecar <c>&lt;file&gt;.expect</c>, one per line:
/// <c>OTP5001 3:5-3:40 "message part"</c>. A folder case lists its expectations in each file they concern.
/// </para>
/// </summary>
public static class RuleFixtures
{
    public const string SidecarExtension = ".expect";

    private static readonly Lazy<IReadOnlyList<RuleFixture>> LazyAll = new(Discover);

    /// <summary>The fixtures copied next to the test assembly, by id.</summary>
    public static IReadOnlyList<RuleFixture> All => LazyAll.Value;

    /// <summary>xunit MemberData: one case per fixture, named by its id.</summary>
    public static IEnumerable<object[]> Cases => All.Select(f => new object[] { f.Id });

    public static RuleFixture Get(string id) =>
        All.FirstOrDefault(f => f.Id == id) ?? throw new ArgumentException($"No fixture '{id}' under {FixtureRoot}.", nameof(id));

    public static IEnumerable<RuleFixture> For(string ruleId) => All.Where(f => f.RuleId == ruleId);

    private static string FixtureRoot => Path.Combine(AppContext.BaseDirectory, "Rules");

    private static IReadOnlyList<RuleFixture> Discover()
    {
        var fixtures = new List<RuleFixture>();
        if (!Directory.Exists(FixtureRoot)) return fixtures;
        foreach (string fixturesDir in Directory.EnumerateDirectories(FixtureRoot, "Fixtures", SearchOption.AllDirectories))
        foreach (string ruleDir in Directory.EnumerateDirectories(fixturesDir))
        foreach (string outcome in new[] { "pass", "fail" })
        {
            string outcomeDir = Path.Combine(ruleDir, outcome);
            if (!Directory.Exists(outcomeDir)) continue;
            foreach (string caseDir in Directory.EnumerateDirectories(outcomeDir))
            {
                string relativeDir = caseDir.Substring(AppContext.BaseDirectory.Length).TrimStart(Path.DirectorySeparatorChar).Replace(Path.DirectorySeparatorChar, '/');
                fixtures.Add(new RuleFixture(Path.GetFileName(ruleDir), outcome == "fail", Path.GetFileName(caseDir), caseDir, relativeDir, isDirectory: true));
            }
            foreach (string file in Directory.EnumerateFiles(outcomeDir).Where(f => !f.EndsWith(SidecarExtension, StringComparison.Ordinal)))
            {
                string relative = file.Substring(AppContext.BaseDirectory.Length).TrimStart(Path.DirectorySeparatorChar).Replace(Path.DirectorySeparatorChar, '/');
                string fileName = Path.GetFileName(file);
                int dot = fileName.IndexOf('.');
                fixtures.Add(new RuleFixture(Path.GetFileName(ruleDir), outcome == "fail", dot < 0 ? fileName : fileName.Substring(0, dot), file, relative));
            }
        }
        fixtures.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return fixtures;
    }

    /// <summary>Reads the expectation comments of a fixture.</summary>
    public static IReadOnlyList<FixtureExpectation> ParseExpectations(SourceFile file)
    {
        var expectations = new List<FixtureExpectation>();
        int targetLine = 0;
        for (int line = 1; line <= file.LineCount; line++)
        {
            string text = file.GetLineText(line);
            if (TryParseMarker(text, line, targetLine, out var marker))
            {
                expectations.Add(marker);
                continue;
            }
            if (TryParseExplicit(text, line, out var explicitExpectation))
            {
                expectations.Add(explicitExpectation);
                continue;
            }
            targetLine = line;
        }
        return expectations;
    }

    /// <summary>A file's expectations: from its sidecar <c>.expect</c> file when there is one, else from its comments.</summary>
    public static IReadOnlyList<FixtureExpectation> ExpectationsOf(RuleFixture fixture, SourceFile file)
    {
        string sidecar = fixture.FullPathOf(file) + SidecarExtension;
        if (!File.Exists(sidecar)) return ParseExpectations(file).Select(e => e with { Path = file.Path }).ToList();
        var expectations = new List<FixtureExpectation>();
        string[] lines = File.ReadAllLines(sidecar, Encoding.UTF8);
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0) continue;
            if (!TrySplitRuleAndMessage(line, out string ruleId, out string? message, out string spanText) || !TryParseSpan(spanText, out var span))
                throw new FixtureException($"{sidecar} line {i + 1}: write 'OTP1234 12:6-12:10' with an optional \"message text\", not '{line}'.");
            expectations.Add(new FixtureExpectation(ruleId, span, message, i + 1) { Path = file.Path });
        }
        return expectations;
    }

    /// <summary>Runs the baseline policy on the fixture and checks the findings of the fixture's rule.</summary>
    public static void Verify(RuleFixture fixture)
    {
        if (fixture.IsDirectory)
        {
            VerifyDirectory(fixture);
            return;
        }
        var file = fixture.Load();
        var expectations = ExpectationsOf(fixture, file);
        var strangers = expectations.Where(e => e.RuleId != fixture.RuleId).ToList();
        if (strangers.Count > 0)
            throw new FixtureException($"{fixture.Id}: a fixture states expectations only for its folder's rule {fixture.RuleId}, not {string.Join(", ", strangers)}.");
        if (fixture.ShouldFail && expectations.Count == 0)
            throw new FixtureException($"{fixture.Id}: a fail fixture needs at least one '# ^^^ {fixture.RuleId}' or '# expect:' line.");
        if (!fixture.ShouldFail && expectations.Count > 0)
            throw new FixtureException($"{fixture.Id}: a pass fixture expects no findings, but it has {expectations.Count} expectation(s).");

        var analysis = new PolicyEngine().AnalyzeFile(file);
        if (analysis.Kind == FileKind.Unknown)
            throw new FixtureException($"{fixture.Id}: '{fixture.RelativePath}' is not recognised as any format; name it like the format's files (*.Dockerfile…).");
        var crashes = analysis.Notifications.Where(n => n.Level == NotificationLevel.Error && (n.RuleId == fixture.RuleId || n.RuleId is null)).ToList();
        if (crashes.Count > 0)
            throw new FixtureException($"{fixture.Id}: the scan reported errors:\n  " + string.Join("\n  ", crashes.Select(n => n.Message)));

        var findings = analysis.Findings.Where(f => f.RuleId == fixture.RuleId).ToList();
        var problems = new List<string>();
        var unmatched = findings.ToList();
        foreach (var expected in expectations)
        {
            var match = unmatched.FirstOrDefault(f => f.Position == expected.Span);
            if (match is null)
            {
                problems.Add($"missing    {Describe(file, expected.Span, expected.ToString())} (declared on line {expected.DeclaredOnLine})");
                continue;
            }
            unmatched.Remove(match);
            if (expected.MessageSubstring is not null && match.Message.IndexOf(expected.MessageSubstring, StringComparison.Ordinal) < 0)
                problems.Add($"message    {Describe(file, expected.Span, $"\"{match.Message}\" lacks \"{expected.MessageSubstring}\"")}");
        }
        foreach (var extra in unmatched)
            problems.Add($"unexpected {Describe(file, extra.Position, $"{extra.RuleId} {extra.Position} \"{extra.Message}\"")}");

        if (problems.Count > 0)
            throw new FixtureException($"{fixture.Id}: findings differ from the fixture's expectations:\n" + string.Join("\n", problems));
    }

    /// <summary>A folder case: every file scanned together, so repository rules see them all; findings matched per file.</summary>
    private static void VerifyDirectory(RuleFixture fixture)
    {
        var files = fixture.LoadAll();
        var expectations = files.SelectMany(f => ExpectationsOf(fixture, f)).ToList();
        var strangers = expectations.Where(e => e.RuleId != fixture.RuleId).ToList();
        if (strangers.Count > 0)
            throw new FixtureException($"{fixture.Id}: a fixture states expectations only for its folder's rule {fixture.RuleId}, not {string.Join(", ", strangers)}.");
        if (fixture.ShouldFail && expectations.Count == 0)
            throw new FixtureException($"{fixture.Id}: a fail fixture needs at least one expectation in one of its files.");
        if (!fixture.ShouldFail && expectations.Count > 0)
            throw new FixtureException($"{fixture.Id}: a pass fixture expects no findings, but it has {expectations.Count} expectation(s).");

        var result = new PolicyEngine().Analyze(files);
        if (result.Files.Count == 0)
            throw new FixtureException($"{fixture.Id}: no file of the folder is recognised as any format.");
        var crashes = result.Notifications.Where(n => n.Level == NotificationLevel.Error && (n.RuleId == fixture.RuleId || n.RuleId is null)).ToList();
        if (crashes.Count > 0)
            throw new FixtureException($"{fixture.Id}: the scan reported errors:\n  " + string.Join("\n  ", crashes.Select(n => n.ToString())));

        var unmatched = result.Findings.Where(f => f.RuleId == fixture.RuleId).ToList();
        var problems = new List<string>();
        foreach (var expected in expectations)
        {
            var file = files.First(f => f.Path == expected.Path);
            // Two findings may share a span; the one whose message fits is the match.
            var candidates = unmatched.Where(f => f.File.Path == expected.Path && f.Position == expected.Span).ToList();
            var match = candidates.FirstOrDefault(f => expected.MessageSubstring is null || f.Message.IndexOf(expected.MessageSubstring, StringComparison.Ordinal) >= 0)
                ?? candidates.FirstOrDefault();
            if (match is null)
            {
                problems.Add($"missing    {expected.Path}: {Describe(file, expected.Span, expected.ToString())} (declared on line {expected.DeclaredOnLine})");
                continue;
            }
            unmatched.Remove(match);
            if (expected.MessageSubstring is not null && match.Message.IndexOf(expected.MessageSubstring, StringComparison.Ordinal) < 0)
                problems.Add($"message    {expected.Path}: {Describe(file, expected.Span, $"\"{match.Message}\" lacks \"{expected.MessageSubstring}\"")}");
        }
        foreach (var extra in unmatched)
            problems.Add($"unexpected {extra.File.Path}: {Describe(extra.File, extra.Position, $"{extra.RuleId} {extra.Position} \"{extra.Message}\"")}");
        if (problems.Count > 0)
            throw new FixtureException($"{fixture.Id}: findings differ from the fixture's expectations:\n" + string.Join("\n", problems));
    }

    /// <summary>The expectation's text, then the source line with carets under the span's first line.</summary>
    private static string Describe(SourceFile file, LinePositionSpan span, string what)
    {
        if (span.Start.Line > file.LineCount) return what;
        string line = file.GetLineText(span.Start.Line);
        int width = span.End.Line == span.Start.Line ? Math.Max(1, span.End.Column - span.Start.Column) : Math.Max(1, line.Length - span.Start.Column + 1);
        return $"{what}\n             {span.Start.Line,4}| {line}\n                 | {new string(' ', span.Start.Column - 1)}{new string('^', width)}";
    }

    private static bool TryParseMarker(string text, int line, int targetLine, out FixtureExpectation expectation)
    {
        expectation = null!;
        int i = SkipCommentPrefix(text);
        if (i < 0) return false;
        while (i < text.Length && (text[i] == ' ' || text[i] == '\t')) i++;
        if (i >= text.Length || text[i] != '^') return false;
        int first = i;
        while (i < text.Length && text[i] == '^') i++;
        int afterLast = i;
        string rest = text.Substring(i).Trim();
        if (!TrySplitRuleAndMessage(rest, out string ruleId, out string? message, out string remainder) || remainder.Length > 0)
            throw new FixtureException($"line {line}: a marker is '# ^^^ OTP1234' with an optional \"message text\", not '{text}'.");
        if (targetLine == 0)
            throw new FixtureException($"line {line}: a marker needs a line above it to point at.");
        expectation = new FixtureExpectation(ruleId,
            new LinePositionSpan(new LinePosition(targetLine, first + 1), new LinePosition(targetLine, afterLast + 1)), message, line);
        return true;
    }

    private static bool TryParseExplicit(string text, int line, out FixtureExpectation expectation)
    {
        expectation = null!;
        int i = SkipCommentPrefix(text);
        if (i < 0) return false;
        string body = text.Substring(i).Trim();
        const string keyword = "expect:";
        if (!body.StartsWith(keyword, StringComparison.Ordinal)) return false;
        string rest = body.Substring(keyword.Length).Trim();
        if (!TrySplitRuleAndMessage(rest, out string ruleId, out string? message, out string spanText)
            || !TryParseSpan(spanText, out var span))
            throw new FixtureException($"line {line}: write '# expect: OTP1234 12:6-12:10' with an optional \"message text\", not '{text}'.");
        expectation = new FixtureExpectation(ruleId, span, message, line);
        return true;
    }

    /// <summary>Index after a leading <c>#</c> or <c>//</c>, or -1 when the line is not a comment.</summary>
    private static int SkipCommentPrefix(string text)
    {
        int i = 0;
        while (i < text.Length && (text[i] == ' ' || text[i] == '\t')) i++;
        if (i < text.Length && text[i] == '#') return i + 1;
        if (i + 1 < text.Length && text[i] == '/' && text[i + 1] == '/') return i + 2;
        return -1;
    }

    /// <summary>Splits <c>OTP1234 [middle] ["message"]</c>.</summary>
    private static bool TrySplitRuleAndMessage(string text, out string ruleId, out string? message, out string middle)
    {
        ruleId = "";
        message = null;
        middle = "";
        int space = text.IndexOf(' ');
        ruleId = space < 0 ? text : text.Substring(0, space);
        if (ruleId.Length != 7 || !ruleId.StartsWith("OTP", StringComparison.Ordinal) || !ruleId.Skip(3).All(char.IsDigit)) return false;
        string rest = space < 0 ? "" : text.Substring(space + 1).Trim();
        int quote = rest.IndexOf('"');
        if (quote >= 0)
        {
            if (rest.Length < quote + 2 || rest[rest.Length - 1] != '"') return false;
            message = rest.Substring(quote + 1, rest.Length - quote - 2);
            rest = rest.Substring(0, quote).Trim();
        }
        middle = rest;
        return true;
    }

    /// <summary>Parses <c>12:6-12:10</c>.</summary>
    private static bool TryParseSpan(string text, out LinePositionSpan span)
    {
        span = default;
        string[] ends = text.Split('-');
        if (ends.Length != 2 || !TryParsePosition(ends[0], out var start) || !TryParsePosition(ends[1], out var end) || end.CompareTo(start) < 0) return false;
        span = new LinePositionSpan(start, end);
        return true;
    }

    private static bool TryParsePosition(string text, out LinePosition position)
    {
        position = default;
        string[] parts = text.Trim().Split(':');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int line) || line < 1
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int column) || column < 1) return false;
        position = new LinePosition(line, column);
        return true;
    }
}

/// <summary>A fixture that is malformed or whose findings differ from its expectations.</summary>
public sealed class FixtureException : Exception
{
    public FixtureException(string message) : base(message) { }
}
