using ApiSentinel.Sensor.Extraction;

namespace ApiSentinel.Sensor.Pipeline;

/// <summary>
/// Emits exchange records in request order although connections complete them out of order: tickets are
/// handed out in the order exchanges start, and a record waits until every earlier ticket is redeemed.
/// Bounded: when more than <see cref="MaxPending"/> completed records wait behind one slow exchange (a long poll,
/// a stalled upload), the oldest unfinished ticket is passed over and its record, when it comes, is emitted
/// out of order — counted in <see cref="OutOfOrder"/>, never dropped.
/// </summary>
public sealed class ExchangeOrderer : IExchangeSink
{
    private readonly Action<ExchangeRecord> _emit;
    private readonly Dictionary<long, ExchangeRecord> _waiting = new();
    private readonly HashSet<long> _passedOver = [];
    private long _nextTicket;
    private long _nextToEmit;

    public ExchangeOrderer(Action<ExchangeRecord> emit, int maxPending = 65536)
    {
        _emit = emit;
        MaxPending = maxPending;
    }

    public int MaxPending { get; }

    /// <summary>Records emitted after a later one because the bound forced their ticket to be passed over.</summary>
    public long OutOfOrder { get; private set; }

    /// <summary>Largest number of records that waited at once.</summary>
    public int PeakWaiting { get; private set; }

    public long OnExchangeStarted(long timestampMicros) => _nextTicket++;

    public void OnExchangeCompleted(long ticket, ExchangeRecord record)
    {
        if (ticket == _nextToEmit)
        {
            _emit(record);
            _nextToEmit++;
            Drain();
            return;
        }
        if (ticket < _nextToEmit)
        {
            // Passed over at the bound (or, defensively, a ticket redeemed twice): late, never lost, never stuck.
            _passedOver.Remove(ticket);
            OutOfOrder++;
            _emit(record);
            return;
        }
        _waiting[ticket] = record;
        PeakWaiting = Math.Max(PeakWaiting, _waiting.Count);
        while (_waiting.Count > MaxPending)
        {
            _passedOver.Add(_nextToEmit);
            _nextToEmit++;
            Drain();
        }
    }

    /// <summary>At the end of input: emits whatever still waits, in ticket order.</summary>
    public void Flush()
    {
        foreach (var ticket in _waiting.Keys.Order().ToList())
        {
            for (; _nextToEmit < ticket; _nextToEmit++)
            {
                _passedOver.Add(_nextToEmit);
            }
            _emit(_waiting[ticket]);
            _waiting.Remove(ticket);
            _nextToEmit = ticket + 1;
        }
    }

    private void Drain()
    {
        while (_waiting.Remove(_nextToEmit, out var record))
        {
            _emit(record);
            _nextToEmit++;
        }
    }
}
