using System.Net;
using System.Text.Json.Nodes;

namespace ApiSentinel.FakeApiServer.Tests.Server;

public sealed class ServerSideApplyTests
{
    private const string W = Api.Widgets + "/w";

    [Fact]
    public async Task Apply_creates_and_records_the_manager_as_Apply()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;

        var (code, created) = await api.ApplyAsync(W, Api.Widget("w", size: 2), "sink");

        Assert.Equal(HttpStatusCode.Created, code);
        var entry = created["metadata"]!["managedFields"]!.AsArray().Single()!;
        Assert.Equal("sink", entry["manager"]!.GetValue<string>());
        Assert.Equal("Apply", entry["operation"]!.GetValue<string>());
        Assert.Equal("FieldsV1", entry["fieldsType"]!.GetValue<string>());
        Assert.NotNull(entry["fieldsV1"]!["f:spec"]!["f:size"]);
        Assert.NotNull(entry["fieldsV1"]!["f:spec"]!["f:color"]);
    }

    [Fact]
    public async Task Fields_a_manager_stops_applying_are_removed()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        await api.ApplyAsync(W, Api.Widget("w", size: 2, color: "red"), "sink");

        var config = Api.Widget("w", size: 2);
        config["spec"]!.AsObject().Remove("color");
        var (_, applied) = await api.ApplyAsync(W, config, "sink");

        Assert.Null(applied["spec"]!["color"]);
        Assert.Equal(2, applied["spec"]!["size"]!.GetValue<int>());
        Assert.Null(applied["metadata"]!["managedFields"]![0]!["fieldsV1"]!["f:spec"]!["f:color"]);
    }

    [Fact]
    public async Task Changing_a_field_another_manager_owns_is_a_conflict_that_changes_nothing()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        await api.ApplyAsync(W, Api.Widget("w", size: 2, color: "red"), "sink");
        await api.PatchAsync($"{W}?fieldManager=operator", """{"spec":{"color":"blue"}}""", "application/merge-patch+json");

        var (code, status) = await api.ApplyAsync(W, Api.Widget("w", size: 2, color: "green"), "sink");

        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.Equal("Conflict", status["reason"]!.GetValue<string>());
        var cause = status["details"]!["causes"]!.AsArray().Single()!;
        Assert.Equal(".spec.color", cause["field"]!.GetValue<string>());
        Assert.Equal("FieldManagerConflict", cause["reason"]!.GetValue<string>());
        Assert.Contains("conflict with \"operator\"", status["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("blue", server.Get(TestCrds.ApiVersion, TestCrds.Widgets, "default", "w")!["spec"]!["color"]!.GetValue<string>());
    }

    [Fact]
    public async Task Force_takes_ownership_of_conflicting_fields()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        await api.ApplyAsync(W, Api.Widget("w", size: 2, color: "red"), "sink");
        await api.PatchAsync($"{W}?fieldManager=operator", """{"spec":{"color":"blue"}}""", "application/merge-patch+json");

        var (code, applied) = await api.ApplyAsync(W, Api.Widget("w", size: 2, color: "green"), "sink", force: true);

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("green", applied["spec"]!["color"]!.GetValue<string>());
        var managers = applied["metadata"]!["managedFields"]!.AsArray().Select(e => e!["manager"]!.GetValue<string>()).ToList();
        // The operator owned only the color, which it lost: its entry is gone.
        Assert.Equal(["sink"], managers);
    }

    [Fact]
    public async Task Two_appliers_share_a_field_with_the_same_value_and_dropping_it_keeps_it()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        await api.ApplyAsync(W, Api.Widget("w", size: 2, color: "red"), "a");
        var (shared, _) = await api.ApplyAsync(W, Api.Widget("w", size: 2, color: "red"), "b");

        var config = Api.Widget("w", size: 2);
        config["spec"]!.AsObject().Remove("color");
        var (_, applied) = await api.ApplyAsync(W, config, "a");

        Assert.Equal(HttpStatusCode.OK, shared);
        Assert.Equal("red", applied["spec"]!["color"]!.GetValue<string>());
    }

    [Fact]
    public async Task Apply_needs_a_field_manager_and_the_same_apply_twice_is_no_write()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        var (missingManager, status) = await api.PatchAsync(W, Api.Widget("w").ToJsonString(), "application/apply-patch+yaml");
        var (_, first) = await api.ApplyAsync(W, Api.Widget("w"), "sink");

        var (_, second) = await api.ApplyAsync(W, Api.Widget("w"), "sink");

        Assert.Equal((HttpStatusCode)422, missingManager);
        Assert.Contains("fieldManager: Required value", status["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(Api.Rv(first), Api.Rv(second));
    }

    [Fact]
    public async Task Apply_to_status_owns_status_fields_separately()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        await api.ApplyAsync(W, Api.Widget("w"), "sink");
        var status = new JsonObject
        {
            ["apiVersion"] = TestCrds.ApiVersion,
            ["kind"] = "Widget",
            ["metadata"] = new JsonObject { ["name"] = "w" },
            ["status"] = new JsonObject { ["phase"] = "Ready" },
            ["spec"] = new JsonObject { ["size"] = 99 },
        };

        var (_, applied) = await api.ApplyAsync($"{W}/status", status, "sink");

        Assert.Equal("Ready", applied["status"]!["phase"]!.GetValue<string>());
        Assert.Equal(1, applied["spec"]!["size"]!.GetValue<int>());
        var entries = applied["metadata"]!["managedFields"]!.AsArray();
        Assert.Equal(2, entries.Count);
        Assert.Contains(entries, e => e!["subresource"]?.GetValue<string>() == "status" && e["fieldsV1"]!["f:status"] is not null);
    }

    [Fact]
    public async Task A_yaml_apply_body_is_read_as_yaml()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;

        var (code, created) = await api.PatchAsync($"{W}?fieldManager=kubectl", """
            apiVersion: test.apisentinel.io/v1
            kind: Widget
            metadata:
              name: w
              labels: {tier: "1"}
            spec:
              size: 7
              color: "007"
            """, "application/apply-patch+yaml");

        Assert.Equal(HttpStatusCode.Created, code);
        Assert.Equal(7, created["spec"]!["size"]!.GetValue<int>());
        Assert.Equal("007", created["spec"]!["color"]!.GetValue<string>());
        Assert.Equal("1", created["metadata"]!["labels"]!["tier"]!.GetValue<string>());
    }
}
