using System.Text.Json.Nodes;
using ApiSentinel.FakeApiServer.Tables;
using Microsoft.Extensions.Time.Testing;

namespace ApiSentinel.FakeApiServer.Tests.Kubectl;

public sealed class TableConverterTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json", true)]
    [InlineData("application/json;as=Table;v=v1beta1;g=meta.k8s.io", true)]
    [InlineData("application/json; as=Table; g=meta.k8s.io; v=v1", true)]
    [InlineData("application/json", false)]
    [InlineData("application/json;as=Table;v=v2;g=meta.k8s.io", false)]
    [InlineData("application/json;as=Table;v=v1;g=example.com", false)]
    [InlineData("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Wants_recognises_the_meta_table_media_types(string? accept, bool wanted)
    {
        Assert.Equal(wanted, TableConverter.Wants(accept));
    }

    [Fact]
    public void Columns_are_Name_then_the_printer_columns_with_their_types_and_priorities()
    {
        var table = TableConverter.ToTable(TestKinds.Widget(), [], null, "7", null, new FakeTimeProvider(Now));

        Assert.Equal("Table", (string?)table["kind"]);
        Assert.Equal("meta.k8s.io/v1", (string?)table["apiVersion"]);
        var columns = table["columnDefinitions"]!.AsArray();
        Assert.Equal(["Name", "Color", "Score", "Level", "Ratio", "Active", "Tags", "Last Seen", "Age"], columns.Select(c => (string?)c!["name"]));
        Assert.Equal("name", (string?)columns[0]!["format"]);
        Assert.Equal(["string", "string", "integer", "string", "number", "boolean", "string", "date", "date"], columns.Select(c => (string?)c!["type"]));
        Assert.Equal([0L, 0, 0, 1, 1, 1, 1, 0, 0], columns.Select(c => (long)c!["priority"]!));
        Assert.Equal("The widget's colour.", (string?)columns[1]!["description"]);
        Assert.Equal("Custom resource definition column (in JSONPath format): .status.risk.score", (string?)columns[2]!["description"]);
        Assert.Empty(table["rows"]!.AsArray());
        Assert.Equal("7", (string?)table["metadata"]!["resourceVersion"]);
    }

    [Fact]
    public void A_kind_without_printer_columns_gets_Name_and_Age()
    {
        var table = TableConverter.ToTable(TestKinds.ConfigMap, [ConfigMap("settings", Now.AddMinutes(-5))], null, "3", null, new FakeTimeProvider(Now));

        Assert.Equal(["Name", "Age"], table["columnDefinitions"]!.AsArray().Select(c => (string?)c!["name"]));
        Assert.Equal(["settings", "5m"], table["rows"]![0]!["cells"]!.AsArray().Select(c => (string?)c));
    }

    [Fact]
    public void Cells_are_typed_and_read_by_path_with_missing_values_null()
    {
        var full = Widget("w1", Now.AddHours(-3), score: 87, level: "high", ratio: 0.25, active: true, tags: ["a", "b"], lastSeen: Now.AddSeconds(-42));
        var bare = Widget("w2", Now.AddDays(-9));

        var table = TableConverter.ToTable(TestKinds.Widget(), [full, bare], null, "9", null, new FakeTimeProvider(Now));

        var first = table["rows"]![0]!["cells"]!.AsArray();
        Assert.Equal("w1", (string?)first[0]);
        Assert.Equal("red", (string?)first[1]);
        Assert.Equal(87L, (long)first[2]!);
        Assert.Equal("high", (string?)first[3]);
        Assert.Equal(0.25, (double)first[4]!);
        Assert.True((bool)first[5]!);
        Assert.Equal("a,b", (string?)first[6]);
        Assert.Equal("42s", (string?)first[7]);
        Assert.Equal("3h", (string?)first[8]);
        var second = table["rows"]![1]!["cells"]!.AsArray();
        Assert.Equal([null, null, null, null, null, null], second.Skip(2).Take(6).Select(c => c?.ToJsonString()));
        Assert.Equal("9d", (string?)second[8]);
    }

    [Fact]
    public void Rows_carry_metadata_by_default_the_object_on_request_and_nothing_with_None()
    {
        var widget = Widget("w1", Now, score: 5);

        var metadata = TableConverter.ToTable(TestKinds.Widget(), [widget], null, "1", null, new FakeTimeProvider(Now))["rows"]![0]!["object"]!;
        Assert.Equal("PartialObjectMetadata", (string?)metadata["kind"]);
        Assert.Equal("meta.k8s.io/v1", (string?)metadata["apiVersion"]);
        Assert.Equal("ns1", (string?)metadata["metadata"]!["namespace"]);
        Assert.Null(metadata["status"]);

        var whole = TableConverter.ToTable(TestKinds.Widget(), [widget], TableFormats.IncludeObject, "1", null, new FakeTimeProvider(Now))["rows"]![0]!["object"]!;
        Assert.Equal(5, (int)whole["status"]!["risk"]!["score"]!);
        Assert.Equal("Widget", (string?)whole["kind"]);

        var none = TableConverter.ToTable(TestKinds.Widget(), [widget], TableFormats.IncludeNone, "1", null, new FakeTimeProvider(Now))["rows"]![0]!.AsObject();
        Assert.False(none.ContainsKey("object"));
    }

    [Fact]
    public void The_continue_token_is_passed_on_and_an_unknown_includeObject_is_refused()
    {
        var table = TableConverter.ToTable(TestKinds.Widget(), [], TableFormats.IncludeMetadata, "1", "next-page", new FakeTimeProvider(Now));
        Assert.Equal("next-page", (string?)table["metadata"]!["continue"]);
        Assert.False(TableConverter.ToTable(TestKinds.Widget(), [], null, "1", "", new FakeTimeProvider(Now))["metadata"]!.AsObject().ContainsKey("continue"));

        Assert.False(TableFormats.IsKnownIncludeObject("Everything"));
        var error = Assert.Throws<ArgumentException>(() => TableConverter.ToTable(TestKinds.Widget(), [], "Everything", "1", null));
        Assert.Contains("includeObject=Everything", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_string_date_that_does_not_parse_reads_invalid_and_a_number_in_a_string_is_converted()
    {
        var widget = Widget("w1", Now);
        widget["status"] = new JsonObject { ["lastSeen"] = "yesterday", ["risk"] = new JsonObject { ["score"] = "12" } };

        var cells = TableConverter.ToTable(TestKinds.Widget(), [widget], null, "1", null, new FakeTimeProvider(Now))["rows"]![0]!["cells"]!.AsArray();

        Assert.Equal(12L, (long)cells[2]!);
        Assert.Equal("<invalid>", (string?)cells[7]);
    }

    [Fact]
    public void Events_are_tabled_as_the_real_server_tables_them()
    {
        var coreEvent = new FakeApiServer.Resources.ResourceType("", "v1", "Event", "EventList", "events", "event", true, ["ev"], [], null, null, false);
        var reported = JsonNode.Parse("""
            {
              "metadata": { "name": "e1", "namespace": "shop", "creationTimestamp": "2026-12-03T11:00:00Z" },
              "involvedObject": { "kind": "ApiEndpoint", "name": "shop-get-users" },
              "reason": "ShadowEndpoint", "message": "not in any spec", "type": "Warning", "count": 3,
              "source": { "component": "apisentinel-collector" },
              "firstTimestamp": "2026-12-03T11:30:00Z", "lastTimestamp": "2026-12-03T11:59:00Z"
            }
            """)!.AsObject();

        var table = TableConverter.ToTable(coreEvent, [reported], null, "1", null, new FakeTimeProvider(Now));

        var columns = table["columnDefinitions"]!.AsArray();
        Assert.Equal(["Last Seen", "Type", "Reason", "Object", "Message"], columns.Where(c => (long)c!["priority"]! == 0).Select(c => (string?)c!["name"]));
        var cells = table["rows"]![0]!["cells"]!.AsArray().Select((c, i) => ((string)columns[i]!["name"]!, c?.ToJsonString())).ToDictionary();
        Assert.Equal("\"60s\"", cells["Last Seen"]);
        Assert.Equal("\"apiendpoint/shop-get-users\"", cells["Object"]);
        Assert.Equal("\"apisentinel-collector\"", cells["Source"]);
        Assert.Equal("\"30m\"", cells["First Seen"]);
        Assert.Equal("3", cells["Count"]);
        Assert.Equal("\"e1\"", cells["Name"]);
    }

    private static JsonObject ConfigMap(string name, DateTimeOffset created) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "ns1", ["creationTimestamp"] = created.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture) },
    };

    private static JsonObject Widget(string name, DateTimeOffset created, int? score = null, string? level = null, double? ratio = null,
        bool? active = null, string[]? tags = null, DateTimeOffset? lastSeen = null)
    {
        var widget = ConfigMap(name, created);
        widget["apiVersion"] = $"{TestKinds.Group}/v1";
        widget["kind"] = "Widget";
        var spec = new JsonObject { ["color"] = "red" };
        if (tags is not null)
        {
            spec["tags"] = new JsonArray([.. tags.Select(t => (JsonNode?)JsonValue.Create(t))]);
        }
        widget["spec"] = spec;
        var status = new JsonObject();
        if (score is not null || level is not null)
        {
            status["risk"] = new JsonObject { ["score"] = score, ["level"] = level };
        }
        if (ratio is not null)
        {
            status["ratio"] = ratio;
        }
        if (active is not null)
        {
            status["active"] = active;
        }
        if (lastSeen is { } seen)
        {
            status["lastSeen"] = seen.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        }
        widget["status"] = status;
        return widget;
    }
}
