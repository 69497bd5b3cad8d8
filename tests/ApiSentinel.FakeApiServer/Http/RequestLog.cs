namespace ApiSentinel.FakeApiServer.Http;

/// <summary>Every request the server answered, in order of completion. Thread-safe; bounded so a long run cannot grow it forever.</summary>
public sealed class RequestLog
{
    /// <summary>Records kept; older ones are dropped first and counted in <see cref="Dropped"/>.</summary>
    public const int Capacity = 100_000;

    private readonly Lock _gate = new();
    private readonly Queue<RequestRecord> _records = new();
    private long _dropped;

    public long Dropped { get { lock (_gate) { return _dropped; } } }

    public IReadOnlyList<RequestRecord> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _records];
            }
        }
    }

    public IReadOnlyList<RequestRecord> Where(Func<RequestRecord, bool> predicate) => [.. All.Where(predicate)];

    public void Clear()
    {
        lock (_gate)
        {
            _records.Clear();
        }
    }

    internal void Add(RequestRecord record)
    {
        lock (_gate)
        {
            if (_records.Count == Capacity)
            {
                _records.Dequeue();
                _dropped++;
            }
            _records.Enqueue(record);
        }
    }
}
