using ApiSentinel.Sensor.Reassembly;

namespace ApiSentinel.Sensor.Http;

/// <summary>
/// Closed connection handlers kept for the next connections. A handler with its two parsers, inspectors,
/// buffers and exchanges is ~16 KB of objects; made and dropped per connection that was ~110 MB of garbage for
/// the 48k exchanges / 7k connections of the benchmark capture. Returned handlers are scrubbed first (no bytes of
/// a previous connection stay in memory) and the pool is bounded, so it holds little when connections churn
/// in bursts. Not thread-safe: a factory serves one reassembler, which calls it from one thread.
/// </summary>
internal sealed class Http1ConnectionHandlerPool
{
    /// <summary>
    /// Enough for steady churn, where a close is soon followed by an open; the bound caps what idle handlers
    /// retain (each keeps its buffers, up to a few inspection windows with large bodies).
    /// </summary>
    internal const int MaxPooledHandlers = 64;

    private readonly Http1Options _options;
    private readonly IHttpTransactionSink _sink;
    private readonly HttpCounters _counters;
    private readonly Stack<Http1ConnectionHandler> _free = new();

    public Http1ConnectionHandlerPool(Http1Options options, IHttpTransactionSink sink, HttpCounters counters)
    {
        _options = options;
        _sink = sink;
        _counters = counters;
        Inspection = new InspectionBudget(options.InspectionBudgetBytes, counters);
        Pending = new PendingRequestBudget(options.MaxPendingRequestBytes);
    }

    /// <summary>The body-inspection pool every handler of this pipeline shares.</summary>
    public InspectionBudget Inspection { get; }

    /// <summary>What requests awaiting a response hold, across this pipeline's handlers.</summary>
    public PendingRequestBudget Pending { get; }

    /// <summary>Handlers waiting for a connection (for tests).</summary>
    public int Count => _free.Count;

    public Http1ConnectionHandler Rent(ConnectionInfo connection)
    {
        if (_free.TryPop(out var handler))
        {
            handler.Reopen(connection);
            return handler;
        }
        return new Http1ConnectionHandler(connection, _options, _sink, _counters, this, Inspection, Pending);
    }

    /// <summary>Called by a handler at the end of its <see cref="ITcpStreamHandler.OnClose"/>.</summary>
    public void Return(Http1ConnectionHandler handler)
    {
        if (_free.Count >= MaxPooledHandlers)
        {
            return;
        }
        handler.Scrub();
        _free.Push(handler);
    }
}
