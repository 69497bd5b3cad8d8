using ApiSentinel.Collector.Endpoints;
using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Findings;

/// <summary>
/// Detects behavioural findings (scanning, id enumeration, auth-failure bursts) from the stream of calls, per
/// source and client address. Windows slide on event time — the calls' timestamps — kept per source
/// (<see cref="SourceWindows"/>): a source whose clock is a year ahead, or one replaying a backlog hours old, moves
/// only its own windows. The collector's own clock (<see cref="TimeProvider"/>) is used for one thing only: a source
/// silent for longer than every window is closed out at the next <see cref="ExpireIdleSources"/>. Not thread-safe:
/// one catalog owns one detector.
/// <para>
/// Memory is bounded: at most <see cref="FindingOptions.MaxSources"/> sources (calls from further ones are counted,
/// not tracked); at most <see cref="FindingOptions.MaxTrackedClients"/> clients across all sources — at the bound a
/// source holding at least its fair share gives up its own least recently seen client, otherwise the source holding
/// most does, so one flooding source cannot push out the clients of the others (open episodes of a dropped client
/// are kept as findings); at most <see cref="FindingOptions.MaxEventsPerWindow"/> calls per window; clients idle
/// (by their source's event time) beyond every window and the merge gap are dropped; at most
/// <see cref="FindingOptions.MaxFindings"/> closed findings are kept.
/// </para>
/// <para>
/// Cost: <see cref="Observe"/> allocates nothing once a client is known — forgotten clients are recycled with their
/// windows, id streams are found by a short linear scan, and the last source is cached (calls come in batches).
/// </para>
/// </summary>
public sealed partial class FindingDetector
{
    /// <summary>
    /// Forgotten clients kept for reuse; beyond this they go to the GC. Churn at the client bound forgets one and
    /// admits one per call, so a few suffice; a spare of 1,024 held 5.6 MB of idle windows in bench/CatalogThroughput.
    /// </summary>
    private const int MaxSpareClients = 64;

    private readonly FindingOptions _options;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, SourceWindows> _sources = new(StringComparer.Ordinal);
    private readonly Stack<LinkedListNode<ClientActivity>> _spare = new();
    private readonly ClosedFindings _closed;
    private readonly long _idleLimitMicros;
    private SourceWindows? _lastSource;
    private int _trackedClients;

    public FindingDetector(FindingOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _time = time ?? TimeProvider.System;
        _closed = new ClosedFindings(options.MaxFindings, Counters);
        var longestWindow = Math.Max(options.ScannerWindowMicros, Math.Max(options.EnumerationWindowMicros, options.AuthFailureWindowMicros));
        _idleLimitMicros = longestWindow + options.EpisodeMergeGapMicros;
    }

    public FindingCounters Counters { get; } = new();

    /// <summary>Clients currently holding state, across sources.</summary>
    public int TrackedClients => _trackedClients;

    /// <summary>Sources currently holding state.</summary>
    public int TrackedSources => _sources.Count;

    public void Observe(ApiCall call, EndpointKey endpoint)
    {
        ArgumentNullException.ThrowIfNull(call);
        Counters.CallsObserved++;
        if (SourceFor(call.Source) is not { } source)
        {
            Counters.CallsFromUntrackedSources++;
            return;
        }

        source.Calls++;
        if (!source.Advance(call.TimestampMicros, _options.MaxUnconfirmedClockJumpMicros))
        {
            Counters.UnconfirmedClockJumps++;
        }
        if (call.ClientAddress is { } client)
        {
            ClientFor(source, client).Observe(call, endpoint, _closed);
        }
        else
        {
            // Findings are per client; calls with no address would all look like one client and merge a proxy
            // recording's many users into one "scanner" or "enumerator".
            Counters.CallsWithoutClient++;
        }

        ExpireIdleClients(source);
    }

    /// <summary>
    /// Closes out every source that sent nothing since the previous sweep and has been silent, by the collector's
    /// clock, for longer than every window and the merge gap: its clients' open episodes become findings and its
    /// state is dropped. Wall-clock by nature — a silent source has no event time of its own to go by. The catalog
    /// calls it at each build.
    /// </summary>
    public void ExpireIdleSources()
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
        List<SourceWindows>? idle = null;
        foreach (var source in _sources.Values)
        {
            if (source.Calls != source.CallsAtLastSweep || source.LastHeardWallMicros == 0)
            {
                source.CallsAtLastSweep = source.Calls;
                source.LastHeardWallMicros = now;
            }
            else if (now - source.LastHeardWallMicros > _idleLimitMicros)
            {
                (idle ??= []).Add(source);
            }
        }

        if (idle is null)
        {
            return;
        }

        // Name order, so the closed findings (capped) are added the same way every run.
        idle.Sort(static (x, y) => string.CompareOrdinal(x.Name, y.Name));
        foreach (var source in idle)
        {
            while (source.Recency.First is { } oldest)
            {
                Forget(oldest);
            }

            _sources.Remove(source.Name);
            Counters.SourcesExpired++;
        }

        _lastSource = null;
    }

    /// <summary>Closed and still-open findings, ordered by start time, kind, client, end time, then source.</summary>
    public IReadOnlyList<Finding> Findings()
    {
        var all = new List<Finding>(_closed.All);
        foreach (var source in _sources.Values)
        {
            foreach (var client in source.Recency)
            {
                all.AddRange(client.OpenFindings());
            }
        }

        all.Sort(static (x, y) =>
        {
            var order = x.FromMicros.CompareTo(y.FromMicros);
            if (order == 0)
            {
                order = string.CompareOrdinal(x.Kind, y.Kind);
            }

            if (order == 0)
            {
                order = string.CompareOrdinal(x.Client, y.Client);
            }

            if (order == 0)
            {
                order = x.ToMicros.CompareTo(y.ToMicros);
            }

            if (order == 0)
            {
                order = string.CompareOrdinal(x.Source, y.Source);
            }

            return order != 0 ? order : string.CompareOrdinal(x.Summary, y.Summary);
        });
        return all;
    }

    private SourceWindows? SourceFor(string name)
    {
        if (_lastSource is { } last && (ReferenceEquals(last.Name, name) || string.Equals(last.Name, name, StringComparison.Ordinal)))
        {
            return last;
        }

        if (!_sources.TryGetValue(name, out var source))
        {
            // First-come sources keep their place, like hosts in the catalog: a flood of invented source names
            // cannot push out the real sensors. Idle sources are closed out, which frees their places.
            if (_sources.Count >= _options.MaxSources)
            {
                return null;
            }

            source = new SourceWindows(name);
            _sources.Add(name, source);
        }

        _lastSource = source;
        return source;
    }

    private ClientActivity ClientFor(SourceWindows source, string address)
    {
        if (source.Clients.TryGetValue(address, out var node))
        {
            if (!ReferenceEquals(source.Recency.Last, node))
            {
                source.Recency.Remove(node);
                source.Recency.AddLast(node);
            }

            return node.Value;
        }

        if (_trackedClients >= _options.MaxTrackedClients)
        {
            Forget(VictimFor(source).Recency.First!);
            Counters.ClientsEvicted++;
        }

        if (_spare.TryPop(out node))
        {
            node.Value.Reuse(address, source);
        }
        else
        {
            node = new LinkedListNode<ClientActivity>(new ClientActivity(address, source, _options, Counters));
        }

        source.Recency.AddLast(node);
        source.Clients.Add(address, node);
        _trackedClients++;
        return node.Value;
    }

    /// <summary>The source that gives up a client: the arriving one when it holds its fair share, else the largest.</summary>
    private SourceWindows VictimFor(SourceWindows arriving)
    {
        var held = arriving.Clients.Count;
        if (held > 0 && (long)held * _sources.Count >= _options.MaxTrackedClients)
        {
            return arriving;
        }

        SourceWindows? largest = null;
        foreach (var source in _sources.Values)
        {
            if (largest is null || source.Clients.Count > largest.Clients.Count ||
                (source.Clients.Count == largest.Clients.Count && string.CompareOrdinal(source.Name, largest.Name) < 0))
            {
                largest = source;
            }
        }

        return largest!;
    }

    private void ExpireIdleClients(SourceWindows source)
    {
        // A hostile timestamp near long.MinValue must not wrap the horizon round to "everything is idle".
        if (source.LatestMicros < long.MinValue + _idleLimitMicros)
        {
            return;
        }

        // The recency list is in arrival order, which is capture order give or take reordering, so the idle
        // clients are at the front; stopping at the first live one keeps this O(1) per call amortised.
        var horizon = source.LatestMicros - _idleLimitMicros;
        while (source.Recency.First is { } oldest && oldest.Value.LastSeenMicros < horizon)
        {
            Forget(oldest);
            Counters.ClientsExpired++;
        }
    }

    private void Forget(LinkedListNode<ClientActivity> node)
    {
        var client = node.Value;
        client.CloseAll(_closed);
        client.Source.Recency.Remove(node);
        client.Source.Clients.Remove(client.Address);
        _trackedClients--;
        if (_spare.Count < MaxSpareClients)
        {
            _spare.Push(node);
        }
    }
}
