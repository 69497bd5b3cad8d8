using ApiSentinel.Sensor.Reassembly;

namespace ApiSentinel.Sensor.Http;

/// <summary>
/// Gives every TCP connection its own HTTP/1.x handler; options, sink and counters are shared. Handlers are
/// recycled: one closed and scrubbed serves a later connection (see <see cref="Http1ConnectionHandlerPool"/>).
/// </summary>
public sealed class Http1ConnectionHandlerFactory : ITcpStreamHandlerFactory
{
    private readonly Http1ConnectionHandlerPool _pool;

    public Http1ConnectionHandlerFactory(Http1Options options, IHttpTransactionSink sink, HttpCounters counters)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(counters);
        _pool = new Http1ConnectionHandlerPool(options, sink, counters);
    }

    /// <summary>The body-inspection pool shared by this factory's handlers (for tests).</summary>
    internal InspectionBudget Inspection => _pool.Inspection;

    /// <summary>What requests awaiting a response hold across this factory's handlers (for tests).</summary>
    internal PendingRequestBudget Pending => _pool.Pending;

    /// <summary>Closed handlers waiting for a connection (for tests).</summary>
    internal int PooledHandlers => _pool.Count;

    public ITcpStreamHandler Create(ConnectionInfo connection) => _pool.Rent(connection);
}
