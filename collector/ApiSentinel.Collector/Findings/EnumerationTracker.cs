using ApiSentinel.Collector.Endpoints;
using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Findings;

/// <summary>
/// Id-enumeration detection for one client: an id window per parameterised endpoint and parameter position
/// (least recently used beyond <see cref="FindingOptions.EnumerationMaxEndpointsPerClient"/> is dropped), and
/// one open episode shared by all of them, since one finding is reported per (kind, client, episode).
/// </summary>
internal sealed class EnumerationTracker(FindingOptions options, FindingCounters counters)
{
    /// <summary>Parameter positions read per path; templates with more numeric parameters are rare.</summary>
    private const int MaxParametersPerPath = 4;

    // Least recently used first: eviction at the bound is O(1). A LINQ MinBy over the map on every new stream was
    // 42 % of the catalog's ingest CPU for clients spread over more endpoints than the bound (bench/CatalogThroughput).
    private readonly Dictionary<IdStreamKey, LinkedListNode<(IdStreamKey Key, IdWindow Window)>> _streams = [];
    private readonly LinkedList<(IdStreamKey Key, IdWindow Window)> _recency = new();
    private long[] _scratch = [];
    private EnumerationEpisode? _open;

    public EnumerationEpisode? Open => _open;

    public void Observe(ApiCall call, EndpointKey endpoint, ClosedFindings closed, string client)
    {
        Span<(int Position, long Id)> ids = stackalloc (int, long)[MaxParametersPerPath];
        var found = NumericPathParameter.Extract(endpoint.PathTemplate, call.Path, ids);
        for (var i = 0; i < found; i++)
        {
            var key = new IdStreamKey(endpoint, ids[i].Position);
            var window = StreamFor(key);
            var idEvent = new IdEvent(call.TimestampMicros, ids[i].Id, call.Status is not null, call.Status is >= 200 and < 300);
            if (!window.Add(idEvent) || window.DistinctIds < options.EnumerationMinDistinctIds)
            {
                continue;
            }

            var run = window.LongestRun(ref _scratch);
            if (run.Length < options.EnumerationMinDistinctIds)
            {
                continue;
            }

            if (_open is not null && !_open.Continues(call.TimestampMicros))
            {
                Close(closed, client);
            }

            _open ??= new EnumerationEpisode(call.TimestampMicros, options);
            _open.AddRun(key, run);
            var events = window.Events;
            for (var e = events.TakeUncounted(); e < events.Count; e++)
            {
                _open.Add(key, in events[e]);
            }
        }
    }

    public void Close(ClosedFindings closed, string client)
    {
        if (_open is not null)
        {
            closed.Add(_open.ToFinding(client));
            _open = null;
        }
    }

    private IdWindow StreamFor(IdStreamKey key)
    {
        if (_streams.TryGetValue(key, out var node))
        {
            _recency.Remove(node);
            _recency.AddLast(node);
            return node.Value.Window;
        }

        if (_streams.Count >= options.EnumerationMaxEndpointsPerClient)
        {
            // Recycle the stalest stream's node and window: a client spread over more endpoints than the bound
            // evicts on nearly every call, and allocating afresh each time made the GC the catalog's main cost.
            var stalest = _recency.First!;
            _recency.RemoveFirst();
            _streams.Remove(stalest.Value.Key);
            stalest.Value.Window.Reset();
            stalest.Value = (key, stalest.Value.Window);
            _recency.AddLast(stalest);
            _streams.Add(key, stalest);
            return stalest.Value.Window;
        }

        var window = new IdWindow(options, counters);
        _streams.Add(key, _recency.AddLast((key, window)));
        return window;
    }
}
