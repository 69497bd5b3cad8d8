using ApiSentinel.Collector.Catalog.State;

namespace ApiSentinel.Collector.Catalog;

/// <summary>
/// An endpoint's calls per hour of event time since the last checkpoint drained them. Kept on the endpoint so the
/// counts follow it through re-keys and merges: calls arrive under interim keys, and only the build a checkpoint does
/// knows the identity they finally belong to.
/// </summary>
/// <remarks>
/// Bounded: a source with a wild clock could name a new hour in every call. Past <see cref="MaxPendingHours"/> distinct
/// hours a call for yet another hour is counted in <see cref="Dropped"/> (the endpoint's other aggregates still have it);
/// merges are not bounded, like the endpoint's other maps. Between two checkpoints a live stream names one or two hours.
/// </remarks>
internal sealed class HourlyUsage
{
    public const long HourMicros = 3_600_000_000L;

    /// <summary>Distinct pending hours kept per endpoint: 85 days, more than the default retention of stored usage.</summary>
    public const int MaxPendingHours = 2048;

    private readonly Dictionary<long, Count> _hours = [];

    // Calls to one endpoint come in runs within one hour: the last hour's counter is kept to skip the lookup.
    private long _lastHour = long.MinValue;
    private Count? _last;

    /// <summary>Calls not counted here because <see cref="MaxPendingHours"/> hours were pending.</summary>
    public long Dropped { get; private set; }

    public int PendingHours => _hours.Count;

    /// <summary>A server-side failure: a 5xx status, or no response at all.</summary>
    public static bool IsError(int? status) => status is null or >= 500;

    /// <summary>The start of the hour holding <paramref name="micros"/> (floor, also before the epoch).</summary>
    public static long HourOf(long micros) => micros - (((micros % HourMicros) + HourMicros) % HourMicros);

    public void Add(long timestampMicros, int? status)
    {
        var hour = HourOf(timestampMicros);
        var count = hour == _lastHour ? _last : Find(hour, create: _hours.Count < MaxPendingHours);
        if (count is null)
        {
            Dropped++;
            return;
        }
        count.Requests++;
        count.Errors += IsError(status) ? 1 : 0;
    }

    /// <summary>Adds counts of another endpoint or of a checkpoint that failed (no bound: nothing may be lost here).</summary>
    public void Add(long hourStartMicros, long requests, long errors)
    {
        var count = Find(hourStartMicros, create: true)!;
        count.Requests += requests;
        count.Errors += errors;
    }

    public void MergeFrom(HourlyUsage other)
    {
        foreach (var (hour, count) in other._hours)
        {
            Add(hour, count.Requests, count.Errors);
        }
        Dropped += other.Dropped;
    }

    /// <summary>The pending hours in hour order, and nothing pending afterwards.</summary>
    public List<(long Hour, long Requests, long Errors)> Drain()
    {
        var drained = _hours.OrderBy(h => h.Key).Select(h => (h.Key, h.Value.Requests, h.Value.Errors)).ToList();
        _hours.Clear();
        _last = null;
        _lastHour = long.MinValue;
        return drained;
    }

    internal void WriteState(StateWriter writer)
    {
        var hours = _hours.Keys.ToArray();
        Array.Sort(hours);
        writer.WriteCount(hours.Length);
        foreach (var hour in hours)
        {
            writer.WriteLong(hour);
            writer.WriteLong(_hours[hour].Requests);
            writer.WriteLong(_hours[hour].Errors);
        }
        writer.WriteLong(Dropped);
    }

    internal void ReadState(StateReader reader)
    {
        var hours = reader.ReadCount();
        for (var i = 0; i < hours; i++)
        {
            var hour = reader.ReadLong();
            var count = new Count { Requests = reader.ReadNonNegative(), Errors = reader.ReadNonNegative() };
            if (HourOf(hour) != hour || count.Errors > count.Requests || !_hours.TryAdd(hour, count))
            {
                throw reader.Corrupt("invalid usage hour");
            }
        }
        Dropped = reader.ReadNonNegative();
    }

    private Count? Find(long hour, bool create)
    {
        if (!_hours.TryGetValue(hour, out var count))
        {
            if (!create)
            {
                return null;
            }
            _hours[hour] = count = new Count();
        }
        _lastHour = hour;
        _last = count;
        return count;
    }

    private sealed class Count
    {
        public long Requests;
        public long Errors;
    }
}
