using OpsTower.Policy.Engine;
using OpsTower.Policy.Formats.Hcl;
using OpsTower.Policy.Text;
using static OpsTower.Policy.Tests.Formats.Terraform.TerraformTestSupport;

namespace OpsTower.Policy.Tests.Formats.Terraform;

/// <summary>
/// A module tree written the way the public terraform-aws-modules are: defaults objects merged with per-item maps,
/// chains of <c>try</c>, <c>lookup</c>, nested <c>for</c> and <c>flatten</c> feeding <c>for_each</c>, and nested
/// <c>dynamic</c> blocks.
/// </summary>
public sealed class TerraformModuleTreeTests
{
    private const string Root = """
        terraform {
          required_version = "~> 1.9"
        }

        locals {
          defaults = {
            engine            = "postgres"
            storage_encrypted = true
            backup_days       = 7
          }

          databases = {
            orders = { backup_days = 14, ports = [5432] }
            legacy = { storage_encrypted = false, public = true }
            off    = { create = false }
          }
        }

        module "databases" {
          source   = "./modules/database"
          for_each = { for name, db in local.databases : name => merge(local.defaults, db) if try(db.create, true) }

          name              = each.key
          engine            = each.value.engine
          storage_encrypted = try(each.value.storage_encrypted, local.defaults.storage_encrypted)
          backup_days       = lookup(each.value, "backup_days", 1)
          publicly_exposed  = try(each.value.public, false)
          ingress = {
            for port in try(each.value.ports, [5432]) : tostring(port) => {
              cidrs       = try(each.value.public, false) ? ["0.0.0.0/0"] : ["10.0.0.0/16"]
              description = format("%s on %d", each.key, port)
            }
          }
        }
        """;

    private const string Database = """
        variable "name" {
          type = string
        }

        variable "engine" {
          type = string
        }

        variable "storage_encrypted" {
          type    = bool
          default = true
        }

        variable "backup_days" {
          type = number
        }

        variable "publicly_exposed" {
          type    = bool
          default = false
        }

        variable "ingress" {
          type = map(object({
            cidrs       = list(string)
            description = optional(string, "database")
          }))
          default = {}
        }

        locals {
          rules = flatten([
            for port, rule in var.ingress : [
              for cidr in rule.cidrs : {
                key         = "${port}-${replace(cidr, "/", "_")}"
                port        = tonumber(port)
                cidr        = cidr
                description = rule.description
              }
            ]
          ])
        }

        resource "aws_db_instance" "this" {
          identifier              = "ops-${var.name}"
          engine                  = var.engine
          storage_encrypted       = var.storage_encrypted
          backup_retention_period = var.backup_days
          publicly_accessible     = var.publicly_exposed

          dynamic "timeouts" {
            for_each = var.name == "orders" ? [1] : []
            content {
              create = "2h"
            }
          }
        }

        resource "aws_security_group" "this" {
          name = "ops-${var.name}"

          dynamic "ingress" {
            for_each = { for rule in local.rules : rule.key => rule }
            content {
              description = ingress.value.description
              from_port   = ingress.value.port
              to_port     = ingress.value.port
              protocol    = "tcp"
              cidr_blocks = [ingress.value.cidr]
            }
          }
        }

        output "endpoint" {
          value = try(aws_db_instance.this.endpoint, "")
        }
        """;

    [Fact]
    public void The_tree_evaluates_every_instance_with_its_inputs()
    {
        var project = Project(("main.tf", Root), ("modules/database/main.tf", Database));

        project.Problems.Should().BeEmpty();
        project.Resources.Select(r => $"{r.Address} {r.ValueOf("storage_encrypted")}{r.ValueOf("backup_retention_period")}{r.ValueOf("publicly_accessible")}")
            .Where(s => s.Contains("aws_db_instance"))
            .Should().Equal(
                "module.databases[\"legacy\"].aws_db_instance.this false7true",
                "module.databases[\"orders\"].aws_db_instance.this true14false");
        var legacyGroup = project.Resources.Single(r => r.Address == "module.databases[\"legacy\"].aws_security_group.this");
        legacyGroup.Body.BlocksOfType("ingress").Select(b => $"{b.ValueOf("description")} {b.ValueOf("cidr_blocks")}")
            .Should().Equal("\"legacy on 5432\" [\"0.0.0.0/0\"]");
        project.Resources.Single(r => r.Address.Contains("orders") && r.Type == "aws_db_instance").Body.BlocksOfType("timeouts").Should().ContainSingle();
    }

    [Fact]
    public void Findings_inside_the_module_point_at_its_file_and_name_the_calling_block()
    {
        var result = new PolicyEngine().Analyze(new[] { new SourceFile("main.tf", Root), new SourceFile("modules/database/main.tf", Database) });

        result.Notifications.Should().BeEmpty();
        result.Findings.Where(f => f.Level >= OpsTower.Policy.Rules.FindingLevel.Warning)
            .Select(f => $"{f.File.Path}:{f.Position.Start.Line} {f.RuleId}")
            .Should().Equal(
                "modules/database/main.tf:47 OTP3001",
                "modules/database/main.tf:49 OTP3002",
                "modules/database/main.tf:69 OTP3040");
        var finding = result.Findings.First(f => f.RuleId == "OTP3001");
        finding.Message.Should().EndWith("(in module.databases, loaded by the module block at main.tf:19).");
        finding.RelatedLocations.Should().ContainSingle().Which.Position.Start.Line.Should().Be(19);
    }

    [Fact]
    public void A_large_generated_configuration_parses_and_evaluates_without_errors()
    {
        var text = new System.Text.StringBuilder();
        for (int i = 0; i < 200; i++)
            text.Append(Root.Replace("module \"databases\"", $"module \"databases_{i}\"").Replace("terraform {\n  required_version = \"~> 1.9\"\n}\n", "").Replace("locals {", $"locals {{\n  marker_{i} = {i}").Replace("local.databases", $"local.databases_{i}").Replace("databases = {", $"databases_{i} = {{").Replace("defaults = {", $"defaults_{i} = {{").Replace("local.defaults", $"local.defaults_{i}"));
        var file = HclParser.Parse(new SourceFile("main.tf", text.ToString()));
        file.Diagnostics.Should().BeEmpty();

        var project = Project(("main.tf", text.ToString()), ("modules/database/main.tf", Database));
        project.Problems.Should().BeEmpty();
        project.Resources.Count(r => r.Type == "aws_db_instance").Should().Be(400);
    }
}
