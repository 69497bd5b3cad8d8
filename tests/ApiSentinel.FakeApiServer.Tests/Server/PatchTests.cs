using System.Net;

namespace ApiSentinel.FakeApiServer.Tests.Server;

public sealed class PatchTests
{
    [Fact]
    public async Task A_merge_patch_merges_objects_and_null_removes()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        await api.PostAsync(Api.Widgets, Api.Widget("w", size: 3, color: "red"));

        var (code, patched) = await api.PatchAsync($"{Api.Widgets}/w", """{"spec":{"color":null,"tags":["a","b"]}}""", "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(3, patched["spec"]!["size"]!.GetValue<int>());
        Assert.Null(patched["spec"]!["color"]);
        Assert.Equal(2, patched["spec"]!["tags"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_strategic_merge_patch_is_served_as_a_merge_patch()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        await api.PostAsync(Api.ConfigMaps, Api.ConfigMap("cm"));

        var (code, patched) = await api.PatchAsync($"{Api.ConfigMaps}/cm", "{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"data\":{\"k\":null,\"n\":\"1\"}}", "application/strategic-merge-patch+json");

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("web", patched["metadata"]!["labels"]!["app"]!.GetValue<string>());
        Assert.Equal("{\"n\":\"1\"}", patched["data"]!.ToJsonString());
    }

    [Fact]
    public async Task A_json_patch_applies_its_operations_in_order()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        await api.PostAsync(Api.Widgets, Api.Widget("w", size: 3));

        var (code, patched) = await api.PatchAsync($"{Api.Widgets}/w", """
            [{"op":"test","path":"/spec/size","value":3},
             {"op":"replace","path":"/spec/size","value":4},
             {"op":"add","path":"/spec/tags","value":["x"]},
             {"op":"add","path":"/spec/tags/-","value":"y"},
             {"op":"copy","from":"/spec/color","path":"/spec/tags/0"},
             {"op":"remove","path":"/spec/color"}]
            """, "application/json-patch+json");

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(4, patched["spec"]!["size"]!.GetValue<int>());
        Assert.Equal("""["red","x","y"]""", patched["spec"]!["tags"]!.ToJsonString());
        Assert.Null(patched["spec"]!["color"]);
    }

    [Fact]
    public async Task A_failing_json_patch_test_changes_nothing()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        await api.PostAsync(Api.Widgets, Api.Widget("w", size: 3));

        var (code, status) = await api.PatchAsync($"{Api.Widgets}/w",
            """[{"op":"replace","path":"/spec/size","value":8},{"op":"test","path":"/spec/size","value":3}]""", "application/json-patch+json");

        Assert.Equal((HttpStatusCode)422, code);
        Assert.Equal("Status", status["kind"]!.GetValue<string>());
        Assert.Equal(3, server.Get(TestCrds.ApiVersion, TestCrds.Widgets, "default", "w")!["spec"]!["size"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_unknown_patch_type_is_415_and_a_missing_object_404()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        await api.PostAsync(Api.Widgets, Api.Widget("w"));

        var (unsupported, _) = await api.PatchAsync($"{Api.Widgets}/w", "{}", "text/plain");
        var (missing, _) = await api.PatchAsync($"{Api.Widgets}/nope", "{}", "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, unsupported);
        Assert.Equal(HttpStatusCode.NotFound, missing);
    }
}
