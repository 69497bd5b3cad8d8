using ApiSentinel.Ingest.V1Alpha1;

namespace ApiSentinel.Sensor.Daemon.Tests.Infrastructure;

/// <summary>
/// What the fake collector holds, kept across its restarts like the real one's database: batches stored by
/// (instance, sequence) with duplicates discarded, every sequence as it arrived on each connection, hellos, statuses.
/// </summary>
internal sealed class CollectorLedger
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ulong> _contiguous = [];
    private readonly List<Call> _calls = [];
    private readonly List<List<ulong>> _connections = [];
    private readonly List<Hello> _hellos = [];
    private readonly List<SensorStatus> _statuses = [];

    public int Duplicates { get; private set; }

    /// <summary>Batches that arrived with a sequence beyond the next expected one (the collector refuses these).</summary>
    public int Gaps { get; private set; }

    public int Refused { get; private set; }

    public IReadOnlyList<Call> Calls
    {
        get
        {
            lock (_lock)
            {
                return [.. _calls];
            }
        }
    }

    public IReadOnlyList<Hello> Hellos
    {
        get
        {
            lock (_lock)
            {
                return [.. _hellos];
            }
        }
    }

    public IReadOnlyList<SensorStatus> Statuses
    {
        get
        {
            lock (_lock)
            {
                return [.. _statuses];
            }
        }
    }

    /// <summary>Per connection, the sequence numbers in arrival order.</summary>
    public IReadOnlyList<IReadOnlyList<ulong>> WireSequences
    {
        get
        {
            lock (_lock)
            {
                return _connections.Select(c => (IReadOnlyList<ulong>)[.. c]).ToList();
            }
        }
    }

    public int CallCount
    {
        get
        {
            lock (_lock)
            {
                return _calls.Count;
            }
        }
    }

    public void AddRefused()
    {
        lock (_lock)
        {
            Refused++;
        }
    }

    /// <summary>A new stream: returns its index and the instance's highest contiguous stored sequence.</summary>
    public (int Connection, ulong Contiguous) Open(Hello hello)
    {
        lock (_lock)
        {
            _hellos.Add(hello);
            _connections.Add([]);
            return (_connections.Count - 1, _contiguous.GetValueOrDefault(hello.InstanceId));
        }
    }

    public void AddStatus(SensorStatus status)
    {
        lock (_lock)
        {
            _statuses.Add(status);
        }
    }

    /// <summary>Records a batch's arrival; stores it when <paramref name="store"/> and it is the next one.</summary>
    /// <returns>The highest contiguous stored sequence after it, or null for a gap.</returns>
    public ulong? Receive(int connection, string instance, CallBatch batch, bool store)
    {
        lock (_lock)
        {
            _connections[connection].Add(batch.Sequence);
            ulong contiguous = _contiguous.GetValueOrDefault(instance);
            if (batch.Sequence <= contiguous)
            {
                Duplicates++;
                return contiguous;
            }
            if (!store)
            {
                return contiguous; // arrived, never made durable
            }
            if (batch.Sequence != contiguous + 1)
            {
                Gaps++;
                return null;
            }
            _calls.AddRange(batch.Calls);
            _contiguous[instance] = batch.Sequence;
            return batch.Sequence;
        }
    }
}
