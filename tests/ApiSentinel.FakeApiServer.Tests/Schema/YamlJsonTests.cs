using System.Text.Json.Nodes;
using ApiSentinel.FakeApiServer.Schema;
using YamlDotNet.Core;

namespace ApiSentinel.FakeApiServer.Tests.Schema;

/// <summary>YAML 1.2 core-schema scalars, as kubectl and the API server read manifests.</summary>
public sealed class YamlJsonTests
{
    [Theory]
    [InlineData("a: 42", "{\"a\":42}")]
    [InlineData("a: -7", "{\"a\":-7}")]
    [InlineData("a: 0x1F", "{\"a\":31}")]
    [InlineData("a: 0o17", "{\"a\":15}")]
    [InlineData("a: 1.5", "{\"a\":1.5}")]
    [InlineData("a: 1e3", "{\"a\":1000}")]
    [InlineData("a: true", "{\"a\":true}")]
    [InlineData("a: False", "{\"a\":false}")]
    [InlineData("a: null", "{\"a\":null}")]
    [InlineData("a: ~", "{\"a\":null}")]
    [InlineData("a:", "{\"a\":null}")]
    [InlineData("a: '42'", "{\"a\":\"42\"}")]
    [InlineData("a: \"true\"", "{\"a\":\"true\"}")]
    [InlineData("a: !!str 42", "{\"a\":\"42\"}")]
    [InlineData("a: yes", "{\"a\":\"yes\"}")]
    [InlineData("a: 012a", "{\"a\":\"012a\"}")]
    [InlineData("a: 1.2.3", "{\"a\":\"1.2.3\"}")]
    [InlineData("a: |\n  line1\n  line2\n", "{\"a\":\"line1\\nline2\\n\"}")]
    [InlineData("a: [1, b, {c: d}]", "{\"a\":[1,\"b\",{\"c\":\"d\"}]}")]
    [InlineData("a: &x {b: 1}\nc: *x", "{\"a\":{\"b\":1},\"c\":{\"b\":1}}")]
    [InlineData("a: 18446744073709551615", "{\"a\":18446744073709551615}")]
    public void Scalars_follow_the_core_schema(string yaml, string json) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), YamlJson.Parse(yaml)), YamlJson.Parse(yaml)?.ToJsonString());

    [Fact]
    public void Multi_document_streams_give_every_document()
    {
        var docs = YamlJson.ParseAll("a: 1\n---\nb: 2\n---\n");

        Assert.Equal(2, docs.Count(d => d is not null));
        Assert.Equal(2, (int)docs[1]!["b"]!);
    }

    [Fact]
    public void Json_reads_as_json_does()
    {
        const string Json = """{"a": [1, -2.5, "3", true, null, {"b": "\u00e9\n"}], "big": 9007199254740993, "s": "x: y"}""";

        var node = YamlJson.Parse(Json);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Json), node), node?.ToJsonString());
        Assert.Equal(1, node!["a"]![0]!.GetValue<int>());
        Assert.Equal(9007199254740993L, node["big"]!.GetValue<long>());
    }

    [Fact]
    public void Empty_text_is_no_document() => Assert.Null(YamlJson.Parse(""));

    [Theory]
    [InlineData("a: 1\na: 2")]
    [InlineData("a: [1, 2")]
    [InlineData("a: .inf")]
    public void Bad_yaml_is_a_yaml_exception(string yaml) => Assert.ThrowsAny<YamlException>(() => YamlJson.Parse(yaml));
}
