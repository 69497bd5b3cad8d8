namespace ApiSentinel.Collector.Findings;

/// <summary>
/// The ids one client used in one parameter position of one endpoint within the enumeration window, with how
/// often each occurs so the distinct set is maintained as calls enter and age out.
/// </summary>
internal sealed partial class IdWindow(FindingOptions options, FindingCounters counters)
{
    private readonly Dictionary<long, int> _idCounts = [];

    public EventWindow<IdEvent> Events { get; } = new(options.MaxEventsPerWindow);

    public long LastSeenMicros { get; private set; }

    /// <summary>Adds a call; returns true when its id is new to the window (the only moment the run can grow).</summary>
    public bool Add(in IdEvent call)
    {
        LastSeenMicros = Math.Max(LastSeenMicros, call.TimestampMicros);
        while (Events.Count > 0 && Events.Oldest.TimestampMicros <= call.TimestampMicros - options.EnumerationWindowMicros)
        {
            Forget(Events.RemoveOldest().Id);
        }

        if (Events.IsFull)
        {
            Forget(Events.RemoveOldest().Id);
            counters.WindowEventsDropped++;
        }

        Events.Add(call);
        var seen = _idCounts.GetValueOrDefault(call.Id);
        _idCounts[call.Id] = seen + 1;
        return seen == 0;
    }

    public int DistinctIds => _idCounts.Count;

    /// <summary>Forgets everything, keeping storage, so an evicted window can serve the next stream.</summary>
    public void Reset()
    {
        _idCounts.Clear();
        Events.Clear();
        LastSeenMicros = 0;
    }

    /// <summary>The longest near-sequential run among the window's distinct ids; <paramref name="scratch"/> is reused storage.</summary>
    public IdRun LongestRun(ref long[] scratch)
    {
        if (scratch.Length < _idCounts.Count)
        {
            scratch = new long[Math.Max(_idCounts.Count, scratch.Length * 2)];
        }

        _idCounts.Keys.CopyTo(scratch, 0);
        var ids = scratch.AsSpan(0, _idCounts.Count);
        ids.Sort();

        var best = new IdRun(ids[0], ids[0], 1);
        var start = 0;
        for (var i = 1; i < ids.Length; i++)
        {
            if (ids[i] - ids[i - 1] > options.EnumerationMaxIdGap)
            {
                start = i;
            }
            else if (i - start + 1 > best.Length)
            {
                best = new IdRun(ids[start], ids[i], i - start + 1);
            }
        }

        return best;
    }

    private void Forget(long id)
    {
        var left = _idCounts[id] - 1;
        if (left == 0)
        {
            _idCounts.Remove(id);
        }
        else
        {
            _idCounts[id] = left;
        }
    }
}
