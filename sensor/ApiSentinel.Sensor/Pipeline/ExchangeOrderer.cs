using System.Runtime.CompilerServices;
using ApiSentinel.Sensor.Extraction;

namespace ApiSentinel.Sensor.Pipeline;

/// <summary>
/// Emits exchange records in request order although connections complete them out of order: tickets are
/// handed out in the order exchanges start, and a record waits until every earlier ticket is redeemed.
/// Bounded two ways, and neither drops a record:
/// <list type="bullet">
/// <item>by count — when more than <see cref="MaxPending"/> completed records wait behind one slow exchange (a long
/// poll, a stalled upload), the oldest unfinished ticket is passed over (<see cref="PassedOverByCount"/>);</item>
/// <item>by time, when <see cref="MaxWaitMicros"/> is positive — a completed record never waits longer than that (in
/// capture time, as told by <see cref="AdvanceTime"/>) behind unfinished earlier tickets: they are passed over
/// (<see cref="PassedOverByWait"/>). A live sensor needs this, or one long poll would hold every later exchange
/// for as long as it lasts.</item>
/// </list>
/// A passed-over ticket's record, when it comes, is emitted at once, out of order (<see cref="OutOfOrder"/>).
/// </summary>
public sealed class ExchangeOrderer : IExchangeSink
{
    private readonly Action<ExchangeRecord> _emit;
    private readonly Dictionary<long, ExchangeRecord> _waiting = new();

    // Waiting records in completion order, with the capture time they completed at. Entries of records already
    // emitted are dropped from the head lazily, so the queue never holds more than what completed within one wait.
    private readonly Queue<(long Ticket, long CompletedMicros)> _completionOrder = new();
    private long _nextTicket;
    private long _nextToEmit;
    private long _nowMicros = long.MinValue;
    private long _nextDeadlineMicros = long.MaxValue;

    /// <param name="emit">Where records go, in order.</param>
    /// <param name="maxPending">Completed records allowed to wait at once.</param>
    /// <param name="maxWaitMicros">Longest wait of a completed record, in capture-time µs; 0 = no time bound.</param>
    public ExchangeOrderer(Action<ExchangeRecord> emit, int maxPending = 65536, long maxWaitMicros = 0)
    {
        ArgumentNullException.ThrowIfNull(emit);
        ArgumentOutOfRangeException.ThrowIfNegative(maxWaitMicros);
        _emit = emit;
        MaxPending = maxPending;
        MaxWaitMicros = maxWaitMicros;
    }

    public int MaxPending { get; }

    /// <summary>Longest a completed record waits behind an unfinished earlier one; 0 = unbounded in time.</summary>
    public long MaxWaitMicros { get; }

    /// <summary>Records emitted after a later one because a bound forced their ticket to be passed over.</summary>
    public long OutOfOrder { get; private set; }

    /// <summary>Unfinished tickets passed over because more than <see cref="MaxPending"/> records waited behind them.</summary>
    public long PassedOverByCount { get; private set; }

    /// <summary>Unfinished tickets passed over because a record behind them waited <see cref="MaxWaitMicros"/>.</summary>
    public long PassedOverByWait { get; private set; }

    /// <summary>Largest number of records that waited at once.</summary>
    public int PeakWaiting { get; private set; }

    /// <summary>Records waiting now.</summary>
    public int Waiting => _waiting.Count;

    public long OnExchangeStarted(long timestampMicros) => _nextTicket++;

    /// <summary>
    /// Capture time has reached <paramref name="nowMicros"/> (it never goes back: an earlier value is ignored).
    /// Emits what has waited <see cref="MaxWaitMicros"/>. One comparison unless a wait has expired.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AdvanceTime(long nowMicros)
    {
        if (nowMicros > _nowMicros)
        {
            _nowMicros = nowMicros;
        }
        if (_nowMicros >= _nextDeadlineMicros)
        {
            PassOverExpiredWaits();
        }
    }

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
            // Passed over at a bound (or, defensively, a ticket redeemed twice): late, never lost, never stuck.
            OutOfOrder++;
            _emit(record);
            return;
        }
        _waiting[ticket] = record;
        PeakWaiting = Math.Max(PeakWaiting, _waiting.Count);
        if (MaxWaitMicros > 0)
        {
            _completionOrder.Enqueue((ticket, _nowMicros));
            if (_nextDeadlineMicros == long.MaxValue)
            {
                _nextDeadlineMicros = DeadlineOf(_nowMicros);
            }
        }
        while (_waiting.Count > MaxPending)
        {
            PassedOverByCount++;
            _nextToEmit++;
            Drain();
        }
    }

    /// <summary>At the end of input: emits whatever still waits, in ticket order.</summary>
    public void Flush()
    {
        foreach (var ticket in _waiting.Keys.Order().ToList())
        {
            _emit(_waiting[ticket]);
            _waiting.Remove(ticket);
            _nextToEmit = ticket + 1;
        }
        _completionOrder.Clear();
        _nextDeadlineMicros = long.MaxValue;
    }

    private void Drain()
    {
        while (_waiting.Remove(_nextToEmit, out var record))
        {
            _emit(record);
            _nextToEmit++;
        }
        if (_completionOrder.Count > 0)
        {
            DropEmittedHeads();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void PassOverExpiredWaits()
    {
        DropEmittedHeads();
        while (_completionOrder.TryPeek(out var head) && _nowMicros >= DeadlineOf(head.CompletedMicros))
        {
            // Every ticket before the record that waited too long: emit the finished ones, pass over the rest.
            for (; _nextToEmit < head.Ticket; _nextToEmit++)
            {
                if (_waiting.Remove(_nextToEmit, out var record))
                {
                    _emit(record);
                }
                else
                {
                    PassedOverByWait++;
                }
            }
            Drain(); // emits the head and whatever follows it unbroken, and drops their queue entries
        }
    }

    /// <summary>Drops queue entries of records already emitted and sets the next deadline from the new head.</summary>
    private void DropEmittedHeads()
    {
        while (_completionOrder.TryPeek(out var head) && head.Ticket < _nextToEmit)
        {
            _completionOrder.Dequeue();
        }
        _nextDeadlineMicros = _completionOrder.TryPeek(out var next) ? DeadlineOf(next.CompletedMicros) : long.MaxValue;
    }

    private long DeadlineOf(long completedMicros) =>
        completedMicros > long.MaxValue - MaxWaitMicros ? long.MaxValue : completedMicros + MaxWaitMicros;
}
