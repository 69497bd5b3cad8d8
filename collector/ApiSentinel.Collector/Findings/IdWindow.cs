namespace ApiSentinel.Collector.Findings;

/// <summary>
/// The ids one client used in one parameter position of one endpoint within the enumeration window, with how
/// often each occurs so the distinct set is maintained as calls enter and age out.
/// <para>
/// The distinct ids are kept sorted (parallel arrays of id and occurrences, binary search, a shift on insert or
/// removal) rather than in a hash map: <see cref="LongestRun"/> is asked for on every new id once the window holds
/// <see cref="FindingOptions.EnumerationMinDistinctIds"/>, and copying and sorting every distinct id each time made
/// it O(n log n) per call for busy clients. Sorted, the run is one pass with no copy; a window holds at most
/// <see cref="FindingOptions.MaxEventsPerWindow"/> ids, so a shift moves a few KB at worst.
/// </para>
/// </summary>
internal sealed partial class IdWindow(FindingOptions options, FindingCounters counters)
{
    private const int InitialCapacity = 8;

    private long[] _ids = new long[InitialCapacity];
    private int[] _occurrences = new int[InitialCapacity];
    private int _distinct;

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
        return Count(call.Id);
    }

    public int DistinctIds => _distinct;

    /// <summary>Forgets everything, keeping storage, so an evicted window can serve the next stream.</summary>
    public void Reset()
    {
        _distinct = 0;
        Events.Clear();
        LastSeenMicros = 0;
    }

    /// <summary>The longest near-sequential run among the window's distinct ids (the lowest such run on a tie).</summary>
    public IdRun LongestRun()
    {
        var ids = _ids.AsSpan(0, _distinct);
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

    /// <summary>Counts one occurrence of an id; true when it was not in the window.</summary>
    private bool Count(long id)
    {
        var at = Array.BinarySearch(_ids, 0, _distinct, id);
        if (at >= 0)
        {
            _occurrences[at]++;
            return false;
        }

        at = ~at;
        if (_distinct == _ids.Length)
        {
            // Never more distinct ids than events, so the cap bounds the arrays too.
            var grown = Math.Min(_ids.Length * 2, options.MaxEventsPerWindow);
            Array.Resize(ref _ids, grown);
            Array.Resize(ref _occurrences, grown);
        }

        Array.Copy(_ids, at, _ids, at + 1, _distinct - at);
        Array.Copy(_occurrences, at, _occurrences, at + 1, _distinct - at);
        _ids[at] = id;
        _occurrences[at] = 1;
        _distinct++;
        return true;
    }

    private void Forget(long id)
    {
        var at = Array.BinarySearch(_ids, 0, _distinct, id);
        if (--_occurrences[at] == 0)
        {
            _distinct--;
            Array.Copy(_ids, at + 1, _ids, at, _distinct - at);
            Array.Copy(_occurrences, at + 1, _occurrences, at, _distinct - at);
        }
    }
}
