using OpsTower.Policy.Engine;
using OpsTower.Policy.Formats.Hcl;
using OpsTower.Policy.Formats.Terraform;
using OpsTower.Policy.Text;
using static OpsTower.Policy.Tests.Formats.Terraform.TerraformTestSupport;

namespace OpsTower.Policy.Tests.Formats.Terraform;

public sealed class TerraformFileFunctionTests
{
    private const string Backends = """
        %{ for addr in ip_addrs ~}
        backend ${addr}:${port}
        %{ endfor ~}

        """;

    /// <summary>A root module with the local <c>x</c>, evaluated with <paramref name="files"/> as the whole tree.</summary>
    private static HclValue EvaluateWith(string expression, params (string Path, string Text)[] files) =>
        ProjectWith(new[] { ("main.tf", $"locals {{\n  x = {expression}\n}}\n") }.Concat(files).ToArray()).Local("x");

    /// <summary>The .tf files parsed, and every file (the .tf ones too) listed as the whole tree.</summary>
    private static TerraformProject ProjectWith(params (string Path, string Text)[] files)
    {
        var tree = files.Select(f => new SourceFile(f.Path, f.Text)).ToList();
        var options = new TerraformOptions { Files = tree };
        return Project(options, files.Where(f => f.Path.EndsWith(".tf", StringComparison.Ordinal)).ToArray());
    }

    // Examples from Terraform's function documentation.
    [Theory]
    [InlineData("""file("${path.module}/hello.txt")""", "\"Hello World\"")]
    [InlineData("""file("hello.txt")""", "\"Hello World\"")]
    [InlineData("""file("./files/../hello.txt")""", "\"Hello World\"")]
    [InlineData("""filebase64("${path.module}/hello.txt")""", "\"SGVsbG8gV29ybGQ=\"")]
    [InlineData("""fileexists("${path.module}/hello.txt")""", "true")]
    [InlineData("""fileexists("${path.root}/absent.txt")""", "false")]
    [InlineData("""filemd5("hello.txt") == md5(file("hello.txt"))""", "true")]
    [InlineData("""filesha1("hello.txt") == sha1(file("hello.txt"))""", "true")]
    [InlineData("""filesha256("hello.txt") == sha256(file("hello.txt"))""", "true")]
    [InlineData("""filesha512("hello.txt") == sha512(file("hello.txt"))""", "true")]
    [InlineData("""filebase64sha256("hello.txt") == base64sha256(file("hello.txt"))""", "true")]
    [InlineData("""filebase64sha512("hello.txt") == base64sha512(file("hello.txt"))""", "true")]
    [InlineData("""fileset(path.module, "files/*.txt")""", """["files/hello.txt", "files/world.txt"]""")]
    [InlineData("""fileset(path.module, "files/{hello,other}.txt")""", """["files/hello.txt"]""")]
    [InlineData("""fileset("${path.module}/files", "*")""", """["hello.txt", "world.txt"]""")]
    [InlineData("""fileset(path.module, "**/*.txt")""", """["files/hello.txt", "files/nested/deep.txt", "files/world.txt", "hello.txt"]""")]
    [InlineData("""fileset(path.module, "files/**")""", """["files/hello.txt", "files/nested/deep.txt", "files/world.txt"]""")]
    [InlineData("""fileset(path.module, "files/[hw]?llo.txt")""", """["files/hello.txt"]""")]
    [InlineData("""fileset(path.module, "files/[!h]*.txt")""", """["files/world.txt"]""")]
    [InlineData("""fileset(path.module, "*.json")""", "[]")]
    [InlineData("""try(file("absent.txt"), "fallback")""", "\"fallback\"")]
    [InlineData("""can(file("files"))""", "false")]
    [InlineData("""can(fileexists("files"))""", "false")]
    [InlineData("""templatefile("${path.module}/backends.tftpl", { port = 8080, ip_addrs = ["10.0.0.1", "10.0.0.2"] })""", "\"backend 10.0.0.1:8080\\nbackend 10.0.0.2:8080\\n\"")]
    public void File_functions_read_the_files_of_the_tree(string expression, string expected) =>
        EvaluateWith(expression,
            ("hello.txt", "Hello World"),
            ("files/hello.txt", "a"),
            ("files/world.txt", "b"),
            ("files/nested/deep.txt", "c"),
            ("backends.tftpl", Backends)).Should().Be(Value(expected));

    [Theory]
    [InlineData("""templatefile("t.tftpl", { name = "db", port = 5432 })""", "Hello, ${upper(name)} on ${port}%{ if port < 1024 } (privileged)%{ endif }", "\"Hello, DB on 5432\"")]
    [InlineData("""templatefile("t.tftpl", { items = [1, 2] })""", "${items}", "[1, 2]")]
    [InlineData("""templatefile("t.tftpl", { policy = { Effect = "Allow" } })""", "${jsonencode(policy)}", "\"{\\\"Effect\\\":\\\"Allow\\\"}\"")]
    [InlineData("""templatefile("t.tftpl", {})""", "no variables", "\"no variables\"")]
    [InlineData("""templatefile("t.tftpl", { v = "x" })""", "${try(v.missing, v)}", "\"x\"")]
    [InlineData("""templatefile("t.tftpl", { port = 8080 })""", "${file(\"hello.txt\")}:${port}", "\"Hello World:8080\"")]
    [InlineData("""try(templatefile("t.tftpl", {}), "fallback")""", "${var.name}", "\"fallback\"")]
    [InlineData("""try(templatefile("t.tftpl", { a = 1 }), "fallback")""", "${a} ${b}", "\"fallback\"")]
    [InlineData("""try(templatefile("t.tftpl", { a = 1 }), "fallback")""", "%{ if false }${b}%{ endif }", "\"fallback\"")]
    [InlineData("""try(templatefile("t.tftpl", { "not valid" = 1 }), "fallback")""", "text", "\"fallback\"")]
    [InlineData("""try(templatefile("t.tftpl", { a = "x" }), "fallback")""", "${a + 1}", "\"fallback\"")]
    [InlineData("""try(templatefile("t.tftpl", { a = 1 }), "fallback")""", "${a", "\"fallback\"")]
    [InlineData("""try(templatefile("t.tftpl", { a = 1 }), "fallback")""", "${templatefile(\"hello.txt\", {})}", "\"fallback\"")]
    [InlineData("""try(templatefile("t.tftpl", "vars"), "fallback")""", "text", "\"fallback\"")]
    public void Templatefile_renders_with_only_the_given_variables(string expression, string template, string expected) =>
        EvaluateWith(expression, ("t.tftpl", template), ("hello.txt", "Hello World")).Should().Be(Value(expected));

    [Fact]
    public void Paths_resolve_against_the_root_module_folder_as_terraform_runs_there()
    {
        var project = ProjectWith(
            ("envs/prod/main.tf", "module \"app\" {\n  source = \"../../modules/app\"\n}\n\nlocals {\n  own = file(\"settings.txt\")\n}\n"),
            ("envs/prod/settings.txt", "root settings"),
            ("modules/app/main.tf", """
                locals {
                  module_path = path.module
                  root_path   = path.root
                  cwd_path    = path.cwd
                  policy      = file("${path.module}/policy.json")
                  # A bare relative path is relative to the working folder, the root module's, even in a child module.
                  root_file   = file("settings.txt")
                  from_root   = file("${path.root}/settings.txt")
                }

                output "values" {
                  value = [local.module_path, local.root_path, local.cwd_path, local.policy, local.root_file, local.from_root]
                }
                """),
            ("modules/app/policy.json", "{}"));
        var root = project.RootModules.Single();
        root.Locals["own"].Should().Be(HclValue.FromString("root settings"));
        var child = project.Modules.Single(m => !m.IsRoot);
        child.Locals["module_path"].Should().Be(HclValue.FromString("../../modules/app"));
        child.Locals["root_path"].Should().Be(HclValue.FromString("."));
        child.Locals["cwd_path"].Should().Be(HclValue.FromString("."));
        child.Locals["policy"].Should().Be(HclValue.FromString("{}"));
        child.Locals["root_file"].Should().Be(HclValue.FromString("root settings"));
        child.Locals["from_root"].Should().Be(HclValue.FromString("root settings"));
    }

    [Theory]
    [InlineData("""file("../outside.txt")""")]
    [InlineData("""file("${path.module}/../../etc/passwd")""")]
    [InlineData("""file("/etc/passwd")""")]
    [InlineData("""file("C:/Windows/win.ini")""")]
    [InlineData("""file("~/.aws/credentials")""")]
    [InlineData("""fileexists("/etc/passwd")""")]
    [InlineData("""fileset("..", "*")""")]
    [InlineData("""fileset(path.module, "../*")""")]
    [InlineData("""templatefile("/etc/hosts", {})""")]
    public void A_path_outside_the_scan_root_is_unknown_not_an_error(string expression)
    {
        EvaluateWith(expression, ("hello.txt", "Hello World")).IsKnown.Should().BeFalse();
        EvaluateWith($"can({expression})").IsKnown.Should().BeFalse("the file may exist where Terraform runs");
    }

    [Theory]
    [InlineData("""file("hello.txt")""")]
    [InlineData("""file("absent.txt")""")]
    [InlineData("""filebase64("hello.txt")""")]
    [InlineData("""fileexists("absent.txt")""")]
    [InlineData("""fileset(path.module, "*.txt")""")]
    [InlineData("""templatefile("hello.txt", {})""")]
    [InlineData("""can(file("absent.txt"))""")]
    public void Without_the_whole_tree_files_the_evaluator_was_not_given_are_unknown(string expression)
    {
        // Only the .tf file is given: hello.txt may exist on disk, so nothing can be said about it.
        var project = Project(("main.tf", $"locals {{\n  x = {expression}\n}}\n"));
        project.Local("x").IsKnown.Should().BeFalse();
    }

    [Fact]
    public void A_scan_reads_the_files_it_parsed_and_a_file_it_did_not_is_unknown()
    {
        var main = Parsed("main.tf", """
            locals {
              config   = file("vault.hcl")
              exists   = fileexists("vault.hcl")
              template = file("user-data.sh.tftpl")
            }
            """);
        var vault = Parsed("vault.hcl", "ui = true\n");
        var project = TerraformProject.For(new RepositoryModel(new[] { main, vault }));
        project.Local("config").Should().Be(HclValue.FromString("ui = true\n"));
        project.Local("exists").Should().Be(HclValue.True);
        project.Local("template").IsKnown.Should().BeFalse("the engine does not hand over files it does not parse");
    }

    [Fact]
    public void A_repository_hands_its_support_files_to_the_file_functions()
    {
        var main = Parsed("main.tf", "locals {\n  template = file(\"user-data.sh.tftpl\")\n}\n");
        var reads = new List<string>();
        SupportFile Support(string path, string text) => new(path, () =>
        {
            reads.Add(path);
            return new SourceFile(path, text);
        });

        var project = TerraformProject.For(new RepositoryModel(new[] { main },
            new[] { Support("user-data.sh.tftpl", "#!/bin/sh\n"), Support("README.md", "# not read\n") }));

        project.Local("template").Should().Be(HclValue.FromString("#!/bin/sh\n"));
        reads.Should().Equal(new[] { "user-data.sh.tftpl" }, "support files are read when a function asks for them, once");
    }

    [Fact]
    public void A_scan_on_disk_reads_templates_and_data_files_beside_modules_but_not_binaries_or_other_folders()
    {
        using var dir = new OpsTower.Policy.Tests.Testing.TempDirectory();
        dir.Write("infra/main.tf", """
            locals {
              ingress = jsondecode(file("${path.module}/network/ingress.json"))
            }
            resource "aws_security_group" "bastion" {
              dynamic "ingress" {
                for_each = local.ingress
                content {
                  from_port   = ingress.value.port
                  to_port     = ingress.value.port
                  protocol    = "tcp"
                  cidr_blocks = ingress.value.cidrs
                }
              }
            }
            resource "aws_security_group" "binary" {
              ingress {
                from_port   = length(filebase64("${path.module}/blob.bin"))
                to_port     = 22
                protocol    = "tcp"
                cidr_blocks = ["0.0.0.0/0"]
              }
            }
            """);
        dir.Write("infra/network/ingress.json", "[{ \"port\": 22, \"cidrs\": [\"0.0.0.0/0\"] }]");
        dir.Write("infra/blob.bin", "\0\u0001binary");
        dir.Write("docs/notes.txt", "not beside a module");

        var result = new PolicyEngine().Scan(new ScanOptions { RootDirectory = dir.Path, Paths = new[] { dir.Path } });

        result.Files.Select(f => f.Path).Should().Equal("infra/main.tf");
        result.Findings.Where(f => f.RuleId == "OTP3040").Select(f => f.Position.Start.Line).Should().Equal(11);
    }

    [Fact]
    public void Files_over_the_size_limit_and_text_that_was_not_utf8_are_unknown()
    {
        string large = new('x', TerraformFiles.MaxFileBytes + 1);
        EvaluateWith("""file("large.txt")""", ("large.txt", large)).IsKnown.Should().BeFalse();
        EvaluateWith("""filebase64("binary.bin")""", ("binary.bin", "\uFFFD\u0001")).IsKnown.Should().BeFalse();
        EvaluateWith("""fileexists("large.txt")""", ("large.txt", large)).Should().Be(HclValue.True);
    }

    [Fact]
    public void A_value_read_from_a_file_is_reported_at_the_terraform_attribute()
    {
        var project = ProjectWith(
            ("main.tf", "resource \"aws_instance\" \"vault\" {\n  user_data = templatefile(\"init.tftpl\", { port = 8200 })\n}\n"),
            ("init.tftpl", "listen ${port}"));
        var attribute = project.Resources.Single().Attribute("user_data")!;
        attribute.Value.Should().Be(HclValue.FromString("listen 8200"));
        attribute.File.Path.Should().Be("main.tf");
        attribute.File.GetPositionSpan(attribute.Span).ToString().Should().Be("2:3-2:58");
    }

    private static RepositoryFile Parsed(string path, string text)
    {
        var source = new SourceFile(path, text);
        var kind = FileClassifier.Classify(path);
        return new RepositoryFile(source, kind, DocumentParsers.Parse(kind, source)!.Model);
    }
}
