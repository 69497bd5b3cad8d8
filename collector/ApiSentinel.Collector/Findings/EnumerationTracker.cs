using ApiSentinel.Collector.Endpoints;
using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Findings;

/// <summary>
/// Id-enumeration detection for one client: an id window per parameterised endpoint and parameter position
/// (least recently used beyond <see cref="FindingOptions.EnumerationMaxEndpointsPerClient"/> is dropped), and
/// one open episode shared by all of them, since one finding is reported per (kind, client, episode).
/// </summary>
internal sealed partial class EnumerationTracker(FindingOptions options, FindingCounters counters)
{
    /// <summary>Parameter positions read per path; templates with more numeric parameters are rare.</summary>
    private const int MaxParametersPerPath = 4;

    // The streams are a handful per client (at most EnumerationMaxEndpointsPerClient, 32 by default), so they sit in
    // parallel arrays scanned linearly, recency kept as a use stamp. The profile before this attributed most of the
    // catalog's ingest time to this lookup: a dictionary keyed by (host, method, template, position) hashed three
    // strings per call, and its linked-list recency allocated a node per new stream. The template string usually is
    // the very instance the compiled trie handed out, so the scan's comparisons mostly end at a reference check.
    private IdStreamKey[] _keys = [];
    private IdWindow?[] _windows = [];
    private long[] _lastUsed = [];

    // Per stream, its evidence in the open episode (a cache: looked up again when the episode is another one).
    private EnumerationEpisode.StreamEvidence?[] _evidence = [];
    private EnumerationEpisode?[] _evidenceOf = [];
    private int _count;
    private long _uses;
    private EnumerationEpisode? _open;

    public EnumerationEpisode? Open => _open;

    /// <summary>Id streams held (for tests and bounds).</summary>
    public int StreamCount => _count;

    public void Observe(ApiCall call, EndpointKey endpoint, ClosedFindings closed, string client, string source)
    {
        Span<(int Position, long Id)> ids = stackalloc (int, long)[MaxParametersPerPath];
        var found = NumericPathParameter.Extract(endpoint.PathTemplate, call.Path, ids);
        for (var i = 0; i < found; i++)
        {
            var slot = StreamFor(endpoint, ids[i].Position);
            var window = _windows[slot]!;
            var idEvent = new IdEvent(call.TimestampMicros, ids[i].Id, call.Status is not null, call.Status is >= 200 and < 300);
            if (!window.Add(idEvent) || window.DistinctIds < options.EnumerationMinDistinctIds)
            {
                continue;
            }

            var run = window.LongestRun();
            if (run.Length < options.EnumerationMinDistinctIds)
            {
                continue;
            }

            if (_open is not null && !_open.Continues(call.TimestampMicros))
            {
                Close(closed, client, source);
            }

            var key = new IdStreamKey(endpoint, ids[i].Position);
            _open ??= new EnumerationEpisode(call.TimestampMicros, options);
            var evidence = EvidenceFor(slot, key);
            _open.AddRun(evidence, run);
            var events = window.Events;
            for (var e = events.TakeUncounted(); e < events.Count; e++)
            {
                _open.Add(key, evidence, in events[e]);
            }
        }
    }

    public void Close(ClosedFindings closed, string client, string source)
    {
        if (_open is not null)
        {
            closed.Add(_open.ToFinding(client, source));
            _open = null;
        }
    }

    /// <summary>Forgets every stream and the open episode, keeping the windows' storage for the next client.</summary>
    public void Reset()
    {
        Array.Clear(_keys, 0, _count);
        Array.Clear(_evidence, 0, _count);
        Array.Clear(_evidenceOf, 0, _count);
        _count = 0;
        _uses = 0;
        _open = null;
    }

    private int StreamFor(EndpointKey endpoint, int position)
    {
        for (var i = _count - 1; i >= 0; i--)
        {
            ref readonly var key = ref _keys[i];
            if (key.Position == position && Same(key.Endpoint.PathTemplate, endpoint.PathTemplate) &&
                Same(key.Endpoint.Method, endpoint.Method) && Same(key.Endpoint.Host, endpoint.Host))
            {
                _lastUsed[i] = ++_uses;
                return i;
            }
        }

        int slot;
        if (_count >= options.EnumerationMaxEndpointsPerClient)
        {
            // Recycle the stalest stream's window: a client spread over more endpoints than the bound evicts on
            // nearly every call, and allocating afresh each time made the GC the catalog's main cost.
            slot = 0;
            for (var i = 1; i < _count; i++)
            {
                if (_lastUsed[i] < _lastUsed[slot])
                {
                    slot = i;
                }
            }
        }
        else
        {
            slot = _count++;
            if (slot == _keys.Length)
            {
                var grown = Math.Min(options.EnumerationMaxEndpointsPerClient, Math.Max(4, _keys.Length * 2));
                Array.Resize(ref _keys, grown);
                Array.Resize(ref _windows, grown);
                Array.Resize(ref _lastUsed, grown);
                Array.Resize(ref _evidence, grown);
                Array.Resize(ref _evidenceOf, grown);
            }
        }

        _keys[slot] = new IdStreamKey(endpoint, position);
        _lastUsed[slot] = ++_uses;
        var window = _windows[slot] ??= new IdWindow(options, counters);
        window.Reset();
        _evidence[slot] = null;
        return slot;
    }

    /// <summary>The open episode's evidence for the stream in <paramref name="slot"/>, looked up once per stream and episode.</summary>
    private EnumerationEpisode.StreamEvidence? EvidenceFor(int slot, IdStreamKey key)
    {
        if (_evidence[slot] is { } known && ReferenceEquals(_evidenceOf[slot], _open))
        {
            return known;
        }

        var evidence = _open!.EvidenceFor(key);
        _evidence[slot] = evidence;
        _evidenceOf[slot] = evidence is null ? null : _open;
        return evidence;
    }

    private static bool Same(string x, string y) => ReferenceEquals(x, y) || string.Equals(x, y, StringComparison.Ordinal);
}
