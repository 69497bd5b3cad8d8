using System.Collections.Concurrent;

namespace ApiSentinel.Collector.Kubernetes.Writes;

/// <summary>
/// What the Kubernetes side did and what it could not: every request kind, every failure by reason, every bound
/// that dropped something. One instance per collector, shared by the writers; the collector's telemetry exports it
/// (<c>/metrics</c>, OTLP). Safe from any thread.
/// </summary>
public sealed class KubernetesSinkCounters
{
    private readonly ConcurrentDictionary<string, long> _failures = new(StringComparer.Ordinal);
    private long _applies;
    private long _statusWrites;
    private long _deletes;
    private long _retries;
    private long _backoffs;
    private long _truncations;
    private long _eventsCreated;
    private long _eventsUpdated;
    private long _eventsSuppressed;
    private long _eventsFailed;
    private long _flushesCut;
    private long _orphansKept;

    /// <summary>Server-side applies of an ApiEndpoint's labels and spec.</summary>
    public long Applies => Interlocked.Read(ref _applies);

    /// <summary>Server-side applies of an ApiEndpoint's status.</summary>
    public long StatusWrites => Interlocked.Read(ref _statusWrites);

    /// <summary>ApiEndpoints deleted (superseded by a merge, moved namespace, unseen for the delete time, orphaned).</summary>
    public long Deletes => Interlocked.Read(ref _deletes);

    /// <summary>Requests made again after a failure.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Times the whole sink paused because the server was throttling, failing or gone.</summary>
    public long Backoffs => Interlocked.Read(ref _backoffs);

    /// <summary>List items cut from statuses to keep them in their bounds (the projection's count, summed over writes).</summary>
    public long Truncations => Interlocked.Read(ref _truncations);

    public long EventsCreated => Interlocked.Read(ref _eventsCreated);

    /// <summary>Repeats folded into an existing Event (its count raised).</summary>
    public long EventsUpdated => Interlocked.Read(ref _eventsUpdated);

    /// <summary>Repeats not sent at all: within the per-object, per-reason interval.</summary>
    public long EventsSuppressed => Interlocked.Read(ref _eventsSuppressed);

    /// <summary>Events that could not be written (they are not retried: an Event is advice, the resource is the record).</summary>
    public long EventsFailed => Interlocked.Read(ref _eventsFailed);

    /// <summary>Flushes that ended at the flush interval with writes still due (the rate limit below the change rate).</summary>
    public long FlushesCut => Interlocked.Read(ref _flushesCut);

    /// <summary>
    /// A gauge: listed resources no catalogued endpoint names, kept because their own last call is not yet older than
    /// the delete time on the traffic's clock (after a lost state directory they would otherwise all be deleted).
    /// </summary>
    public long OrphansKept => Interlocked.Read(ref _orphansKept);

    /// <summary>Failed requests by <see cref="WriteFailureReasons"/> value (every reason listed, zeros included).</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Failures =>
        [.. WriteFailureReasons.All.Select(r => KeyValuePair.Create(r, _failures.GetValueOrDefault(r)))];

    public long FailuresOf(string reason) => _failures.GetValueOrDefault(reason);

    internal void Applied() => Interlocked.Increment(ref _applies);

    internal void StatusWritten() => Interlocked.Increment(ref _statusWrites);

    internal void Deleted() => Interlocked.Increment(ref _deletes);

    internal void Retried() => Interlocked.Increment(ref _retries);

    internal void BackedOff() => Interlocked.Increment(ref _backoffs);

    internal void Truncated(long items)
    {
        if (items > 0)
        {
            Interlocked.Add(ref _truncations, items);
        }
    }

    internal void Failed(string reason) => _failures.AddOrUpdate(reason, 1, static (_, n) => n + 1);

    internal void EventCreated() => Interlocked.Increment(ref _eventsCreated);

    internal void EventUpdated() => Interlocked.Increment(ref _eventsUpdated);

    internal void EventSuppressed() => Interlocked.Increment(ref _eventsSuppressed);

    internal void EventFailed() => Interlocked.Increment(ref _eventsFailed);

    internal void FlushCut() => Interlocked.Increment(ref _flushesCut);

    internal void OrphansKeptNow(long count) => Interlocked.Exchange(ref _orphansKept, count);
}
