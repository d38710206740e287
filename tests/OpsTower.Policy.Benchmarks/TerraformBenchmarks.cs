using System.Linq;
using System.Text;
using BenchmarkDotNet.Attributes;
using OpsTower.Policy.Engine;
using OpsTower.Policy.Formats.Hcl;
using OpsTower.Policy.Formats.Terraform;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Benchmarks;

/// <summary>
/// A 1 MB Terraform root module of 1,923 module blocks calling one local module through <c>for_each</c> (locals, <c>try</c>,
/// <c>lookup</c>, <c>for</c>, <c>dynamic</c>, the patterns of the public terraform-aws-modules): parse alone, parse and
/// evaluate the module tree, and the full engine with every baseline rule. The input is 1 MB, so MB/s is 1 divided by
/// the mean in seconds.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class TerraformBenchmarks
{
    private const string Module = """
        variable "name" {}
        variable "settings" {
          type = object({
            engine    = optional(string, "postgres")
            encrypted = optional(bool, true)
            ports     = optional(list(number), [5432])
          })
        }

        locals {
          rules = flatten([for port in var.settings.ports : [for cidr in ["10.0.0.0/16", "10.1.0.0/16"] : { key = "${port}-${cidr}", port = port, cidr = cidr }]])
        }

        resource "aws_db_instance" "this" {
          identifier              = "ops-${var.name}"
          engine                  = var.settings.engine
          storage_encrypted       = var.settings.encrypted
          backup_retention_period = 14
        }

        resource "aws_security_group" "this" {
          name = "ops-${var.name}"
          dynamic "ingress" {
            for_each = { for rule in local.rules : rule.key => rule }
            content {
              from_port   = ingress.value.port
              to_port     = ingress.value.port
              protocol    = "tcp"
              cidr_blocks = [ingress.value.cidr]
            }
          }
        }
        """;

    private SourceFile _root = null!;
    private SourceFile _module = null!;
    private PolicyEngine _engine = null!;

    [GlobalSetup]
    public void Setup()
    {
        var text = new StringBuilder("terraform {\n  required_version = \"~> 1.9\"\n}\n\n");
        for (int group = 0; text.Length < 1_000_000; group++)
        {
            text.Append($"locals {{\n  group_{group} = {{\n");
            for (int i = 0; i < 2; i++)
                text.Append($"    db{i} = {{ engine = \"postgres\", ports = [5432, {6000 + i}], encrypted = {(i == 0 ? "true" : "false")} }}\n");
            text.Append("  }\n}\n\n")
                .Append($"module \"group_{group}\" {{\n  source   = \"./modules/database\"\n  for_each = {{ for k, v in local.group_{group} : k => v if try(v.enabled, true) }}\n")
                .Append($"  name     = format(\"%s-%s\", \"group{group}\", each.key)\n  settings = merge({{ engine = \"postgres\" }}, lookup(local.group_{group}, each.key, {{}}))\n")
                .Append("  tags     = { Team = upper(\"ops\"), Cost = join(\"-\", [\"a\", \"b\"]) }\n}\n\n");
        }
        _root = new SourceFile("main.tf", text.ToString());
        _module = new SourceFile("modules/database/main.tf", Module);
        _engine = new PolicyEngine();
    }

    [Benchmark]
    public int Parse() => HclParser.Parse(_root).Body.Blocks.Count;

    [Benchmark]
    public int ParseAndEvaluate()
    {
        var files = new[] { _root, _module }.Select(f => new TerraformFile(HclParser.Parse(f)));
        return new TerraformProject(files, Enumerable.Empty<TerraformVariablesFile>()).Resources.Count();
    }

    [Benchmark]
    public int ParseEvaluateAndCheck() => _engine.Analyze(new[] { _root, _module }).Findings.Count;
}
