using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ApiSentinel.FakeApiServer.Http;
using ApiSentinel.FakeApiServer.Json;

namespace ApiSentinel.FakeApiServer.Storage;

/// <summary>
/// Every object of every kind, one global resourceVersion counter (as etcd's revision), the bounded history of
/// changes that watches resume from, and the open watchers. Callers hold <see cref="Gate"/> around a whole
/// read-modify-write so an operation sees and commits one consistent state; committing fans out to watchers
/// without blocking (a full watcher is closed and counted).
/// </summary>
internal sealed class ObjectStore(int historyLimit, int watcherCapacity)
{
    private readonly Dictionary<StoreKey, JsonObject> _objects = [];
    private readonly LinkedList<StoredEvent> _history = new();
    private readonly List<Watcher> _watchers = [];
    private long _version = 1;
    private long _compactedThrough;

    /// <summary>Held for every read-modify-write; cheap enough for a test server and makes it trivially consistent.</summary>
    public Lock Gate { get; } = new();

    public long CurrentVersion { get { lock (Gate) { return _version; } } }

    /// <summary>Watchers closed because they fell a whole buffer behind.</summary>
    public long SlowWatchersClosed { get; private set; }

    /// <summary>The stored object (the store's own instance: clone before changing it), or null.</summary>
    public JsonObject? Find(StoreKey key) => _objects.GetValueOrDefault(key);

    /// <summary>Objects of one kind, in a namespace or everywhere, ordered by namespace then name (kube lists in key order).</summary>
    public List<KeyValuePair<StoreKey, JsonObject>> Scan(string group, string plural, string? ns) =>
        [.. _objects.Where(o => o.Key.Group == group && o.Key.Plural == plural && (ns is null || o.Key.Namespace == ns))
            .OrderBy(o => o.Key.Namespace, StringComparer.Ordinal).ThenBy(o => o.Key.Name, StringComparer.Ordinal)];

    /// <summary>Objects (of any kind) whose ownerReferences name the uid.</summary>
    public List<KeyValuePair<StoreKey, JsonObject>> Dependents(string ownerUid) =>
        [.. _objects.Where(o => o.Value["metadata"]?["ownerReferences"] is JsonArray refs
            && refs.Any(r => JsonTree.String(r, "uid") == ownerUid))];

    /// <summary>Stores the object with the next resourceVersion and tells the watchers. The object must be a fresh instance.</summary>
    public JsonObject Commit(StoreKey key, JsonObject obj)
    {
        // Custom resources are stored as JSON, so its length is what etcd would be asked to hold.
        if (Encoding.UTF8.GetByteCount(obj.ToJsonString()) > SizeLimits.MaxStoredObjectBytes)
        {
            throw KubeStatus.StorageRequestTooLarge();
        }
        var old = _objects.GetValueOrDefault(key);
        _version++;
        JsonTree.Metadata(obj)["resourceVersion"] = _version.ToString(CultureInfo.InvariantCulture);
        _objects[key] = obj;
        Publish(new StoredEvent(_version, key, old is null ? WatchEventTypes.Added : WatchEventTypes.Modified, old, obj));
        return obj;
    }

    /// <summary>Removes the object; the DELETED event carries it with the deletion's resourceVersion.</summary>
    public JsonObject Remove(StoreKey key)
    {
        var last = JsonTree.Clone(_objects[key]);
        _objects.Remove(key);
        _version++;
        JsonTree.Metadata(last)["resourceVersion"] = _version.ToString(CultureInfo.InvariantCulture);
        Publish(new StoredEvent(_version, key, WatchEventTypes.Deleted, null, last));
        return last;
    }

    /// <summary>
    /// Opens a watch. Without a resourceVersion (or "0") it starts with a synthetic ADDED per matching object; with
    /// one it replays the kept history after it, or answers null when that history is gone (the caller sends 410).
    /// </summary>
    public Watcher? Open(WatchFilter filter, long? from, out List<string> initial, out long oldestKept)
    {
        lock (Gate)
        {
            initial = [];
            oldestKept = _compactedThrough + 1;
            if (from is null or 0)
            {
                foreach (var (key, obj) in Scan(filter.Group, filter.Plural, filter.Namespace))
                {
                    if (filter.Matches(obj))
                    {
                        initial.Add(WatchFrames.Event(WatchEventTypes.Added, obj, filter.ApiVersion));
                    }
                }
            }
            else if (from < _compactedThrough)
            {
                return null;
            }
            else
            {
                foreach (var change in _history.Where(e => e.ResourceVersion > from && filter.Covers(e.Key)))
                {
                    if (filter.Translate(change) is { } type)
                    {
                        initial.Add(WatchFrames.Event(type, change.Object, filter.ApiVersion));
                    }
                }
            }
            var watcher = new Watcher(filter, watcherCapacity);
            _watchers.Add(watcher);
            return watcher;
        }
    }

    public void Close(Watcher watcher)
    {
        lock (Gate)
        {
            _watchers.Remove(watcher);
        }
        watcher.Close();
    }

    /// <summary>Offers a BOOKMARK at the current resourceVersion, ordered after every event already offered.</summary>
    public void Bookmark(Watcher watcher)
    {
        lock (Gate)
        {
            if (_watchers.Contains(watcher) && !watcher.Offer(WatchFrames.Bookmark(watcher.Filter, _version)))
            {
                DropSlow(watcher);
            }
        }
    }

    /// <summary>Closes every watcher (the listener went away: their connections are gone).</summary>
    public void CloseAllWatchers()
    {
        lock (Gate)
        {
            foreach (var watcher in _watchers)
            {
                watcher.Close();
            }
            _watchers.Clear();
        }
    }

    private void Publish(StoredEvent change)
    {
        _history.AddLast(change);
        while (_history.Count > historyLimit)
        {
            _compactedThrough = _history.First!.Value.ResourceVersion;
            _history.RemoveFirst();
        }
        foreach (var watcher in _watchers.ToList())
        {
            if (watcher.Filter.Covers(change.Key) && watcher.Filter.Translate(change) is { } type
                && !watcher.Offer(WatchFrames.Event(type, change.Object, watcher.Filter.ApiVersion)))
            {
                DropSlow(watcher);
            }
        }
    }

    // Only an open watcher whose buffer is full is slow; one already closed is not counted again.
    private void DropSlow(Watcher watcher)
    {
        if (_watchers.Remove(watcher))
        {
            SlowWatchersClosed++;
        }
        watcher.Close();
    }
}
