using System.Linq;
using OpsTower.Policy.Engine;
using OpsTower.Policy.Policies;
using OpsTower.Policy.Rules.Dockerfile;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Tests.Rules.Dockerfile;

/// <summary>What fixtures cannot show: a team's policy changing a rule's parameters changes what it reports.</summary>
public sealed class DockerfileRuleParameterTests
{
    private static string[] Findings(string ruleId, string dockerfile, string? policyRules = null)
    {
        var policy = policyRules is null
            ? PolicyPack.Baseline
            : PolicyPack.Baseline.Overlay(PolicyPack.Parse("name: team\nrules:\n" + policyRules, "team.yaml"));
        var analysis = new PolicyEngine(policy).AnalyzeFile(new SourceFile("app/Dockerfile", dockerfile));
        analysis.Notifications.Where(n => n.RuleId == ruleId).Should().BeEmpty();
        return analysis.Findings.Where(f => f.RuleId == ruleId).Select(f => $"{f.Position.Start.Line}: {f.Message}").ToArray();
    }

    [Fact]
    public void OTP1001_accepts_base_images_the_policy_lists_as_non_root()
    {
        const string dockerfile = "FROM cgr.dev/chainguard/node:latest\nCMD [\"index.js\"]\n";
        Findings("OTP1001", dockerfile).Should().ContainSingle();
        Findings("OTP1001", dockerfile, "  OTP1001:\n    parameters:\n      non_root_base_images: [\"cgr.dev/chainguard/*\"]\n").Should().BeEmpty();
    }

    [Fact]
    public void OTP1002_reports_the_moving_tags_the_policy_names()
    {
        const string dockerfile = "FROM node:lts\nFROM node:20\n";
        Findings("OTP1002", dockerfile).Should().BeEmpty();
        Findings("OTP1002", dockerfile, "  OTP1002:\n    parameters:\n      moving_tags: [latest, lts, current]\n")
            .Should().Equal("1: Base image 'node:lts' uses the moving tag 'lts': pin a version tag.");
    }

    [Fact]
    public void OTP1007_uses_the_policy_name_patterns()
    {
        const string dockerfile = "FROM alpine:3.19\nENV DATABASE_DSN=postgres://u:p@db/app\n";
        Findings("OTP1007", dockerfile).Should().BeEmpty();
        Findings("OTP1007", dockerfile, "  OTP1007:\n    parameters:\n      sensitive_name_patterns: [DSN]\n")
            .Should().ContainSingle().Which.Should().Contain("DATABASE_DSN").And.NotContain("postgres://");
    }

    [Fact]
    public void OTP1008_uses_the_policy_downloaders_and_interpreters()
    {
        const string dockerfile = "FROM alpine:3.19\nRUN fetch https://x/i.sh | sh\nRUN curl https://x/i.pl | perl\n";
        Findings("OTP1008", dockerfile).Should().ContainSingle().Which.Should().StartWith("3:");
        Findings("OTP1008", dockerfile, "  OTP1008:\n    parameters:\n      downloaders: [fetch]\n      interpreters: [sh]\n")
            .Should().ContainSingle().Which.Should().StartWith("2:");
    }

    [Fact]
    public void OTP1008_accepts_a_download_checked_by_a_policy_verifier()
    {
        const string dockerfile = "FROM alpine:3.19\nRUN curl -o /tmp/i.sh https://x/i.sh && minisign -Vm /tmp/i.sh && sh /tmp/i.sh\n";
        Findings("OTP1008", dockerfile).Should().BeEmpty();
        Findings("OTP1008", dockerfile, "  OTP1008:\n    parameters:\n      verifiers: [sha256sum]\n")
            .Should().ContainSingle().Which.Should().Contain("runs /tmp/i.sh, downloaded by curl");
    }

    [Fact]
    public void OTP1017_checks_only_the_posix_shells_the_policy_lists()
    {
        const string dockerfile = "FROM alpine:3.19\nSHELL [\"/bin/ash\", \"-c\"]\nRUN apk info | sort\n";
        Findings("OTP1017", dockerfile).Should().ContainSingle().Which.Should().Contain("the shell is /bin/ash");
        Findings("OTP1017", dockerfile, "  OTP1017:\n    parameters:\n      posix_shells: [sh, bash]\n").Should().BeEmpty();
    }

    [Fact]
    public void OTP1020_checks_only_the_package_managers_the_policy_lists()
    {
        const string dockerfile = "FROM python:3.12-alpine\nRUN apk add --no-cache curl\nRUN pip install flask\n";
        Findings("OTP1020", dockerfile).Should().HaveCount(2);
        Findings("OTP1020", dockerfile, "  OTP1020:\n    parameters:\n      package_managers: [pip]\n")
            .Should().Equal("3: pip installs 'flask' without a version: pin it (flask==<version>).");
    }

    [Fact]
    public void OTP1009_checks_only_the_package_managers_the_policy_lists()
    {
        const string dockerfile = "FROM debian:12-slim\nRUN apt-get update && apt-get install -y curl\nRUN pip install flask\n";
        Findings("OTP1009", dockerfile).Should().HaveCount(2);
        Findings("OTP1009", dockerfile, "  OTP1009:\n    parameters:\n      package_managers: [pip]\n")
            .Should().ContainSingle().Which.Should().StartWith("3:");
    }

    [Fact]
    public void OTP1010_uses_the_policy_port_limit()
    {
        const string dockerfile = "FROM alpine:3.19\nUSER app\nEXPOSE 2000\n";
        Findings("OTP1010", dockerfile).Should().BeEmpty();
        Findings("OTP1010", dockerfile, "  OTP1010:\n    parameters:\n      privileged_port_limit: \"4096\"\n").Should().ContainSingle();
    }

    [Fact]
    public void OTP1011_accepts_the_init_programs_the_policy_lists()
    {
        const string dockerfile = "FROM alpine:3.19\nENTRYPOINT [\"/usr/bin/my-init\"]\nCMD serve --port 80\n";
        Findings("OTP1011", dockerfile).Should().ContainSingle();
        Findings("OTP1011", dockerfile, "  OTP1011:\n    parameters:\n      init_programs: [my-init]\n").Should().BeEmpty();
    }

    [Fact]
    public void OTP1016_rejects_a_policy_port_that_is_not_a_number()
    {
        var policy = PolicyPack.Baseline.Overlay(PolicyPack.Parse("name: team\nrules:\n  OTP1016:\n    parameters:\n      remote_access_ports: [ssh]\n", "team.yaml"));
        var analysis = new PolicyEngine(policy).AnalyzeFile(new SourceFile("Dockerfile", "FROM alpine:3.19\nEXPOSE 22\n"));
        analysis.Notifications.Should().ContainSingle(n => n.RuleId == "OTP1016").Which.Message.Should().Contain("'ssh'");
    }

    [Theory]
    [InlineData("777", true)]
    [InlineData("0666", true)]
    [InlineData("o+w", true)]
    [InlineData("u+x,a+w", true)]
    [InlineData("go=rwx", true)]
    [InlineData("755", false)]
    [InlineData("1777", false)]
    [InlineData("+t,o+w", false)]
    [InlineData("o-w", false)]
    [InlineData("+w", false)]
    [InlineData("u+rwX,go+rX", false)]
    public void OTP1015_knows_world_writable_modes(string mode, bool worldWritable)
    {
        WorldWritablePermissionsRule.IsWorldWritable(mode).Should().Be(worldWritable);
    }
}
