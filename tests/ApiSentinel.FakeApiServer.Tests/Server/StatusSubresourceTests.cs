using System.Net;
using System.Text.Json.Nodes;

namespace ApiSentinel.FakeApiServer.Tests.Server;

public sealed class StatusSubresourceTests
{
    [Fact]
    public async Task Status_writes_change_only_status_and_never_generation()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        var (_, created) = await api.PostAsync(Api.Widgets, Api.Widget("w"));
        var body = created.DeepClone().AsObject();
        body["status"] = new JsonObject { ["phase"] = "Ready" };
        body["spec"]!["size"] = 42;

        var (code, updated) = await api.PutAsync($"{Api.Widgets}/w/status", body);

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("Ready", updated["status"]!["phase"]!.GetValue<string>());
        Assert.Equal(1, updated["spec"]!["size"]!.GetValue<int>());
        Assert.Equal(1, Api.Generation(updated));
    }

    [Fact]
    public async Task The_main_resource_ignores_status_and_create_drops_it()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        var widget = Api.Widget("w");
        widget["status"] = new JsonObject { ["phase"] = "Invented" };
        var (_, created) = await api.PostAsync(Api.Widgets, widget);
        await api.PatchAsync($"{Api.Widgets}/w/status", """{"status":{"phase":"Ready"}}""", "application/merge-patch+json");

        var (_, patched) = await api.PatchAsync($"{Api.Widgets}/w", """{"status":{"phase":"Hacked"},"spec":{"color":"blue"}}""", "application/merge-patch+json");

        Assert.Null(created["status"]);
        Assert.Equal("Ready", patched["status"]!["phase"]!.GetValue<string>());
        Assert.Equal("blue", patched["spec"]!["color"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_the_subresource_status_is_an_ordinary_field_and_status_is_404()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        var gadget = new JsonObject
        {
            ["apiVersion"] = TestCrds.ApiVersion,
            ["kind"] = "Gadget",
            ["metadata"] = new JsonObject { ["name"] = "g" },
            ["status"] = new JsonObject { ["ok"] = true },
        };

        var (_, created) = await api.PostAsync("/apis/test.apisentinel.io/v1/gadgets", gadget);
        var (code, _) = await api.GetAsync("/apis/test.apisentinel.io/v1/gadgets/g/status");

        Assert.True(created["status"]!["ok"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.NotFound, code);
    }
}
