using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace ApiSentinel.FakeApiServer.Tests.Server;

/// <summary>kube's request-body limit (3 MiB, 413) and etcd's stored-object limit (1.5 MiB, a bare 500).</summary>
public sealed class SizeLimitTests
{
    private const string Gadgets = "/apis/test.apisentinel.io/v1/gadgets";

    private static JsonObject Gadget(int payloadBytes) => new()
    {
        ["apiVersion"] = TestCrds.ApiVersion,
        ["kind"] = "Gadget",
        ["metadata"] = new JsonObject { ["name"] = "g" },
        ["spec"] = new JsonObject { ["blob"] = new string('x', payloadBytes) },
    };

    [Fact]
    public async Task A_body_over_three_mebibytes_is_413()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;

        var (code, status) = await api.PostAsync(Gadgets, Gadget(3 * 1024 * 1024));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, code);
        Assert.Equal("RequestEntityTooLarge", status["reason"]!.GetValue<string>());
        Assert.Equal("Request entity too large: limit is 3145728", status["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_413_too()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        using var body = new NonSeekableStream(Encoding.UTF8.GetBytes(Gadget(3 * 1024 * 1024).ToJsonString()));
        using var content = new StreamContent(body);
        content.Headers.ContentType = new("application/json");

        Assert.Null(content.Headers.ContentLength);

        using var response = await api.Http.PostAsync(Gadgets, content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task An_object_over_etcds_limit_is_refused_and_not_stored()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;

        var (code, status) = await api.PostAsync(Gadgets, Gadget(2 * 1024 * 1024));
        var (lookup, _) = await api.GetAsync($"{Gadgets}/g");

        Assert.Equal(HttpStatusCode.InternalServerError, code);
        Assert.Equal("etcdserver: request is too large", status["message"]!.GetValue<string>());
        Assert.Null(status["reason"]);
        Assert.Equal(HttpStatusCode.NotFound, lookup);
    }

    [Fact]
    public async Task An_update_growing_an_object_over_the_limit_keeps_the_old_one()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        var (_, created) = await api.PostAsync(Gadgets, Gadget(1024 * 1024));

        var (code, _) = await api.PatchAsync($"{Gadgets}/g", new JsonObject { ["spec"] = new JsonObject { ["more"] = new string('y', 1024 * 1024) } }.ToJsonString(), "application/merge-patch+json");
        var (_, stored) = await api.GetAsync($"{Gadgets}/g");

        Assert.Equal(HttpStatusCode.InternalServerError, code);
        Assert.Equal(Api.Rv(created), Api.Rv(stored));
    }

    [Fact]
    public async Task A_dry_run_stores_nothing_so_etcds_limit_does_not_apply()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;

        var (code, _) = await api.PostAsync($"{Gadgets}?dryRun=All", Gadget(2 * 1024 * 1024));

        Assert.Equal(HttpStatusCode.Created, code);
    }

    /// <summary>A body HttpClient cannot measure, so it is sent chunked.</summary>
    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
