using System.Text;
using CsCheck;
using OpsTower.Policy.Formats.Yaml;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Tests.Formats.Yaml;

public sealed class YamlLoaderTests
{
    private static YamlFile Load(string text) => YamlLoader.Load(new SourceFile("test.yaml", text));

    private static LinePosition Start(YamlFile yaml, YamlNode node) => yaml.File.GetPosition(node.Span.Start);

    [Fact]
    public void Keys_and_values_have_their_line_and_column()
    {
        var yaml = Load("metadata:\n  name: user-service\n  labels: {app: web}\n");
        var root = (YamlMapping)yaml.Documents.Single().Root!;
        var name = root.GetMapping("metadata")!.Find("name")!;
        Start(yaml, name.Key).Should().Be(new LinePosition(2, 3));
        Start(yaml, name.Value).Should().Be(new LinePosition(2, 9));
        yaml.File.GetText(name.Value.Span).Should().Be("user-service");
        var app = root.GetMapping("metadata")!.GetMapping("labels")!.GetScalar("app")!;
        Start(yaml, app).Should().Be(new LinePosition(3, 17));
    }

    [Fact]
    public void Multi_document_files_keep_each_document_and_its_lines()
    {
        var yaml = Load("a: 1\n---\nb: 2\n---\n# only a comment\nc: 3\n");
        yaml.Documents.Select(d => d.Index).Should().Equal(0, 1, 2);
        var third = (YamlMapping)yaml.Documents[2].Root!;
        Start(yaml, third.Find("c")!.Key).Should().Be(new LinePosition(6, 1));
    }

    [Fact]
    public void A_broken_document_is_a_positioned_error_and_the_others_still_load()
    {
        var yaml = Load("a: 1\n---\nb: [unclosed\n---\nc: 3\n");
        yaml.Documents.Should().HaveCount(3);
        yaml.Documents[0].Root.Should().BeOfType<YamlMapping>();
        yaml.Documents[1].Root.Should().BeNull();
        ((YamlMapping)yaml.Documents[2].Root!).GetString("c").Should().Be("3");
        var error = yaml.Diagnostics.Should().ContainSingle(d => d.Severity == DiagnosticSeverity.Error).Subject;
        error.Message.Should().StartWith("Invalid YAML:");
        yaml.File.GetPosition(error.Span.Start).Line.Should().BeInRange(3, 4);
    }

    [Fact]
    public void Positions_count_crlf_line_breaks_as_one_line()
    {
        var yaml = Load("a: 1\r\nb:\r\n  c: value\r\n");
        var c = ((YamlMapping)yaml.Documents[0].Root!).GetMapping("b")!.GetScalar("c")!;
        Start(yaml, c).Should().Be(new LinePosition(3, 6));
        yaml.File.GetText(c.Span).Should().Be("value");
    }

    [Fact]
    public void Aliases_resolve_to_the_anchored_node_itself()
    {
        var yaml = Load("first: &sc {runAsNonRoot: true}\nsecond: *sc\n");
        var root = (YamlMapping)yaml.Documents[0].Root!;
        root.Get("second").Should().BeSameAs(root.Get("first"));
        yaml.Diagnostics.Should().BeEmpty();
    }

    [Fact]
    public void Nested_aliases_do_not_expand_exponentially()
    {
        var text = new StringBuilder("l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i <= 40; i++)
            text.Append($"l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 10))}]\n");
        var yaml = Load(text.ToString());
        var root = (YamlMapping)yaml.Documents[0].Root!;
        var top = root.GetSequence("l40")!;
        top.Items.Should().HaveCount(10).And.OnlyContain(item => ReferenceEquals(item, root.Get("l39")));
    }

    [Fact]
    public void An_unknown_alias_is_an_error_and_reads_as_null()
    {
        var yaml = Load("a: *missing\n");
        yaml.Diagnostics.Should().ContainSingle(d => d.Severity == DiagnosticSeverity.Error && d.Message.Contains("*missing"));
        ((YamlMapping)yaml.Documents[0].Root!).Get("a").Should().BeOfType<YamlScalar>().Which.IsNull.Should().BeTrue();
    }

    [Fact]
    public void Merge_keys_bring_entries_that_the_mapping_does_not_override()
    {
        var yaml = Load("base: &base {a: 1, b: 2}\nderived:\n  <<: *base\n  b: 3\n");
        var derived = ((YamlMapping)yaml.Documents[0].Root!).GetMapping("derived")!;
        derived.GetString("a").Should().Be("1");
        derived.GetString("b").Should().Be("3");
        derived.Entries.Select(e => e.KeyText).Should().Equal("b", "a");
    }

    [Fact]
    public void A_repeated_key_warns_and_keeps_the_last_value()
    {
        var yaml = Load("a: 1\na: 2\n");
        ((YamlMapping)yaml.Documents[0].Root!).GetString("a").Should().Be("2");
        var warning = yaml.Diagnostics.Should().ContainSingle().Subject;
        warning.Severity.Should().Be(DiagnosticSeverity.Warning);
        yaml.File.GetPosition(warning.Span.Start).Should().Be(new LinePosition(2, 1));
    }

    [Fact]
    public void A_comment_after_a_flow_collection_that_ends_a_block_mapping_is_valid_yaml()
    {
        var yaml = Load("a:\n  b: [1, 2] # trailing\nc: {x: 1}\n# end\nd: 1\n");
        yaml.Diagnostics.Should().BeEmpty();
        yaml.Documents.Single().Root.Should().BeOfType<YamlMapping>().Which.Entries.Select(e => e.KeyText).Should().Equal("a", "c", "d");
        yaml.Comments.Select(c => (c.Text, c.IsInline)).Should().Equal(("trailing", true), ("end", false));
    }

    [Fact]
    public void Comments_before_a_syntax_error_are_kept_and_the_error_is_positioned()
    {
        // Once YamlDotNet's scanner hits an error it repeats the error token forever: the loader must stop there.
        var yaml = Load("# owner: team-a\n&*}3] &?:>\n@: -3*!*b?[c!:2?[-0b!&!&1' \n*,\"-?!%\"2a'?[`");
        yaml.Comments.Select(c => c.Text).Should().Equal("owner: team-a");
        yaml.Diagnostics.Should().Contain(d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void Comments_are_kept_with_their_positions()
    {
        var yaml = Load("# header\na: 1 # inline note\n");
        yaml.Comments.Select(c => (c.Text, c.IsInline)).Should().Equal(("header", false), ("inline note", true));
        yaml.File.GetPosition(yaml.Comments[1].Span.Start).Should().Be(new LinePosition(2, 6));
    }

    [Theory]
    [InlineData("[", "]")]
    [InlineData("{a: ", "}")]
    [InlineData("- ", "")]
    public void Deep_nesting_is_a_diagnostic_not_a_crash(string open, string close)
    {
        var text = new StringBuilder("ok: 1\n---\n");
        for (int i = 0; i < 100_000; i++) text.Append(open);
        text.Append('x');
        for (int i = 0; i < 100_000; i++) text.Append(close);
        var yaml = Load(text.Append('\n').ToString());
        var error = yaml.Diagnostics.Should().ContainSingle(d => d.Severity == DiagnosticSeverity.Error).Subject;
        error.Message.Should().Contain("nested more than");
        yaml.Documents[0].Root.Should().NotBeNull();
        yaml.Documents.Skip(1).Should().OnlyContain(d => d.Root == null);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("yes", true)]
    [InlineData("On", true)]
    [InlineData("false", false)]
    [InlineData("no", false)]
    [InlineData("\"true\"", null)]
    [InlineData("'false'", null)]
    [InlineData("maybe", null)]
    public void Booleans_read_as_Kubernetes_reads_them(string text, bool? expected)
    {
        var value = ((YamlMapping)Load($"v: {text}\n").Documents[0].Root!).GetScalar("v")!;
        value.AsBool().Should().Be(expected);
    }

    [Fact]
    public void Value_spans_map_substrings_of_plain_and_quoted_scalars()
    {
        var yaml = Load("a: KEY=value\nb: \"KEY=value\"\nc: \"esc\\taped\"\n");
        var root = (YamlMapping)yaml.Documents[0].Root!;
        yaml.File.GetText(root.GetScalar("a")!.ValueSpan(4, 5)).Should().Be("value");
        yaml.File.GetText(root.GetScalar("b")!.ValueSpan(4, 5)).Should().Be("value");
        root.GetScalar("c")!.ValueSpan(0, 3).Should().Be(root.GetScalar("c")!.Span, "escapes make the value differ from its text");
    }

    [Fact]
    public void Documents_split_only_at_column_zero_markers_and_directives_stay_with_their_document()
    {
        YamlLoader.SplitDocuments("%YAML 1.2\n---\na: 1\n--- \nb: 2\n  ---\n").Should().HaveCount(2);
        var yaml = Load("%YAML 1.1\n---\na: 1\n");
        yaml.Diagnostics.Should().BeEmpty();
        yaml.Documents.Should().ContainSingle();
    }

    [Fact]
    public void Any_text_loads_without_throwing()
    {
        Gen.Char[" \n-:[]{}#&*!|>'\"%@`,?abc0123"].Array[0, 200].Select(chars => new string(chars))
            .Sample(text => Load(text).Documents.Should().NotBeNull(), iter: 2000);
    }
}
