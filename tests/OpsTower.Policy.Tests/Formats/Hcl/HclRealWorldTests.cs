using OpsTower.Policy.Formats.Hcl;
using static OpsTower.Policy.Tests.Formats.Hcl.HclTestSupport;

namespace OpsTower.Policy.Tests.Formats.Hcl;

public sealed class HclRealWorldTests
{
    private const string MainTf = """
        terraform {
          required_version = ">= 1.5.0"
          required_providers {
            aws = {
              source  = "hashicorp/aws"
              version = "~> 5.0"
            }
          }
        }

        provider "aws" {
          region = var.region
          default_tags {
            tags = local.common_tags
          }
        }

        module "vpc" {
          source = "terraform-aws-modules/vpc/aws"
          cidr   = "10.0.0.0/16"
          azs    = slice(data.aws_availability_zones.available.names, 0, 3)
        }

        resource "aws_security_group" "web" {
          name   = "${var.prefix}-web"
          vpc_id = module.vpc.vpc_id

          dynamic "ingress" {
            for_each = { for k, v in var.ingress_rules : k => v if v.enabled }
            content {
              from_port   = ingress.value.port
              to_port     = ingress.value.port
              protocol    = try(ingress.value.protocol, "tcp")
              cidr_blocks = lookup(ingress.value, "cidrs", ["0.0.0.0/0"])
            }
          }

          tags = merge(local.common_tags, { Name = "web" })
        }

        resource "aws_iam_policy" "read" {
          name   = "read-${terraform.workspace}"
          policy = <<-EOT
            {
              "Version": "2012-10-17",
              "Statement": [
                %{ for bucket in var.buckets ~}
                {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::${bucket}/*"},
                %{ endfor ~}
                {"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}
              ]
            }
          EOT
        }

        output "instance_ids" {
          value     = aws_instance.web[*].id
          sensitive = false
        }

        locals {
          common_tags = { Project = "opstower", Owner = var.owner }
          private_ips = aws_instance.web.*.private_ip
          first_az    = module.vpc.azs[0]
          enabled     = var.count > 0 && !var.disabled ? true : false
        }
        """;

    [Fact]
    public void A_terraform_main_tf_parses_cleanly_with_its_structure()
    {
        HclFile file = ParseClean(MainTf);
        file.Body.Blocks.Select(b => b.Type).Should().Equal("terraform", "provider", "module", "resource", "resource", "output", "locals");

        HclBlock securityGroup = file.Body.GetBlocks("resource").First();
        securityGroup.LabelValues.Should().Equal("aws_security_group", "web");
        HclBlock dynamic = securityGroup.Body.GetBlocks("dynamic").Single();
        dynamic.LabelValues.Should().Equal("ingress");
        file.At(dynamic.Span).Should().Be("28:3-36:4");

        var forEach = dynamic.Body.GetAttribute("for_each")!.Expression.Should().BeOfType<HclForExpression>().Subject;
        file.At(forEach.Span).Should().Be("29:16-29:71");
        forEach.Condition!.ToString().Should().Be("v.enabled");

        HclBlock content = dynamic.Body.GetBlocks("content").Single();
        var protocol = (HclFunctionCallExpression)content.Body.GetAttribute("protocol")!.Expression;
        protocol.Name.Should().Be("try");
        file.At(protocol.Span).Should().Be("33:21-33:55");
        content.Body.GetAttribute("cidr_blocks")!.Expression.Should().BeOfType<HclFunctionCallExpression>().Which.Name.Should().Be("lookup");

        HclTraversal.References(securityGroup).Select(r => r.ToString()).Should().Equal(
            "var.prefix", "module.vpc.vpc_id", "var.ingress_rules", "ingress.value.port", "ingress.value.port",
            "ingress.value.protocol", "ingress.value", "local.common_tags");

        var policy = (HclTemplateExpression)file.Body.GetBlocks("resource").Last().Body.GetAttribute("policy")!.Expression;
        policy.Kind.Should().Be(HclTemplateKind.IndentedHeredoc);
        policy.Parts.OfType<HclTemplateForExpression>().Single().Collection.ToString().Should().Be("var.buckets");
        var rendered = new HclExpressionEvaluator(name => name == "var"
            ? HclValue.Object(new[] { new KeyValuePair<string, HclValue>("buckets", HclValue.Tuple(new[] { HclValue.FromString("logs") })) })
            : null).Evaluate(policy);
        // As in HashiCorp's HCL, strip markers apply before the "<<-" indentation removal: "~}" eats the newline
        // ending the directive's line, so the next line no longer starts a line and keeps all its indentation, after
        // the (flushed) indentation written before the directive: 4 + 8 spaces.
        rendered.AsString().Should().Be(
            "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n"
            + "            {\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::logs/*\"},\n"
            + "            {\"Effect\": \"Deny\", \"Action\": \"s3:*\", \"Resource\": \"*\", \"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"false\"}}}\n"
            + "  ]\n}\n");

        HclBody locals = file.Body.GetBlocks("locals").Single().Body;
        locals.GetAttribute("private_ips")!.Expression.Should().BeOfType<HclSplatExpression>().Which.IsFullSplat.Should().BeFalse();
        file.Body.GetBlocks("output").Single().Body.GetAttribute("value")!.Expression.Should().BeOfType<HclSplatExpression>().Which.IsFullSplat.Should().BeTrue();
        locals.GetAttribute("enabled")!.Expression.Should().BeOfType<HclConditionalExpression>();
        file.At(locals.GetAttribute("first_az")!.Span).Should().Be("64:3-64:34");
    }

    [Fact]
    public void A_vault_server_configuration_parses_cleanly()
    {
        HclFile file = ParseClean("""
            ui            = true
            cluster_addr  = "https://127.0.0.1:8201"
            api_addr      = "https://127.0.0.1:8200"
            disable_mlock = true

            listener "tcp" {
              address       = "0.0.0.0:8200"
              tls_cert_file = "/opt/vault/tls/tls.crt"
              tls_key_file  = "/opt/vault/tls/tls.key"
              tls_disable   = false
            }

            storage "postgresql" {
              connection_url = "postgres://vault:${VAULT_DB_PASSWORD}@db:5432/vault?sslmode=verify-full"
              ha_enabled     = "true"
            }

            seal "awskms" {
              region     = "eu-west-1"
              kms_key_id = "19ec80b0-dfdd-4d97-8164-c6examplekey"
            }

            telemetry {
              prometheus_retention_time = "30s"
              disable_hostname          = true
            }
            """, "vault.hcl");
        file.Body.Blocks.Select(b => b.Type + " " + string.Join(",", b.LabelValues)).Should().Equal("listener tcp", "storage postgresql", "seal awskms", "telemetry ");
        HclBlock listener = file.Body.GetBlocks("listener").Single();
        new HclExpressionEvaluator().Evaluate(listener.Body.GetAttribute("tls_disable")!.Expression).Should().Be(HclValue.False);
        file.At(listener.Body.GetAttribute("tls_disable")!.Span).Should().Be("10:3-10:24");
        file.At(file.Body.GetBlocks("seal").Single().Labels[0].Span).Should().Be("18:6-18:14");
    }

    [Fact]
    public void A_packer_template_parses_cleanly()
    {
        HclFile file = ParseClean("""
            packer {
              required_plugins {
                amazon = {
                  version = ">= 1.2.8"
                  source  = "github.com/hashicorp/amazon"
                }
              }
            }

            variable "region" {
              type    = string
              default = "us-east-1"
            }

            source "amazon-ebs" "ubuntu" {
              ami_name      = "web-${formatdate("YYYYMMDD", timestamp())}"
              instance_type = "t3.micro"
              region        = var.region
              source_ami_filter {
                filters = {
                  name                  = "ubuntu/images/*ubuntu-jammy-22.04-amd64-server-*"
                  "virtualization-type" = "hvm"
                }
                most_recent = true
                owners      = ["099720109477"]
              }
              ssh_username = "ubuntu"
            }

            build {
              sources = ["source.amazon-ebs.ubuntu"]
              provisioner "shell" {
                inline = [
                  "sudo apt-get update",
                  "echo $${HOME}",
                ]
              }
            }
            """, "web.pkr.hcl");
        file.Body.GetBlocks("variable").Single().Body.GetAttribute("type")!.Expression.ToString().Should().Be("string");
        var inline = (HclTupleExpression)file.Body.GetBlocks("build").Single().Body.Blocks.Single().Body.GetAttribute("inline")!.Expression;
        inline.Elements[1].AsStringLiteral().Should().Be("echo ${HOME}");
    }
}
