namespace ApiSentinel.Collector.Kubernetes.Watching;

/// <summary>
/// What a <see cref="ResourceWatcher{T}"/> tells its owner. Calls come one at a time from the watcher's loop, so a
/// handler needs no locking of its own against other calls; it should only record the change (update a map, queue a
/// key) and return, since the loop reads no further events meanwhile. A handler that throws is counted
/// (<see cref="ResourceWatcherCounters.HandlerFailures"/>) and the loop goes on.
/// </summary>
public interface IResourceEventHandler<in T>
{
    /// <summary>An object was added or changed (or is new or changed in a relist).</summary>
    void OnUpsert(T resource);

    /// <summary>An object was deleted (or vanished between two lists); the last state the watcher knew.</summary>
    void OnDelete(T resource);

    /// <summary>A list (the first, or a relist) has been applied: the watcher's cache is complete as of now.</summary>
    void OnSynced();
}
