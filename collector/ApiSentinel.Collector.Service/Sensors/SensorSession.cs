using ApiSentinel.Collector.Catalog;
using ApiSentinel.Ingest.V1Alpha1;

namespace ApiSentinel.Collector.Service.Sensors;

/// <summary>
/// One sensor instance as the collector knows it (<c>GET /api/v1/sensors</c>): who it said it is in its Hello, whether
/// a stream of it is open, when it was last heard from, what it sent and its own counters from its last SensorStatus.
/// Thread-safe: its streams update it, the API reads it.
/// </summary>
public sealed class SensorSession
{
    /// <summary>Counters kept from one SensorStatus; the sensor reports a few dozen, so this only stops a runaway one.</summary>
    public const int MaxCounters = 256;

    /// <summary>Longest counter name kept (the sensor's are under 40 characters).</summary>
    public const int MaxCounterNameLength = 128;

    private readonly TimeProvider _time;
    private long _countersRefused;
    private long _lastSeenTicks;
    private long _callsReceived;
    private long _batches;
    private long _duplicates;
    private long _outOfOrder;
    private volatile IReadOnlyDictionary<string, ulong> _counters = new Dictionary<string, ulong>();
    private volatile Hello _hello;

    internal SensorSession(StreamKey key, Hello hello, TimeProvider time)
    {
        Key = key;
        _hello = hello;
        _time = time;
        Seen();
    }

    public StreamKey Key { get; }

    /// <summary>The Hello of the latest stream (a reconnect may report a new node or interfaces).</summary>
    public Hello Hello => _hello;

    /// <summary>Streams of this instance open now (normally 0 or 1; briefly 2 while a reconnect replaces a stale one).</summary>
    public int OpenStreams { get; internal set; }

    /// <summary>Held by a stream from storing a batch until the catalog took it, so one instance's batches reach the catalog in sequence order even across overlapping streams.</summary>
    public SemaphoreSlim IngestGate { get; } = new(1, 1);

    public DateTimeOffset LastSeen => new(Interlocked.Read(ref _lastSeenTicks), TimeSpan.Zero);

    public long CallsReceived => Interlocked.Read(ref _callsReceived);

    public long Batches => Interlocked.Read(ref _batches);

    public long Duplicates => Interlocked.Read(ref _duplicates);

    public long OutOfOrder => Interlocked.Read(ref _outOfOrder);

    /// <summary>The sensor's cumulative counters from its last SensorStatus (at most <see cref="MaxCounters"/>).</summary>
    public IReadOnlyDictionary<string, ulong> Counters => _counters;

    /// <summary>Counter entries not kept, over all statuses: past <see cref="MaxCounters"/> or a name past <see cref="MaxCounterNameLength"/>.</summary>
    public long CountersRefused => Interlocked.Read(ref _countersRefused);

    internal void Reconnected(Hello hello) => _hello = hello;

    public void Seen() => Interlocked.Exchange(ref _lastSeenTicks, _time.GetUtcNow().UtcTicks);

    public void BatchIngested(int calls)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _callsReceived, calls);
    }

    public void DuplicateBatch() => Interlocked.Increment(ref _duplicates);

    public void OutOfOrderBatch() => Interlocked.Increment(ref _outOfOrder);

    /// <summary>
    /// Replaces the counters (bounded: <see cref="MaxCounters"/> names of at most <see cref="MaxCounterNameLength"/>
    /// characters, the rest counted in <see cref="CountersRefused"/>); returns how much each one grew since the previous
    /// status (for drop metrics).
    /// </summary>
    public IReadOnlyDictionary<string, ulong> Status(SensorStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var previous = _counters;
        var current = new Dictionary<string, ulong>(Math.Min(status.Counters.Count, MaxCounters), StringComparer.Ordinal);
        // The counters the collector reads first, so a flood of others can never push them out.
        foreach (var (name, value) in status.Counters.OrderBy(c => SensorCounters.DropReason(c.Key) is null))
        {
            if (name.Length > MaxCounterNameLength || current.Count == MaxCounters)
            {
                Interlocked.Increment(ref _countersRefused);
                continue;
            }
            current[name] = value;
        }
        _counters = current;
        var growth = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (var (name, value) in current)
        {
            var before = previous.GetValueOrDefault(name);
            if (value > before)
            {
                growth[name] = value - before;
            }
        }
        return growth;
    }
}
