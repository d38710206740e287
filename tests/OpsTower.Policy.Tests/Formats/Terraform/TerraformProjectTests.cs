using OpsTower.Policy.Engine;
using OpsTower.Policy.Formats.Hcl;
using OpsTower.Policy.Formats.Terraform;
using OpsTower.Policy.Text;
using static OpsTower.Policy.Tests.Formats.Terraform.TerraformTestSupport;

namespace OpsTower.Policy.Tests.Formats.Terraform;

public sealed class TerraformProjectTests
{
    private const string Variables = """
        variable "size" {
          type    = number
          default = 1
        }
        """;

    private static decimal Size(TerraformProject project) => project.RootModules.Single().Variables["size"].AsNumber();

    [Fact]
    public void Root_variables_take_defaults_then_terraform_tfvars_then_auto_tfvars_in_name_order_then_var_files()
    {
        Size(Project(("main.tf", Variables))).Should().Be(1);
        Size(Project(("main.tf", Variables), ("terraform.tfvars", "size = 2"))).Should().Be(2);
        Size(Project(("main.tf", Variables), ("terraform.tfvars", "size = 2"), ("b.auto.tfvars", "size = 4"), ("a.auto.tfvars", "size = 3"))).Should().Be(4);
        Size(Project(("main.tf", Variables), ("prod.tfvars", "size = 9"))).Should().Be(1, "other .tfvars files are read only with -var-file");

        var options = new TerraformOptions { VarFiles = new[] { new SourceFile("env/prod.tfvars", "size = 5\nundeclared = true") } };
        Size(Project(options, ("main.tf", Variables), ("terraform.tfvars", "size = 2"))).Should().Be(5);
    }

    [Fact]
    public void Var_files_set_with_Use_reach_the_project_of_a_scan()
    {
        var repository = new RepositoryModel(new[] { Parsed("main.tf", Variables) });
        using (TerraformOptions.Use(new TerraformOptions { VarFiles = new[] { new SourceFile("prod.tfvars", "size = 8") } }))
            Size(TerraformProject.For(repository)).Should().Be(8);
        TerraformProject.For(repository).Should().BeSameAs(TerraformProject.For(repository), "rules share one evaluation per scan");
        TerraformOptions.Current.Should().BeSameAs(TerraformOptions.Default);
    }

    [Fact]
    public void Variable_types_convert_values_and_fill_optional_attributes()
    {
        var project = Project(("main.tf", """
            variable "settings" {
              type = object({
                port    = number
                enabled = optional(bool, true)
                name    = optional(string)
              })
              default = { port = "5432", extra = 1 }
            }
            """));
        project.RootModules.Single().Variables["settings"].Should().Be(Value("{ port = 5432, enabled = true, name = null }"));
    }

    [Fact]
    public void Locals_evaluate_in_dependency_order_and_a_cycle_is_unknown_and_reported()
    {
        var project = Project(("main.tf", """
            locals {
              full   = "${local.prefix}-${local.suffix}"
              prefix = upper(local.base)
              base   = "ops"
              suffix = var.environment == "production" ? "prod" : "dev"
              a      = local.b
              b      = local.a
              c      = local.a
            }

            variable "environment" {
              default = "production"
            }
            """));
        project.Local("full").Should().Be(HclValue.FromString("OPS-prod"));
        project.Local("a").IsKnown.Should().BeFalse();
        project.Local("c").IsKnown.Should().BeFalse();
        project.Problems.Should().ContainSingle(p => p.Message.Contains("cycle")).Which.Message.Should().Contain("local.a → local.b → local.a");
    }

    [Fact]
    public void Count_and_for_each_expand_resources_and_count_zero_removes_them()
    {
        var project = Project(("main.tf", """
            variable "buckets" {
              default = { logs = "private", web = "public-read" }
            }

            resource "aws_s3_bucket" "none" {
              count  = 0
              bucket = "never"
            }

            resource "aws_s3_bucket" "numbered" {
              count  = 2
              bucket = "bucket-${count.index}"
            }

            resource "aws_s3_bucket" "named" {
              for_each = var.buckets
              bucket   = "${each.key}-${each.value}"
            }

            resource "aws_s3_bucket" "from_set" {
              for_each = toset(["a"])
              bucket   = each.value
            }
            """));
        project.Resources.Select(r => $"{r.Address} {r.ValueOf("bucket")}").Should().Equal(
            "aws_s3_bucket.numbered[0] \"bucket-0\"",
            "aws_s3_bucket.numbered[1] \"bucket-1\"",
            "aws_s3_bucket.named[\"logs\"] \"logs-private\"",
            "aws_s3_bucket.named[\"web\"] \"web-public-read\"",
            "aws_s3_bucket.from_set[\"a\"] \"a\"");
    }

    [Fact]
    public void An_unknown_count_keeps_one_instance_with_unknown_count_index()
    {
        var project = Project(("main.tf", "variable \"n\" {}\n\nresource \"aws_s3_bucket\" \"b\" {\n  count  = var.n\n  bucket = \"b-${count.index}\"\n  acl    = \"private\"\n}\n"));
        var bucket = project.Resources.Single();
        bucket.ValueOf("bucket").IsKnown.Should().BeFalse();
        bucket.ValueOf("acl").Should().Be(HclValue.FromString("private"));
    }

    [Fact]
    public void Dynamic_blocks_expand_with_their_iterator_and_keep_their_position()
    {
        var project = Project(("main.tf", """
            locals {
              ports = [22, 443]
            }

            resource "aws_security_group" "web" {
              ingress {
                from_port = 80
              }

              dynamic "ingress" {
                for_each = local.ports
                iterator = port
                content {
                  from_port = port.value
                  description = "rule ${port.key}"

                  dynamic "nested" {
                    for_each = { a = 1 }
                    content {
                      value = "${nested.key}${port.value}"
                    }
                  }
                }
              }

              dynamic "egress" {
                for_each = []
                content {
                  from_port = 0
                }
              }
            }
            """));
        var group = project.Resources.Single();
        group.Body.BlocksOfType("ingress").Select(b => b.ValueOf("from_port").ToHclString()).Should().Equal("80", "22", "443");
        group.Body.BlocksOfType("ingress").Last().ValueOf("description").Should().Be(HclValue.FromString("rule 1"));
        group.Body.BlocksOfType("ingress").Last().BlocksOfType("nested").Single().ValueOf("value").Should().Be(HclValue.FromString("a443"));
        group.Body.BlocksOfType("egress").Should().BeEmpty();
        var generated = group.Body.BlocksOfType("ingress").Last();
        generated.File.GetPositionSpan(generated.HeaderSpan).ToString().Should().Be("10:3-10:20");
        generated.Attribute("from_port")!.File.GetPositionSpan(generated.Attribute("from_port")!.Span).ToString().Should().Be("14:7-14:29");
    }

    [Fact]
    public void Local_modules_get_their_inputs_and_give_back_their_outputs()
    {
        var project = Project(
            ("main.tf", """
                module "db" {
                  source    = "./modules/db"
                  count     = 2
                  name      = "db-${count.index}"
                }

                module "wrapper" {
                  source = "./modules/wrapper"
                }

                locals {
                  names = module.db[*].name
                  inner = module.wrapper.inner_name
                }
                """),
            ("modules/db/main.tf", """
                variable "name" {}
                variable "engine" {
                  default = "postgres"
                }

                resource "aws_db_instance" "this" {
                  identifier = "${var.name}-${var.engine}"
                }

                output "name" {
                  value = aws_db_instance.this.identifier == null ? "x" : var.name
                }
                """),
            ("modules/wrapper/main.tf", """
                module "inner" {
                  source = "../db"
                  name   = "inner"
                }

                output "inner_name" {
                  value = module.inner.name
                }
                """));
        project.RootModules.Should().ContainSingle();
        project.Resources.Select(r => $"{r.Address} {r.ValueOf("identifier")}").Should().Equal(
            "module.db[0].aws_db_instance.this \"db-0-postgres\"",
            "module.db[1].aws_db_instance.this \"db-1-postgres\"",
            "module.wrapper.module.inner.aws_db_instance.this \"inner-postgres\"");
        project.Local("inner").IsKnown.Should().BeFalse("the output depends on a resource attribute, which is unknown");
        project.Resources.Last().Module.CallChain.Select(c => c.Name).Should().Equal("wrapper", "inner");
    }

    [Fact]
    public void Module_outputs_with_known_values_flow_back()
    {
        var project = Project(
            ("main.tf", "module \"naming\" {\n  source = \"./naming\"\n  env    = \"prod\"\n}\n\nlocals {\n  name = module.naming.name\n}\n"),
            ("naming/main.tf", "variable \"env\" {}\n\noutput \"name\" {\n  value = \"ops-${var.env}\"\n}\n"));
        project.Local("name").Should().Be(HclValue.FromString("ops-prod"));
    }

    [Fact]
    public void Remote_missing_and_recursive_modules_are_reported_once_and_not_evaluated()
    {
        var project = Project(
            ("main.tf", """
                module "vpc" {
                  source = "terraform-aws-modules/vpc/aws"
                  count  = 3
                }

                module "gone" {
                  source = "./gone"
                }

                module "loop" {
                  source = "./loop"
                }
                """),
            ("loop/main.tf", "module \"again\" {\n  source = \"../loop\"\n}\n"));
        project.Problems.Select(p => p.Message.Split(':')[0]).Should().BeEquivalentTo(
            "module \"vpc\" comes from \"terraform-aws-modules/vpc/aws\"",
            "module \"gone\"",
            "module \"again\" calls \"../loop\", which is already being evaluated above it (or nests too deeply)");
        project.ModuleCalls.Where(c => c.Name == "vpc").Should().HaveCount(3).And.OnlyContain(c => c.Child == null);
    }

    [Fact]
    public void Resource_and_data_references_are_unknown_and_their_use_is_unknown()
    {
        var project = Project(("main.tf", """
            data "aws_caller_identity" "current" {}

            resource "aws_s3_bucket" "b" {
              bucket = "logs-${data.aws_caller_identity.current.account_id}"
              policy = aws_iam_policy.p.arn
              acl    = path.module == "." ? terraform.workspace : "x"
            }
            """));
        var bucket = project.Resources.Single();
        bucket.ValueOf("bucket").IsKnown.Should().BeFalse();
        bucket.ValueOf("policy").IsKnown.Should().BeFalse();
        bucket.ValueOf("acl").Should().Be(HclValue.FromString("default"));
        project.RootModules.Single().Resources.Should().Contain(r => r.Mode == TerraformResourceMode.Data);
    }

    [Fact]
    public void Undeclared_variables_and_locals_are_reported_once_each()
    {
        var project = Project(("main.tf", "resource \"x\" \"y\" {\n  a = var.missing\n  b = var.missing\n  c = local.nothing\n}\n"));
        project.Problems.Select(p => p.Message).Should().Equal(
            "var.missing is not declared in this module (no variable \"missing\" block), so its value is unknown.",
            "local.nothing is not declared in this module (no local value \"nothing\"), so its value is unknown.");
    }

    [Theory]
    [InlineData("main.tf", FileKind.Terraform)]
    [InlineData("infra/modules/vpc/variables.tf", FileKind.Terraform)]
    [InlineData("terraform.tfvars", FileKind.TerraformVariables)]
    [InlineData("env/prod.auto.tfvars", FileKind.TerraformVariables)]
    [InlineData("vault/config.hcl", FileKind.Hcl)]
    [InlineData("live/prod/terragrunt.hcl", FileKind.Hcl)]
    [InlineData("infra/.terraform.lock.hcl", FileKind.Unknown)]
    [InlineData("infra/.terraform/modules/vpc/main.tf", FileKind.Unknown)]
    [InlineData(".terraform/providers/x.hcl", FileKind.Unknown)]
    [InlineData("main.tf.json", FileKind.Unknown)]
    [InlineData("terraform.tfvars.json", FileKind.Unknown)]
    [InlineData("main.tfstate", FileKind.Unknown)]
    public void Terraform_and_hcl_files_are_classified_by_name(string path, FileKind kind) =>
        FileClassifier.Classify(path).Should().Be(kind);

    [Fact]
    public void Other_hcl_files_parse_to_their_syntax_so_embedded_vault_configs_are_checked()
    {
        var file = new SourceFile("vault-config.yaml", "listener \"tcp\" {\n  tls_disable = true\n}\n");
        DocumentParsers.Parse(FileKind.Hcl, file)!.Model.Should().BeOfType<HclFile>();
        var analysis = new PolicyEngine().AnalyzeFile(file, FileKind.Hcl);
        analysis.Findings.Select(f => $"{f.RuleId} {f.Position}").Should().Contain("OTP7001 2:3-2:21");
    }

    private static RepositoryFile Parsed(string path, string text)
    {
        var source = new SourceFile(path, text);
        var kind = FileClassifier.Classify(path);
        return new RepositoryFile(source, kind, DocumentParsers.Parse(kind, source)!.Model);
    }
}
