using System.Text;
using System.Text.Json;
using ApiSentinel.Sensor.Extraction;

namespace ApiSentinel.Sensor.Tests.Extraction.Adversarial;

/// <summary>Issue 6, item 1: object keys and form names are data as often as they are names.</summary>
public class JsonKeyTests
{
    public static TheoryData<int> Seeds => [1, 2, 3, 42, 2026];

    /// <summary>Every char as \uXXXX: the key must be read decoded, not as its escaped text.</summary>
    private static string FullyEscaped(string s) =>
        "\"" + string.Concat(s.Select(c => $"\\u{(int)c:x4}")) + "\"";

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Keys_holding_sensitive_data_become_placeholders_counted_as_their_type(int seed)
    {
        var g = new Planted(seed);
        for (var round = 0; round < 30; round++)
        {
            var harness = new ExtractorHarness();
            var planted = new List<string>();
            var types = new HashSet<string>();
            var members = new List<string>();
            for (var i = g.Random.Next(1, 6); i > 0; i--)
            {
                var (value, type) = g.AnySensitive();
                planted.Add(value);
                types.Add(type);
                var key = round % 3 == 0 ? FullyEscaped(value) : JsonSerializer.Serialize(value);
                members.Add($"{key}:{{\"name\":\"x\",\"since\":2020}}");
            }
            var record = harness.Respond($"{{\"members\":{{{string.Join(',', members)}}},\"total\":{members.Count}}}");

            Assert.Contains(new FieldShape("$.members.{key}", ValueKind.Object), record.ResponseFields);
            Assert.Contains(new FieldShape("$.members.{key}.name", ValueKind.String), record.ResponseFields);
            Assert.Contains(new FieldShape("$.total", ValueKind.Integer), record.ResponseFields);
            foreach (var type in types)
            {
                Assert.Contains(record.Sensitive, s => s.Type == type && s.Location == "response.body.$.members.{key}");
            }
            Assert.Equal(members.Count, record.Sensitive.Where(s => s.Location == "response.body.$.members.{key}").Sum(s => s.Count));
            Assert.Equal(members.Count, harness.Counters.DataKeys);
            PlantedValues.AssertAbsent(record, planted);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Maps_keyed_by_ids_or_tokens_collapse_to_one_path(int seed)
    {
        var g = new Planted(seed);
        var planted = new List<string>();
        var entries = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            var key = i % 2 == 0 ? g.Identifier() : g.RandomToken();
            planted.Add(key);
            entries.Add($"{JsonSerializer.Serialize(key)}:{{\"id\":{i},\"tags\":[\"a\"]}}");
        }
        var record = new ExtractorHarness().Respond($"{{\"byId\":{{{string.Join(',', entries)}}}}}");

        Assert.Equal(
            ["$.byId:object", "$.byId.{key}:object", "$.byId.{key}.id:integer", "$.byId.{key}.tags:array", "$.byId.{key}.tags[*]:string"],
            record.ResponseFields.Select(f => $"{f.Name}:{f.Kind}"));
        Assert.Empty(record.Sensitive);
        PlantedValues.AssertAbsent(record, planted.Where(p => p.Length >= 8));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Plain_names_stay_names_in_every_spelling(int seed)
    {
        var g = new Planted(seed);
        string[] words = ["user", "account", "billing", "address", "line", "created", "at", "display", "name", "total",
            "amount", "currency", "status", "updated", "order", "items", "shipping", "method", "first", "last", "zip", "code"];
        for (var round = 0; round < 50; round++)
        {
            var parts = Enumerable.Range(0, g.Random.Next(1, 5)).Select(_ => g.Pick(words)).ToArray();
            var name = g.Random.Next(4) switch
            {
                0 => string.Join('_', parts),
                1 => string.Join('-', parts),
                2 => parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..])),
                _ => string.Concat(parts.Select(p => char.ToUpperInvariant(p[0]) + p[1..])) + (g.Random.Next(3) == 0 ? "2" : ""),
            };
            var record = new ExtractorHarness().Respond($"{{\"{name}\":{{\"{name}\":1}}}}");
            Assert.Contains(new FieldShape($"$.{name}.{name}", ValueKind.Integer), record.ResponseFields);
        }
    }

    [Fact]
    public void Values_under_a_data_key_are_still_scanned_without_the_key_as_context()
    {
        var g = new Planted(7);
        var card = g.Card();
        var record = new ExtractorHarness().Respond($"{{\"cards\":{{\"alice@example.org\":\"{card}\",\"123-45-6789x\":\"ok\"}}}}");
        Assert.Contains(record.Sensitive, s => s.Type == "email" && s.Location == "response.body.$.cards.{key}");
        Assert.Contains(record.Sensitive, s => s.Type == "credit-card" && s.Location == "response.body.$.cards.{key}");
        PlantedValues.AssertAbsent(record, ["alice@example.org", card]);
    }

    [Fact]
    public void Long_keys_are_screened_too_and_never_echoed()
    {
        var g = new Planted(9);
        var card = g.Card();
        var longKey = new string('a', 300) + " " + card;
        var longName = string.Concat(Enumerable.Repeat("name", 50));
        var record = new ExtractorHarness().Respond($"{{\"{longKey}\":1,\"{longName}\":2}}");
        Assert.Contains(record.Sensitive, s => s.Type == "credit-card" && s.Location == "response.body.$.{key}");
        Assert.Contains(new FieldShape("$.{long}", ValueKind.Integer), record.ResponseFields);
        PlantedValues.AssertAbsent(record, [card]);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Form_field_names_holding_data_are_placeholders_with_their_type(int seed)
    {
        var g = new Planted(seed);
        for (var round = 0; round < 20; round++)
        {
            var harness = new ExtractorHarness();
            var (value, type) = g.AnySensitive();
            var secret = g.RandomToken();
            var request = TestMessages.Request("POST", "/form", ("Content-Type", "application/x-www-form-urlencoded"));
            TestMessages.SetBody(request, $"{Uri.EscapeDataString(value)}=1&password={secret}&{g.RandomToken()}=2");
            var record = harness.Extract(request);
            Assert.Contains(record.Sensitive, s => s.Type == type && s.Location == "request.body.{key}");
            Assert.Contains(record.Sensitive, s => s.Type == "password" && s.Location == "request.body.password");
            Assert.Equal(2, harness.Counters.DataKeys);
            PlantedValues.AssertAbsent(record, [value, secret]);
        }
    }

    [Fact]
    public void A_body_of_unique_data_keys_costs_no_remembered_state()
    {
        // Data keys are never remembered: the same extractor screens 5,000 distinct e-mail keys, and a plain
        // name seen afterwards is still recognised (the bounded name set was not filled by data).
        var harness = new ExtractorHarness();
        var g = new Planted(11);
        var body = new StringBuilder("{");
        for (var i = 0; i < 5000; i++)
        {
            body.Append(i == 0 ? "" : ",").Append('"').Append(g.Email()).Append("\":1");
        }
        body.Append('}');
        harness.Respond(body.ToString());
        var record = harness.Respond("{\"displayName\":\"x\"}");
        Assert.Equal([new FieldShape("$.displayName", ValueKind.String)], record.ResponseFields);
    }
}
