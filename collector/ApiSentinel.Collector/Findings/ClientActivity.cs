using ApiSentinel.Collector.Endpoints;
using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Findings;

/// <summary>
/// Everything the detector keeps about one client address of one source. The three trackers are created on first
/// need, so a client that only ever gets 200s on unparameterised paths costs one scanner window. When the client
/// is forgotten the object is recycled for the next new client (<see cref="Reuse"/>), trackers and window storage
/// included: clients come and go far more often than calls allocate anything else.
/// </summary>
internal sealed partial class ClientActivity(string address, SourceWindows source, FindingOptions options, FindingCounters counters)
{
    private ScannerTracker? _scanner;
    private EnumerationTracker? _enumeration;
    private AuthFailureTracker? _authFailures;

    public string Address { get; private set; } = address;

    public SourceWindows Source { get; private set; } = source;

    public long LastSeenMicros { get; private set; } = long.MinValue;

    /// <summary>Makes a forgotten client's storage serve a new one.</summary>
    public void Reuse(string address, SourceWindows source)
    {
        Address = address;
        Source = source;
        LastSeenMicros = long.MinValue;
        _scanner?.Reset();
        _enumeration?.Reset();
        _authFailures?.Reset();
    }

    public void Observe(ApiCall call, EndpointKey endpoint, ClosedFindings closed)
    {
        LastSeenMicros = Math.Max(LastSeenMicros, call.TimestampMicros);
        (_scanner ??= new ScannerTracker(options, counters)).Observe(call, endpoint, closed, Address, Source.Name);

        if (endpoint.PathTemplate.Contains('{', StringComparison.Ordinal))
        {
            (_enumeration ??= new EnumerationTracker(options, counters)).Observe(call, endpoint, closed, Address, Source.Name);
        }

        if (call.Status is 401 or 403)
        {
            (_authFailures ??= new AuthFailureTracker(options, counters)).Observe(call, endpoint, closed, Address, Source.Name);
        }
    }

    /// <summary>Open episodes rendered as they stand, without closing them.</summary>
    public IEnumerable<Finding> OpenFindings()
    {
        if (_scanner?.Open is { } scan)
        {
            yield return scan.ToFinding(Address, Source.Name);
        }

        if (_enumeration?.Open is { } walk)
        {
            yield return walk.ToFinding(Address, Source.Name);
        }

        if (_authFailures?.Open is { } burst)
        {
            yield return burst.ToFinding(Address, Source.Name);
        }
    }

    /// <summary>Ends every open episode: the client is being forgotten.</summary>
    public void CloseAll(ClosedFindings closed)
    {
        _scanner?.Close(closed, Address, Source.Name);
        _enumeration?.Close(closed, Address, Source.Name);
        _authFailures?.Close(closed, Address, Source.Name);
    }
}
