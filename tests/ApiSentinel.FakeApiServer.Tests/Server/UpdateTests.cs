using System.Net;
using System.Text.Json.Nodes;

namespace ApiSentinel.FakeApiServer.Tests.Server;

public sealed class UpdateTests
{
    [Fact]
    public async Task A_stale_resource_version_is_409_Conflict()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        var (_, created) = await api.PostAsync(Api.Widgets, Api.Widget("w"));
        var first = created.DeepClone().AsObject();
        first["spec"]!["size"] = 2;
        var (ok, _) = await api.PutAsync($"{Api.Widgets}/w", first);

        var stale = created.DeepClone().AsObject();
        stale["spec"]!["size"] = 3;
        var (code, status) = await api.PutAsync($"{Api.Widgets}/w", stale);

        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.Equal("Conflict", status["reason"]!.GetValue<string>());
        Assert.Contains("the object has been modified", status["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(2, server.Get(TestCrds.ApiVersion, TestCrds.Widgets, "default", "w")!["spec"]!["size"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_update_of_a_custom_resource_without_resource_version_is_refused()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        await api.PostAsync(Api.Widgets, Api.Widget("w"));

        var (code, status) = await api.PutAsync($"{Api.Widgets}/w", Api.Widget("w", size: 5));

        Assert.Equal((HttpStatusCode)422, code);
        Assert.Equal("metadata.resourceVersion", status["details"]!["causes"]![0]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Generation_moves_on_spec_changes_only()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        await api.PostAsync(Api.Widgets, Api.Widget("w"));

        var (_, labelled) = await api.PatchAsync($"{Api.Widgets}/w", """{"metadata":{"labels":{"team":"a"}}}""", "application/merge-patch+json");
        var (_, resized) = await api.PatchAsync($"{Api.Widgets}/w", """{"spec":{"size":9}}""", "application/merge-patch+json");

        Assert.Equal(1, Api.Generation(labelled));
        Assert.NotEqual("", Api.Rv(labelled));
        Assert.Equal(2, Api.Generation(resized));
    }

    [Fact]
    public async Task A_write_that_changes_nothing_keeps_the_resource_version()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        var (_, created) = await api.PostAsync(Api.Widgets, Api.Widget("w"));

        var (_, same) = await api.PatchAsync($"{Api.Widgets}/w", """{"spec":{"size":1}}""", "application/merge-patch+json");

        Assert.Equal(Api.Rv(created), Api.Rv(same));
    }

    [Fact]
    public async Task A_patch_of_a_field_the_schema_prunes_changes_nothing()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        var (_, created) = await api.PostAsync(Api.Widgets, Api.Widget("w"));
        var before = server.ResourceVersion;

        var (code, same) = await api.PatchAsync($"{Api.Widgets}/w", """{"spec":{"typo":1}}""", "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Null(same["spec"]!["typo"]);
        Assert.Equal(Api.Rv(created), Api.Rv(same));
        Assert.Equal(1, Api.Generation(same));
        Assert.True(JsonNode.DeepEquals(created["metadata"]!["managedFields"], same["metadata"]!["managedFields"]));
        // Nothing committed, so no watcher hears of it.
        Assert.Equal(before, server.ResourceVersion);
    }

    [Fact]
    public async Task An_update_with_only_pruned_fields_added_keeps_the_resource_version()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        var (_, created) = await api.PostAsync(Api.Widgets, Api.Widget("w"));
        var body = created.DeepClone().AsObject();
        body["spec"]!["typo"] = "x";
        body["extra"] = true;

        var (code, same) = await api.PutAsync($"{Api.Widgets}/w", body);

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(Api.Rv(created), Api.Rv(same));
        Assert.Equal(1, Api.Generation(same));
    }

    [Fact]
    public async Task Without_a_status_subresource_a_status_change_bumps_generation()
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
        await api.PostAsync("/apis/test.apisentinel.io/v1/gadgets", gadget);

        var (_, patched) = await api.PatchAsync("/apis/test.apisentinel.io/v1/gadgets/g", """{"status":{"ok":false}}""", "application/merge-patch+json");

        Assert.Equal(2, Api.Generation(patched));
    }
}
