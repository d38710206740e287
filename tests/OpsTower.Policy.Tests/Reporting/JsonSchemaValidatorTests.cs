using System;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpsTower.Policy.Reporting.Sarif;
using OpsTower.Policy.Tests.Testing;
using Xunit.Abstractions;

namespace OpsTower.Policy.Tests.Reporting;

public class JsonSchemaValidatorTests
{
    private readonly ITestOutputHelper _output;

    public JsonSchemaValidatorTests(ITestOutputHelper output) => _output = output;

    private static JsonSchemaValidator Schema(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return new JsonSchemaValidator(document.RootElement);
    }

    [Theory]
    [InlineData("""{ "type": "integer" }""", "3", true)]
    [InlineData("""{ "type": "integer" }""", "3.5", false)]
    [InlineData("""{ "type": [ "array", "null" ] }""", "null", true)]
    [InlineData("""{ "type": [ "array", "null" ] }""", "{}", false)]
    [InlineData("""{ "enum": [ "a", 1 ] }""", "1.0", true)]
    [InlineData("""{ "enum": [ "a", 1 ] }""", "\"b\"", false)]
    [InlineData("""{ "const": { "a": [1] } }""", """{ "a": [1] }""", true)]
    [InlineData("""{ "required": [ "a" ] }""", """{ "b": 1 }""", false)]
    [InlineData("""{ "properties": { "a": { "type": "string" } } }""", """{ "a": 1 }""", false)]
    [InlineData("""{ "properties": { "a": {} }, "additionalProperties": false }""", """{ "a": 1, "b": 2 }""", false)]
    [InlineData("""{ "properties": { "a": {} }, "additionalProperties": { "type": "integer" } }""", """{ "a": "x", "b": 2 }""", true)]
    [InlineData("""{ "patternProperties": { "^x-": { "type": "string" } }, "additionalProperties": false }""", """{ "x-a": "s" }""", true)]
    [InlineData("""{ "patternProperties": { "^x-": { "type": "string" } } }""", """{ "x-a": 1 }""", false)]
    [InlineData("""{ "items": { "minimum": 0 }, "minItems": 1, "maxItems": 2 }""", "[0, 1]", true)]
    [InlineData("""{ "items": { "minimum": 0 } }""", "[0, -1]", false)]
    [InlineData("""{ "minItems": 1 }""", "[]", false)]
    [InlineData("""{ "maxItems": 1 }""", "[1, 2]", false)]
    [InlineData("""{ "uniqueItems": true }""", """[ { "a": 1, "b": 2 }, { "b": 2, "a": 1 } ]""", false)]
    [InlineData("""{ "uniqueItems": true }""", "[ 1, \"1\" ]", true)]
    [InlineData("""{ "maximum": 100.0 }""", "100.5", false)]
    [InlineData("""{ "minLength": 2, "maxLength": 3 }""", "\"😀😀\"", true)]
    [InlineData("""{ "maxLength": 1 }""", "\"ab\"", false)]
    [InlineData("""{ "pattern": "[^/]+/.+" }""", "\"text/plain\"", true)]
    [InlineData("""{ "pattern": "[^/]+/.+" }""", "\"plain\"", false)]
    [InlineData("""{ "format": "uri" }""", "\"file:///work/a%20b/\"", true)]
    [InlineData("""{ "format": "uri" }""", "\"relative/path\"", false)]
    [InlineData("""{ "format": "uri-reference" }""", "\"a b\"", false)]
    [InlineData("""{ "format": "uri-reference" }""", "\"a%2\"", false)]
    [InlineData("""{ "format": "date-time" }""", "\"2024-05-01T10:00:00.5Z\"", true)]
    [InlineData("""{ "format": "date-time" }""", "\"yesterday\"", false)]
    [InlineData("""{ "anyOf": [ { "required": [ "a" ] }, { "required": [ "b" ] } ] }""", """{ "b": 1 }""", true)]
    [InlineData("""{ "anyOf": [ { "required": [ "a" ] }, { "required": [ "b" ] } ] }""", "{}", false)]
    [InlineData("""{ "oneOf": [ { "required": [ "a" ] }, { "required": [ "b" ] } ] }""", """{ "a": 1, "b": 1 }""", false)]
    [InlineData("""{ "allOf": [ { "minimum": 1 }, { "maximum": 2 } ] }""", "3", false)]
    [InlineData("""{ "not": { "type": "string" } }""", "\"s\"", false)]
    [InlineData("""{ "definitions": { "n": { "type": "number" } }, "properties": { "a": { "$ref": "#/definitions/n", "type": "string" } } }""", """{ "a": 1 }""", true)]
    [InlineData("""{ "definitions": { "n": { "type": "number" } }, "properties": { "a": { "$ref": "#/definitions/n" } } }""", """{ "a": "x" }""", false)]
    [InlineData("""{ "properties": { "next": { "$ref": "#" } }, "required": [ "v" ] }""", """{ "v": 1, "next": { "v": 2, "next": {} } }""", false)]
    public void Applies_each_keyword(string schema, string instance, bool valid)
    {
        Schema(schema).Validate(instance).Should().HaveCount(valid ? 0 : 1, "{0} against {1}", instance, schema);
    }

    [Fact]
    public void Errors_say_where_the_value_is()
    {
        Schema("""{ "properties": { "a/b": { "items": { "type": "string" } } } }""").Validate("""{ "a/b": [ "x", 2 ] }""")
            .Should().ContainSingle().Which.Should().StartWith("/a~1b/1: expected string");
    }

    [Theory]
    [InlineData("""{ "dependencies": { "a": [ "b" ] } }""")]
    [InlineData("""{ "$ref": "other.json#/x" }""")]
    [InlineData("""{ "items": [ { "type": "string" } ] }""")]
    public void Refuses_what_it_cannot_check(string schema)
    {
        Action validate = () => Schema(schema).Validate("""{ "a": 1 }""");

        validate.Should().Throw<NotSupportedException>();
    }

    private static string ValidSarif() => SarifWriter.ToJson(ReportingTestData.Realistic(), new SarifOptions("1.2.3") { Category = "opstower" });

    public static TheoryData<string, Action<JsonNode>, string> BrokenSarif => new()
    {
        { "missing version", log => log.AsObject().Remove("version"), "required property 'version'" },
        { "wrong version", log => log["version"] = "2.0.0", "is not one of" },
        { "wrong result level", log => log["runs"]![0]!["results"]![0]!["level"] = "critical", "/runs/0/results/0/level" },
        { "negative start line", log => log["runs"]![0]!["results"]![0]!["locations"]![0]!["physicalLocation"]!["region"]!["startLine"] = -1, "less than the minimum" },
        { "duplicate tags", log => log["runs"]![0]!["tool"]!["driver"]!["rules"]![0]!["properties"]!["tags"]!.AsArray().Add("security"), "must be unique" },
        { "unknown property", log => log["runs"]![0]!["results"]![0]!["severity"] = "high", "property 'severity' is not allowed" },
        { "message without text", log => log["runs"]![0]!["results"]![0]!["message"]!.AsObject().Remove("text"), "anyOf" },
        { "string line", log => log["runs"]![0]!["results"]![0]!["locations"]![0]!["physicalLocation"]!["region"]!["startLine"] = "5", "expected integer" },
    };

    [Theory]
    [MemberData(nameof(BrokenSarif))]
    public void The_sarif_schema_rejects_a_broken_log(string what, Action<JsonNode> breakIt, string expectedError)
    {
        JsonSchemaValidator? validator = SarifSchema.Validator;
        if (validator is null)
        {
            _output.WriteLine($"SKIPPED ({what}): the official SARIF schema was not found beside the repository.");
            return;
        }
        JsonNode log = JsonNode.Parse(ValidSarif())!;
        validator.Validate(log.ToJsonString()).Should().BeEmpty("the unbroken log is valid");

        breakIt(log);

        validator.Validate(log.ToJsonString()).Should().Contain(e => e.Contains(expectedError), what);
    }
}
