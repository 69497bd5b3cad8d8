using System.Net;

namespace ApiSentinel.FakeApiServer.Tests.Server;

public sealed class ListeningTests
{
    [Fact]
    public async Task Stopped_listening_refuses_connections_and_resuming_on_the_same_port_keeps_state()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        await api.PostAsync(Api.Widgets, Api.Widget("kept"));
        var address = server.BaseAddress;

        await server.StopListeningAsync();
        using (var fresh = new HttpClient { BaseAddress = address })
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => fresh.GetAsync(Api.Widgets));
        }
        await server.ResumeListeningAsync();
        using var again = new Api(server);
        var (code, widget) = await again.GetAsync($"{Api.Widgets}/kept");

        Assert.Equal(address, server.BaseAddress);
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("kept", widget["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Stopping_ends_open_watches()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        await using var watch = await WatchReader.OpenAsync(api.Http, $"{Api.Widgets}?watch=1&resourceVersion={server.ResourceVersion}");

        await server.StopListeningAsync();

        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            if (await watch.NextAsync() is null)
            {
                throw new EndOfStreamException();
            }
        });
    }
}
