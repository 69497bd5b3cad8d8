using ApiSentinel.Collector.Endpoints;
using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Findings;

/// <summary>
/// Everything the detector keeps about one client address. The three trackers are created on first need, so
/// a client that only ever gets 200s on unparameterised paths costs one scanner window.
/// </summary>
internal sealed class ClientActivity(string address, FindingOptions options, FindingCounters counters)
{
    private ScannerTracker? _scanner;
    private EnumerationTracker? _enumeration;
    private AuthFailureTracker? _authFailures;

    public string Address { get; } = address;

    public long LastSeenMicros { get; private set; } = long.MinValue;

    public void Observe(ApiCall call, EndpointKey endpoint, ClosedFindings closed)
    {
        LastSeenMicros = Math.Max(LastSeenMicros, call.TimestampMicros);
        (_scanner ??= new ScannerTracker(options, counters)).Observe(call, endpoint, closed, Address);

        if (endpoint.PathTemplate.Contains('{', StringComparison.Ordinal))
        {
            (_enumeration ??= new EnumerationTracker(options, counters)).Observe(call, endpoint, closed, Address);
        }

        if (call.Status is 401 or 403)
        {
            (_authFailures ??= new AuthFailureTracker(options, counters)).Observe(call, endpoint, closed, Address);
        }
    }

    /// <summary>Open episodes rendered as they stand, without closing them.</summary>
    public IEnumerable<Finding> OpenFindings()
    {
        if (_scanner?.Open is { } scan)
        {
            yield return scan.ToFinding(Address);
        }

        if (_enumeration?.Open is { } walk)
        {
            yield return walk.ToFinding(Address);
        }

        if (_authFailures?.Open is { } burst)
        {
            yield return burst.ToFinding(Address);
        }
    }

    /// <summary>Ends every open episode: the client is being forgotten.</summary>
    public void CloseAll(ClosedFindings closed)
    {
        _scanner?.Close(closed, Address);
        _enumeration?.Close(closed, Address);
        _authFailures?.Close(closed, Address);
    }
}
