using System.Net;

namespace ApiSentinel.FakeApiServer.Tests.Server;

/// <summary>What a client's resourceVersion and namespace mean on a create and on an apply.</summary>
public sealed class WritePreconditionTests
{
    private const string W = Api.Widgets + "/w";

    [Fact]
    public async Task A_create_with_a_resource_version_is_a_400_and_stores_nothing()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        var widget = Api.Widget("w");
        widget["metadata"]!["resourceVersion"] = "12";

        var (code, status) = await api.PostAsync(Api.Widgets, widget);
        var (lookup, _) = await api.GetAsync(W);

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("resourceVersion should not be set on objects to be created", status["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, lookup);
    }

    [Fact]
    public async Task An_apply_with_a_stale_resource_version_is_409_and_with_the_current_one_applies()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        var (_, created) = await api.ApplyAsync(W, Api.Widget("w", size: 2), "sink");
        var stale = Api.Widget("w", size: 3);
        stale["metadata"]!["resourceVersion"] = "1";
        var current = Api.Widget("w", size: 4);
        current["metadata"]!["resourceVersion"] = Api.Rv(created);

        var (conflict, status) = await api.ApplyAsync(W, stale, "sink");
        var (applied, result) = await api.ApplyAsync(W, current, "sink");

        Assert.Equal(HttpStatusCode.Conflict, conflict);
        Assert.Equal("Conflict", status["reason"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, applied);
        Assert.Equal(4, result["spec"]!["size"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_apply_naming_another_namespace_is_a_400()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        var config = Api.Widget("w");
        config["metadata"]!["namespace"] = "kube-system";

        var (code, status) = await api.ApplyAsync(W, config, "sink");

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("the namespace of the provided object does not match the namespace sent on the request", status["message"]!.GetValue<string>());
    }
}
