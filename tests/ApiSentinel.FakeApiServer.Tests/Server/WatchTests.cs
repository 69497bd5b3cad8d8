using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace ApiSentinel.FakeApiServer.Tests.Server;

public sealed class WatchTests
{
    [Fact]
    public async Task A_watch_without_resource_version_starts_with_the_state_then_streams_changes()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        await api.PostAsync(Api.Widgets, Api.Widget("before"));

        await using var watch = await WatchReader.OpenAsync(api.Http, $"{Api.Widgets}?watch=1");
        var initial = await watch.NextAsync();
        await api.PostAsync(Api.Widgets, Api.Widget("after"));
        var added = await watch.NextAsync();
        await api.PatchAsync($"{Api.Widgets}/after", """{"spec":{"size":5}}""", "application/merge-patch+json");
        var modified = await watch.NextAsync();
        await api.DeleteAsync($"{Api.Widgets}/after");
        var deleted = await watch.NextAsync();

        Assert.Equal(("ADDED", "before"), Describe(initial));
        Assert.Equal(("ADDED", "after"), Describe(added));
        Assert.Equal(("MODIFIED", "after"), Describe(modified));
        Assert.Equal(5, modified!["object"]!["spec"]!["size"]!.GetValue<int>());
        Assert.Equal(("DELETED", "after"), Describe(deleted));
        Assert.Equal(TestCrds.ApiVersion, added!["object"]!["apiVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_watch_resumes_after_a_resource_version_with_only_later_events()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        var (_, first) = await api.PostAsync(Api.Widgets, Api.Widget("one"));
        await api.PostAsync(Api.Widgets, Api.Widget("two"));
        await api.PostAsync(Api.ConfigMaps, Api.ConfigMap("other-kind"));
        await api.PatchAsync($"{Api.Widgets}/one", """{"spec":{"size":3}}""", "application/merge-patch+json");

        await using var watch = await WatchReader.OpenAsync(api.Http, $"{Api.Widgets}?watch=true&resourceVersion={Api.Rv(first)}");

        Assert.Equal(("ADDED", "two"), Describe(await watch.NextAsync()));
        Assert.Equal(("MODIFIED", "one"), Describe(await watch.NextAsync()));
    }

    [Fact]
    public async Task A_resource_version_older_than_the_history_gets_a_410_Expired_error_event()
    {
        var (server, api) = await Api.StartAsync(new FakeKubeOptions { WatchHistory = 3 });
        await using var _ = server;
        using var __ = api;
        var (_, first) = await api.PostAsync(Api.ConfigMaps, Api.ConfigMap("a"));
        foreach (var name in new[] { "b", "c", "d", "e" })
        {
            await api.PostAsync(Api.ConfigMaps, Api.ConfigMap(name));
        }

        await using var watch = await WatchReader.OpenAsync(api.Http, $"{Api.ConfigMaps}?watch=1&resourceVersion={Api.Rv(first)}");
        var error = await watch.NextAsync();

        Assert.Equal("ERROR", error!["type"]!.GetValue<string>());
        Assert.Equal(410, error["object"]!["code"]!.GetValue<int>());
        Assert.Equal("Expired", error["object"]!["reason"]!.GetValue<string>());
        Assert.Null(await watch.NextAsync());
    }

    [Fact]
    public async Task Bookmarks_arrive_on_the_server_clock_with_the_current_resource_version()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var (server, api) = await Api.StartAsync(new FakeKubeOptions { Time = clock, BookmarkInterval = TimeSpan.FromSeconds(30) });
        await using var _ = server;
        using var __ = api;
        await using var watch = await WatchReader.OpenAsync(api.Http, $"{Api.Widgets}?watch=1&allowWatchBookmarks=true");
        var (_, created) = await api.PostAsync(Api.Widgets, Api.Widget("w"));
        var added = await watch.NextAsync();

        clock.Advance(TimeSpan.FromSeconds(30));
        var bookmark = await watch.NextAsync();

        Assert.Equal("ADDED", added!["type"]!.GetValue<string>());
        Assert.Equal("BOOKMARK", bookmark!["type"]!.GetValue<string>());
        Assert.Equal("Widget", bookmark["object"]!["kind"]!.GetValue<string>());
        Assert.Equal(Api.Rv(created), bookmark["object"]!["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task TimeoutSeconds_ends_the_stream_on_the_server_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var (server, api) = await Api.StartAsync(new FakeKubeOptions { Time = clock });
        await using var _ = server;
        using var __ = api;
        await api.PostAsync(Api.Widgets, Api.Widget("w"));
        await using var watch = await WatchReader.OpenAsync(api.Http, $"{Api.Widgets}?watch=1&timeoutSeconds=60");
        Assert.NotNull(await watch.NextAsync());

        clock.Advance(TimeSpan.FromSeconds(60));

        Assert.Null(await watch.NextAsync());
    }

    [Fact]
    public async Task A_selector_watch_sees_objects_enter_as_ADDED_and_leave_as_DELETED()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        await api.PostAsync(Api.ConfigMaps, Api.ConfigMap("a"));
        await using var watch = await WatchReader.OpenAsync(api.Http, $"{Api.ConfigMaps}?watch=1&labelSelector=risk%3Dhigh");

        await api.PatchAsync($"{Api.ConfigMaps}/a", """{"metadata":{"labels":{"risk":"high"}}}""", "application/merge-patch+json");
        var entered = await watch.NextAsync();
        await api.PatchAsync($"{Api.ConfigMaps}/a", """{"metadata":{"labels":{"risk":"low"}}}""", "application/merge-patch+json");
        var left = await watch.NextAsync();

        Assert.Equal(("ADDED", "a"), Describe(entered));
        Assert.Equal(("DELETED", "a"), Describe(left));
    }

    [Fact]
    public async Task A_watcher_that_falls_a_whole_buffer_behind_is_closed_and_counted()
    {
        var (server, api) = await Api.StartAsync(new FakeKubeOptions { WatchBuffer = 4 });
        await using var _ = server;
        using var __ = api;
        await using var watch = await WatchReader.OpenAsync(api.Http, $"{Api.ConfigMaps}?watch=1&resourceVersion={server.ResourceVersion}");
        // The test never reads, but the socket takes some frames; enough writes overflow the server-side buffer anyway.
        var payload = new string('x', 64 * 1024);
        for (var i = 0; server.SlowWatchersClosed == 0 && i < 2000; i++)
        {
            var cm = Api.ConfigMap($"cm-{i}");
            cm["data"]!["k"] = payload;
            await api.PostAsync(Api.ConfigMaps, cm);
        }

        Assert.Equal(1, server.SlowWatchersClosed);
    }

    private static (string, string) Describe(JsonObject? watchEvent) =>
        (watchEvent!["type"]!.GetValue<string>(), watchEvent["object"]!["metadata"]!["name"]!.GetValue<string>());
}
