using System.Text.Json.Nodes;
using ApiSentinel.FakeApiServer.Tables;

namespace ApiSentinel.FakeApiServer.Tests.Kubectl;

public sealed class JsonPathTests
{
    private static readonly JsonNode Document = JsonNode.Parse("""
        {
          "metadata": { "name": "w1", "labels": { "apisentinel.io/risk": "high", "app": "shop" } },
          "status": {
            "risk": { "score": 87, "factors": [ { "name": "auth", "weight": 3 }, { "name": "pii", "weight": 5 } ] },
            "schemes": [ "bearer", "basic" ],
            "empty": null,
            "conditions": [
              { "type": "Ready", "status": "True", "reason": "Synced", "observedGeneration": 3 },
              { "type": "Degraded", "status": "False" }
            ]
          }
        }
        """)!;

    [Theory]
    [InlineData(".metadata.name", "\"w1\"")]
    [InlineData("metadata.name", "\"w1\"")]
    [InlineData("{.metadata.name}", "\"w1\"")]
    [InlineData("$.status.risk.score", "87")]
    [InlineData(".metadata.labels['apisentinel.io/risk']", "\"high\"")]
    [InlineData(".metadata.labels[\"apisentinel.io/risk\"]", "\"high\"")]
    [InlineData(".metadata.labels.apisentinel\\.io/risk", "\"high\"")]
    [InlineData(".status.schemes[0]", "\"bearer\"")]
    [InlineData(".status.schemes[-1]", "\"basic\"")]
    [InlineData(".status.schemes[*]", "\"bearer\",\"basic\"")]
    [InlineData(".status.risk.factors[*].name", "\"auth\",\"pii\"")]
    [InlineData(".status.risk.factors[1].weight", "5")]
    [InlineData(".metadata.labels.*", "\"high\",\"shop\"")]
    [InlineData(".status.conditions[?(@.type==\"Ready\")].status", "\"True\"")]
    [InlineData(".status.conditions[?(@.type == 'Degraded')].status", "\"False\"")]
    [InlineData(".status.conditions[?(@.type!=\"Ready\")].type", "\"Degraded\"")]
    [InlineData(".status.conditions[?(@.observedGeneration==3)].type", "\"Ready\"")]
    [InlineData(".status.conditions[?(@.reason)].reason", "\"Synced\"")]
    [InlineData(".status.conditions[?(@.type==\"Gone\")].status", "")]
    [InlineData(".status.schemes[2]", "")]
    [InlineData(".status.missing.deeper", "")]
    [InlineData(".status.empty", "")]
    [InlineData(".metadata.name.length", "")]
    public void Evaluate_reaches_the_values_a_printer_column_names(string path, string expected)
    {
        Assert.True(JsonPath.TryParse(path, out var parsed));
        Assert.Equal(expected, string.Join(',', parsed.Evaluate(Document).Select(n => n.ToJsonString())));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(".status[")]
    [InlineData(".status[abc]")]
    [InlineData(".status['open]")]
    [InlineData(".status.")]
    [InlineData(".status[?(x == 1)]")]
    [InlineData(".status[?(@.x == what)]")]
    [InlineData(".status[?(@.x > 1)]")]
    public void TryParse_refuses_what_it_cannot_evaluate(string path)
    {
        Assert.False(JsonPath.TryParse(path, out _));
    }
}
