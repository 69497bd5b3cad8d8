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
}
