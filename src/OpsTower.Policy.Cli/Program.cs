using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Reflection;
using OpsTower.Policy.Engine;
using OpsTower.Policy.Engine.Discovery;
using OpsTower.Policy.Formats.Terraform;
using OpsTower.Policy.Policies;
using OpsTower.Policy.Reporting.GitHub;
using OpsTower.Policy.Reporting.Json;
using OpsTower.Policy.Reporting.JUnit;
using OpsTower.Policy.Reporting.Markdown;
using OpsTower.Policy.Reporting.Sarif;
using OpsTower.Policy.Reporting.Text;
using OpsTower.Policy.Rules;

namespace OpsTower.Policy.Cli;

/// <summary>
/// <c>opstower-policy</c>. Exit codes: 0 nothing at or above the fail level, 1 findings at or above it,
/// 2 usage or internal error (a file that fails to parse is reported, not fatal).
/// </summary>
public static class Program
{
    public const int ExitClean = 0;
    public const int ExitFindings = 1;
    public const int ExitError = 2;

    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs the command line with the given writers (tests call this in-process).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = BuildCommandLine(stdout, stderr);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) stderr.WriteLine($"error: {error.Message}");
            stderr.WriteLine("Run 'opstower-policy --help' for usage.");
            return ExitError;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is PolicyException or BaselineException or FileNotFoundException or DirectoryNotFoundException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitError;
        }
        catch (Exception e)
        {
            stderr.WriteLine($"internal error: {e}");
            return ExitError;
        }
    }

    public static string Version =>
        typeof(PolicyEngine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private static RootCommand BuildCommandLine(TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("opstower-policy: checks Dockerfiles and the rest of a delivery system against the OpsTower security baseline.");
        root.Subcommands.Add(BuildScan(stdout, stderr));
        root.Subcommands.Add(BuildRules(stdout));
        root.Subcommands.Add(BuildExplain(stdout, stderr));
        return root;
    }

    private static Command BuildScan(TextWriter stdout, TextWriter stderr)
    {
        var paths = new Argument<string[]>("path") { Arity = ArgumentArity.ZeroOrMore, Description = "Files or folders to scan (default: the current folder)." };
        var format = new Option<string>("--format", "-f") { Description = "Report format: text, json, sarif, github (Actions annotations), junit (JUnit XML) or markdown (a step summary).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "sarif", "github", "junit", "markdown");
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to this file instead of standard output." };
        var failOn = new Option<string>("--fail-on") { Description = "Exit with 1 when a finding is at or above this level: error, warning, note or none.", DefaultValueFactory = _ => "error" };
        failOn.AcceptOnlyFromAmong("error", "warning", "note", "none");
        var category = new Option<string?>("--category") { Description = "SARIF automationDetails.id, to tell apart several uploads for one commit (e.g. 'opstower/containers')." };
        var rootDirectory = new Option<string?>("--root") { Description = "Folder that reported paths are relative to (default: the current folder)." };
        var policy = new Option<string?>("--policy") { Description = "A policy YAML file laid over the baseline (rule levels, on/off, parameters)." };
        var exclude = new Option<string[]>("--exclude") { Description = "A .gitignore-style pattern of files to leave out; repeatable.", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };
        var noGitIgnore = new Option<bool>("--no-gitignore") { Description = "Scan files that .gitignore excludes." };
        var noConfig = new Option<bool>("--no-config") { Description = "Do not read .opstower-policy.yaml (or .yml) from the scan root when --policy is not given." };
        var baseline = new Option<string?>("--baseline") { Description = "A SARIF log opstower-policy wrote earlier: results it has are 'unchanged', others 'new', and --fail-on counts only new ones." };
        var varFiles = new Option<string[]>("--var-file") { Description = "A Terraform .tfvars file applied to every root module after terraform.tfvars and *.auto.tfvars, like terraform's -var-file; repeatable.", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };

        var scan = new Command("scan", "Scan files and report policy violations.") { paths, format, output, failOn, category, rootDirectory, policy, exclude, noGitIgnore, noConfig, baseline, varFiles };
        scan.SetAction(parse =>
        {
            string? policyPath = parse.GetValue(policy);
            string? configPath = policyPath is null && !parse.GetValue(noConfig) ? FindProjectConfig(parse.GetValue(rootDirectory)) : null;
            var policyPack = LoadPolicy(policyPath ?? configPath);
            // Read before scanning, so a bad baseline fails fast.
            var baselineLog = parse.GetValue(baseline) is { } baselinePath ? SarifBaseline.Load(baselinePath) : null;
            var engine = new PolicyEngine(policyPack);
            var options = new ScanOptions
            {
                RootDirectory = parse.GetValue(rootDirectory),
                Paths = parse.GetValue(paths) ?? Array.Empty<string>(),
                Discovery = new DiscoveryOptions
                {
                    ExcludePatterns = parse.GetValue(exclude) ?? Array.Empty<string>(),
                    HonourGitIgnore = !parse.GetValue(noGitIgnore),
                },
            };
            ScanResult result;
            using (TerraformOptions.Use(TerraformOptions.WithVarFiles(parse.GetValue(varFiles) ?? Array.Empty<string>())))
                result = engine.Scan(options);
            if (baselineLog is not null) result = baselineLog.Compare(result);
            string formatName = parse.GetValue(format)!;
            string? outputPath = parse.GetValue(output);
            if (configPath is not null)
            {
                // Say which policy applied: a config file found by convention is easy to forget. Reports other than text keep stdout clean.
                var notice = outputPath is null && formatName == "text" ? stdout : stderr;
                notice.WriteLine($"Using policy {configPath} (found at the scan root; --no-config ignores it).");
            }
            WriteReport(result, formatName, outputPath, parse.GetValue(category), stdout);
            if (outputPath is not null || formatName != "text") stderr.WriteLine(TextReportWriter.Summary(result));

            FindingLevels.TryParse(parse.GetValue(failOn), out var failLevel);
            return result.HasFindingsAtOrAbove(failLevel) ? ExitFindings : ExitClean;
        });
        return scan;
    }

    private static void WriteReport(ScanResult result, string format, string? outputPath, string? category, TextWriter stdout)
    {
        using var stream = outputPath is null ? new MemoryStream() : (Stream)File.Create(outputPath);
        switch (format)
        {
            case "sarif":
                SarifWriter.Write(result, stream, new SarifOptions(Version) { Category = category });
                break;
            case "json":
                JsonReportWriter.Write(result, stream, Version);
                break;
            case "junit":
                JUnitReportWriter.Write(result, stream);
                break;
            case "github" or "markdown":
                using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 4096, leaveOpen: true))
                {
                    if (format == "github") GitHubAnnotationWriter.Write(result, writer);
                    else MarkdownReportWriter.Write(result, writer);
                }
                break;
            default:
                using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 4096, leaveOpen: true))
                {
                    bool color = outputPath is null && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null
                                 && ReferenceEquals(stdout, Console.Out);
                    TextReportWriter.Write(result, writer, color);
                }
                break;
        }
        if (stream is MemoryStream memory) stdout.Write(new System.Text.UTF8Encoding(false).GetString(memory.ToArray()));
    }

    private static Command BuildRules(TextWriter stdout)
    {
        var format = new Option<string>("--format", "-f") { Description = "text, json or markdown.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "markdown");
        var policy = new Option<string?>("--policy") { Description = "Show levels and parameters as this policy (over the baseline) sets them." };
        var rootDirectory = new Option<string?>("--root") { Description = "Folder whose .opstower-policy.yaml (or .yml) applies when --policy is not given (default: the current folder)." };
        var noConfig = new Option<bool>("--no-config") { Description = "Show the baseline's levels, not the project config's, when --policy is not given." };
        var rules = new Command("rules", "List every rule with its metadata.") { format, policy, rootDirectory, noConfig };
        rules.SetAction(parse =>
        {
            // The same policy scan would apply, so the listed levels are the ones a scan of this folder uses.
            string? policyPath = parse.GetValue(policy);
            string? configPath = policyPath is null && !parse.GetValue(noConfig) ? FindProjectConfig(parse.GetValue(rootDirectory)) : null;
            var policyPack = LoadPolicy(policyPath ?? configPath);
            var descriptors = RuleCatalog.BuiltIn.Rules.Select(r => r.Descriptor).ToList();
            switch (parse.GetValue(format))
            {
                case "json":
                    using (var memory = new MemoryStream())
                    {
                        RuleListWriter.WriteJson(descriptors, policyPack, memory);
                        stdout.WriteLine(new System.Text.UTF8Encoding(false).GetString(memory.ToArray()));
                    }
                    break;
                case "markdown":
                    RuleListWriter.WriteMarkdown(descriptors, policyPack, stdout);
                    break;
                default:
                    RuleListWriter.WriteText(descriptors, policyPack, stdout);
                    break;
            }
            return ExitClean;
        });
        return rules;
    }

    private static Command BuildExplain(TextWriter stdout, TextWriter stderr)
    {
        var id = new Argument<string>("rule-id") { Description = "A rule id such as OTP1001." };
        var explain = new Command("explain", "Print a rule's documentation: why it matters, how to fix it, an example.") { id };
        explain.SetAction(parse =>
        {
            string ruleId = parse.GetValue(id)!.Trim().ToUpperInvariant();
            var rule = RuleCatalog.BuiltIn.Find(ruleId);
            if (rule is null)
            {
                stderr.WriteLine($"error: no rule '{ruleId}'. 'opstower-policy rules' lists them.");
                return ExitError;
            }
            var d = rule.Descriptor;
            stdout.WriteLine($"# {d.Id} {d.Name}");
            stdout.WriteLine();
            stdout.WriteLine(d.Title);
            stdout.WriteLine();
            stdout.WriteLine($"Level: {d.DefaultLevel.ToSarif()}   Security severity: {d.SecuritySeverity.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)}   Category: {d.Category}");
            if (d.Peers.Count > 0) stdout.WriteLine($"Same as: {string.Join(", ", d.Peers.Select(p => $"{p.Tool} {p.Id}"))}");
            stdout.WriteLine();
            stdout.WriteLine(d.HelpMarkdown.TrimEnd());
            return ExitClean;
        });
        return explain;
    }

    /// <summary>The project's policy file, <c>.opstower-policy.yaml</c> or else <c>.yml</c> in the scan root (<c>--root</c>, else the current folder).</summary>
    private static string? FindProjectConfig(string? root)
    {
        string folder = Path.GetFullPath(root ?? Directory.GetCurrentDirectory());
        return new[] { ".opstower-policy.yaml", ".opstower-policy.yml" }.Select(name => Path.Combine(folder, name)).FirstOrDefault(File.Exists);
    }

    private static PolicyPack LoadPolicy(string? path)
    {
        if (path is null) return PolicyPack.Baseline;
        return PolicyPack.Baseline.Overlay(PolicyPack.Parse(File.ReadAllText(path), path));
    }
}
