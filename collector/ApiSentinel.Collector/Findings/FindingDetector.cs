using ApiSentinel.Collector.Endpoints;
using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Findings;

/// <summary>
/// Detects behavioural findings (scanning, id enumeration, auth-failure bursts) from the stream of calls, per
/// client address. Calls are expected roughly in capture order; windows slide on call timestamps. Not thread-safe:
/// one catalog owns one detector.
/// <para>
/// Memory is bounded: at most <see cref="FindingOptions.MaxTrackedClients"/> clients (least recently seen is
/// dropped, its open episodes kept as findings), at most <see cref="FindingOptions.MaxEventsPerWindow"/> calls per
/// window, clients idle beyond every window and the merge gap are dropped, and at most
/// <see cref="FindingOptions.MaxFindings"/> closed findings are kept.
/// </para>
/// </summary>
public sealed class FindingDetector
{
    private readonly FindingOptions _options;
    private readonly Dictionary<string, LinkedListNode<ClientActivity>> _clients = new(StringComparer.Ordinal);

    // Least recently seen first: the front is the next to expire or be evicted.
    private readonly LinkedList<ClientActivity> _recency = new();
    private readonly ClosedFindings _closed;
    private readonly long _idleLimitMicros;
    private long _latestMicros = long.MinValue;

    public FindingDetector(FindingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _closed = new ClosedFindings(options.MaxFindings, Counters);
        var longestWindow = Math.Max(options.ScannerWindowMicros, Math.Max(options.EnumerationWindowMicros, options.AuthFailureWindowMicros));
        _idleLimitMicros = longestWindow + options.EpisodeMergeGapMicros;
    }

    public FindingCounters Counters { get; } = new();

    /// <summary>Clients currently holding state.</summary>
    public int TrackedClients => _clients.Count;

    public void Observe(ApiCall call, EndpointKey endpoint)
    {
        ArgumentNullException.ThrowIfNull(call);
        Counters.CallsObserved++;
        _latestMicros = Math.Max(_latestMicros, call.TimestampMicros);
        if (call.ClientAddress is not { } client)
        {
            // Findings are per client; calls with no address would all look like one client and merge a proxy
            // recording's many users into one "scanner" or "enumerator".
            Counters.CallsWithoutClient++;
            ExpireIdleClients();
            return;
        }
        ClientFor(client).Observe(call, endpoint, _closed);
        ExpireIdleClients();
    }

    /// <summary>Closed and still-open findings, ordered by start time, kind, client (then end time).</summary>
    public IReadOnlyList<Finding> Findings()
    {
        var all = new List<Finding>(_closed.All);
        foreach (var node in _recency)
        {
            all.AddRange(node.OpenFindings());
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

            return order != 0 ? order : x.ToMicros.CompareTo(y.ToMicros);
        });
        return all;
    }

    private ClientActivity ClientFor(string address)
    {
        if (_clients.TryGetValue(address, out var node))
        {
            _recency.Remove(node);
            _recency.AddLast(node);
            return node.Value;
        }

        if (_clients.Count >= _options.MaxTrackedClients)
        {
            Forget(_recency.First!);
            Counters.ClientsEvicted++;
        }

        node = _recency.AddLast(new ClientActivity(address, _options, Counters));
        _clients.Add(address, node);
        return node.Value;
    }

    private void ExpireIdleClients()
    {
        // The recency list is in arrival order, which is capture order give or take reordering, so the idle
        // clients are at the front; stopping at the first live one keeps this O(1) per call amortised.
        while (_recency.First is { } oldest && oldest.Value.LastSeenMicros < _latestMicros - _idleLimitMicros)
        {
            Forget(oldest);
            Counters.ClientsExpired++;
        }
    }

    private void Forget(LinkedListNode<ClientActivity> node)
    {
        node.Value.CloseAll(_closed);
        _recency.Remove(node);
        _clients.Remove(node.Value.Address);
    }
}
