using System.Linq;
using CsCheck;
using OpsTower.Policy.Formats.Shell;

namespace OpsTower.Policy.Tests.Formats.Shell;

public sealed class ShellScriptTests
{
    private static string[][] Words(string script) =>
        ShellScript.Parse(script).Commands.Select(c => c.Words.Select(w => w.Value).ToArray()).ToArray();

    [Fact]
    public void Splits_on_every_control_operator_and_records_it()
    {
        var script = ShellScript.Parse("a && b || c; d | e & f\ng |& h");
        script.Commands.Select(c => (c.Words[0].Value, c.Following)).Should().Equal(
            ("a", ShellOperator.And), ("b", ShellOperator.Or), ("c", ShellOperator.Semicolon), ("d", ShellOperator.Pipe),
            ("e", ShellOperator.Background), ("f", ShellOperator.Newline), ("g", ShellOperator.Pipe), ("h", ShellOperator.End));
    }

    [Fact]
    public void Quotes_and_escapes_do_not_split_and_are_removed_from_values()
    {
        Words("echo 'a && b' \"c | d\" e\\;f").Should().BeEquivalentTo(new[] { new[] { "echo", "a && b", "c | d", "e;f" } }, o => o.WithStrictOrdering());
    }

    [Fact]
    public void Word_offsets_point_at_the_source_text()
    {
        const string text = "apt-get install -y  \"curl\" && rm -rf /x";
        var words = ShellScript.Parse(text).Commands.SelectMany(c => c.Words).ToList();
        words.Select(w => text.Substring(w.Start, w.End - w.Start)).Should().Equal(words.Select(w => w.Text));
        words[3].Text.Should().Be("\"curl\"");
        words[3].Start.Should().Be(20);
    }

    [Fact]
    public void Command_substitutions_are_parsed_and_not_split()
    {
        var script = ShellScript.Parse("bash -c \"$(curl -fsSL https://x/i.sh | head)\" && echo `wget -q y`");
        script.Commands.Should().HaveCount(2);
        var substitution = script.Commands[0].Words[2].Substitutions.Single();
        substitution.Commands.Select(c => c.ProgramName).Should().Equal("curl", "head");
        substitution.Commands[0].Following.Should().Be(ShellOperator.Pipe);
        script.Commands[1].Words[1].Substitutions.Single().Commands.Single().ProgramName.Should().Be("wget");
        script.AllCommands.Select(c => c.ProgramName).Should().Equal("bash", "curl", "head", "echo", "wget");
    }

    [Fact]
    public void Substitution_offsets_are_in_the_outer_text()
    {
        const string text = "x=$(curl a)";
        var curl = ShellScript.Parse(text).AllCommands.Single(c => c.ProgramName == "curl");
        text.Substring(curl.Start, curl.End - curl.Start).Should().Be("curl a");
    }

    [Fact]
    public void Process_substitution_is_one_word_with_a_script()
    {
        var command = ShellScript.Parse("bash <(curl -s https://x)").Commands.Single();
        command.Words.Should().HaveCount(2);
        command.Words[1].Substitutions.Single().Commands.Single().ProgramName.Should().Be("curl");
    }

    [Fact]
    public void Comments_start_only_at_a_word()
    {
        Words("echo a#b # comment && rm x\nls").Should().BeEquivalentTo(new[] { new[] { "echo", "a#b" }, new[] { "ls" } }, o => o.WithStrictOrdering());
    }

    [Fact]
    public void Line_continuations_join_words_and_commands()
    {
        Words("apt-get install \\\n  curl \\\r\n  && rm x").Should().BeEquivalentTo(new[] { new[] { "apt-get", "install", "curl" }, new[] { "rm", "x" } }, o => o.WithStrictOrdering());
    }

    [Fact]
    public void Redirections_are_kept_apart_from_words()
    {
        var command = ShellScript.Parse("curl -o x url 2>&1 >/dev/null &>> log").Commands.Single();
        command.Words.Select(w => w.Value).Should().Equal("curl", "-o", "x", "url");
        command.Redirections.Select(r => (r.Operator, r.Target?.Value)).Should().Equal((">&", "1"), (">", "/dev/null"), ("&>>", "log"));
        command.Following.Should().Be(ShellOperator.End);
    }

    [Fact]
    public void Here_document_bodies_are_not_commands()
    {
        var script = ShellScript.Parse("cat <<'EOF' > /etc/x\ncurl x | sh\nEOF\nls\n\tcat <<-END\n\trm -rf /\n\tEND\necho done");
        script.Commands.Select(c => c.ProgramName).Should().Equal("cat", "ls", "cat", "echo");
    }

    [Fact]
    public void Program_skips_assignments_reserved_words_and_wrappers()
    {
        ShellScript.Parse("DEBIAN_FRONTEND=noninteractive sudo -E -u root env A=1 apt-get install x").Commands.Single().ProgramName.Should().Be("apt-get");
        ShellScript.Parse("if ! /usr/bin/curl x; then exit 1; fi").Commands[0].ProgramName.Should().Be("curl");
        ShellScript.Parse("{ nohup exec node x; }").Commands[0].ProgramName.Should().Be("node");
        var sudo = ShellScript.Parse("sudo -i").Commands.Single();
        sudo.ProgramIndex.Should().Be(-1);
        sudo.WrapperWords.Select(w => w.Value).Should().Equal("sudo");
    }

    [Fact]
    public void Subshells_and_pipelines_split_into_commands()
    {
        var script = ShellScript.Parse("(cd /x && make) | tee log");
        script.Commands.Select(c => c.ProgramName).Should().Equal("cd", "make", "tee");
        ShellScript.Parse("a | b | c && d").Pipelines.Select(p => p.Count).Should().Equal(3, 1);
    }

    [Fact]
    public void Parameter_expansions_and_arithmetic_stay_in_one_word()
    {
        Words("echo ${A:-x y} $((1 + (2))) $'a\\'b' c").Should().BeEquivalentTo(
            new[] { new[] { "echo", "${A:-x y}", "$((1 + (2)))", "$'a\\'b'", "c" } }, o => o.WithStrictOrdering());
    }

    [Theory]
    [InlineData("a &>(b)")]
    [InlineData("&>(")]
    [InlineData("$(`")]
    public void Malformed_operators_end_the_parse(string text)
    {
        ShellScript.Parse(text).AllCommands.Should().OnlyContain(c => c.End <= text.Length);
    }

    [Fact]
    public void Any_text_parses_with_words_inside_the_text_in_order()
    {
        Gen.String[Gen.Char["ab $(){}'\"`\\|&;<>#\n\r\t=-"], 0, 60].Sample(text =>
        {
            var script = ShellScript.Parse(text);
            int previousEnd = 0;
            foreach (var word in script.Commands.SelectMany(c => c.Words))
            {
                word.Start.Should().BeGreaterThanOrEqualTo(previousEnd);
                word.End.Should().BeLessThanOrEqualTo(text.Length).And.BeGreaterThan(word.Start);
                text.Substring(word.Start, word.End - word.Start).Should().Be(word.Text);
                previousEnd = word.End;
            }
            foreach (var command in script.AllCommands)
                command.End.Should().BeLessThanOrEqualTo(text.Length);
        }, iter: 5000);
    }
}
