using OpsTower.Policy.Formats.Compose;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Tests.Formats.Compose;

public sealed class ComposeParserTests
{
    private static ComposeFile Parse(string text) => ComposeParser.Parse(new SourceFile("docker-compose.yml", text));

    [Fact]
    public void Environment_lists_and_mappings_give_names_values_and_value_spans()
    {
        var file = Parse("services:\n  a:\n    image: x:1\n    environment:\n      - KEY=value\n      - FROM_SHELL\n  b:\n    image: y:1\n    environment:\n      OTHER: \"quoted\"\n      EMPTY:\n");
        var a = file.Services[0].Environment;
        a.Select(v => (v.Name, v.Value)).Should().Equal(("KEY", "value"), ("FROM_SHELL", null));
        file.File.GetText(a[0].ValueSpan).Should().Be("value");
        file.File.GetText(a[0].ValuePartSpan(1, 3)).Should().Be("alu");
        var b = file.Services[1].Environment;
        b.Select(v => (v.Name, v.Value)).Should().Equal(("OTHER", "quoted"), ("EMPTY", null));
        file.File.GetText(b[0].ValuePartSpan(0, 6)).Should().Be("quoted");
    }

    [Theory]
    [InlineData("\"5432:5432\"", null, "5432", "5432")]
    [InlineData("\"127.0.0.1:5432:5432\"", "127.0.0.1", "5432", "5432")]
    [InlineData("\"[::1]:5432:5432/tcp\"", "::1", "5432", "5432")]
    [InlineData("\"3000\"", null, null, "3000")]
    [InlineData("\"8000-8010:8000-8010\"", null, "8000-8010", "8000-8010")]
    public void Short_port_syntax_is_split(string text, string? hostIp, string? published, string target)
    {
        var port = Parse($"services:\n  db:\n    image: postgres:14\n    ports:\n      - {text}\n").Services[0].Ports.Single();
        (port.HostIp, port.Published, port.Target).Should().Be((hostIp, published, target));
    }

    [Fact]
    public void Long_port_and_volume_syntax_are_read()
    {
        var service = Parse("services:\n  db:\n    image: postgres:14\n    ports:\n      - target: 5432\n        published: 5433\n        host_ip: 127.0.0.1\n    volumes:\n      - type: bind\n        source: ./data\n        target: /data\n      - ./conf:/etc/conf:ro\n      - /anonymous\n").Services[0];
        service.Ports.Single().Should().Be(new ComposePort("127.0.0.1", "5433", "5432", service.Ports[0].Span));
        service.Volumes.Select(v => (v.Source, v.Target)).Should().Equal(("./data", "/data"), ("./conf", "/etc/conf"), (null, "/anonymous"));
    }

    [Fact]
    public void Services_come_from_every_document_with_a_services_mapping()
    {
        var file = Parse("version: '3.8'\nservices:\n  web:\n    build: .\n  cache:\n    image: redis:7\nvolumes:\n  data:\n");
        file.Services.Select(s => (s.Name, s.HasBuild, s.Image?.Value)).Should().Equal(("web", true, null), ("cache", false, "redis:7"));
    }
}
