using ApiSentinel.FakeApiServer.Selectors;
using ApiSentinel.FakeApiServer.Storage;

namespace ApiSentinel.FakeApiServer.Tests.Storage;

/// <summary>The slow-watcher count is loss made visible: it must count watchers that fell behind, and nothing else.</summary>
public sealed class ObjectStoreWatcherTests
{
    private static readonly WatchFilter ConfigMaps =
        new("", "configmaps", "ConfigMap", "default", "v1", LabelSelector.Everything, FieldSelector.Everything);

    [Fact]
    public void A_bookmark_for_a_closed_watcher_is_not_a_slow_watcher()
    {
        var store = new ObjectStore(historyLimit: 10, watcherCapacity: 4);
        var watcher = store.Open(ConfigMaps, null, out _, out _)!;

        store.Close(watcher);
        store.Bookmark(watcher);

        Assert.Equal(0, store.SlowWatchersClosed);
    }

    [Fact]
    public void A_bookmark_after_every_watcher_was_closed_is_not_counted()
    {
        var store = new ObjectStore(historyLimit: 10, watcherCapacity: 4);
        var watcher = store.Open(ConfigMaps, null, out _, out _)!;

        store.CloseAllWatchers();
        store.Bookmark(watcher);

        Assert.Equal(0, store.SlowWatchersClosed);
    }

    [Fact]
    public void A_full_watcher_is_counted_once_even_when_bookmarks_keep_coming()
    {
        var store = new ObjectStore(historyLimit: 10, watcherCapacity: 1);
        var watcher = store.Open(ConfigMaps, null, out _, out _)!;

        store.Bookmark(watcher);
        store.Bookmark(watcher);
        store.Bookmark(watcher);

        Assert.Equal(1, store.SlowWatchersClosed);
    }
}
