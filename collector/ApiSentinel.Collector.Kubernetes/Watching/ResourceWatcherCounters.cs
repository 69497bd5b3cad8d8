namespace ApiSentinel.Collector.Kubernetes.Watching;

/// <summary>What one <see cref="ResourceWatcher{T}"/> did, so a watch that keeps failing or relisting is visible.</summary>
public sealed class ResourceWatcherCounters
{
    private long _lists;
    private long _relists;
    private long _events;
    private long _bookmarks;
    private long _errors;
    private long _handlerFailures;
    private long _ignored;

    /// <summary>Lists applied (the first one and every relist).</summary>
    public long Lists => Interlocked.Read(ref _lists);

    /// <summary>Lists after the first: the watch's resourceVersion expired (410) and the state was listed again.</summary>
    public long Relists => Interlocked.Read(ref _relists);

    /// <summary>Added, modified and deleted events applied from watches (bookmarks not included).</summary>
    public long Events => Interlocked.Read(ref _events);

    /// <summary>Bookmarks received (they only move the resourceVersion on).</summary>
    public long Bookmarks => Interlocked.Read(ref _bookmarks);

    /// <summary>Lists or watches that failed (connection, HTTP error, unreadable stream); each was retried after a backoff.</summary>
    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>Handler calls that threw.</summary>
    public long HandlerFailures => Interlocked.Read(ref _handlerFailures);

    /// <summary>Listed objects and watch events the watcher's filter does not keep: neither cached nor handled.</summary>
    public long Ignored => Interlocked.Read(ref _ignored);

    internal void Ignore() => Interlocked.Increment(ref _ignored);

    internal void List(bool relist)
    {
        Interlocked.Increment(ref _lists);
        if (relist)
        {
            Interlocked.Increment(ref _relists);
        }
    }

    internal void Event() => Interlocked.Increment(ref _events);

    internal void Bookmark() => Interlocked.Increment(ref _bookmarks);

    internal void Error() => Interlocked.Increment(ref _errors);

    internal void HandlerFailure() => Interlocked.Increment(ref _handlerFailures);
}
