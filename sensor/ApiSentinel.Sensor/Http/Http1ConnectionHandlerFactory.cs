using ApiSentinel.Sensor.Reassembly;

namespace ApiSentinel.Sensor.Http;

/// <summary>Gives every TCP connection its own HTTP/1.x handler; options, sink and counters are shared.</summary>
public sealed class Http1ConnectionHandlerFactory : ITcpStreamHandlerFactory
{
    private readonly Http1Options _options;
    private readonly IHttpTransactionSink _sink;
    private readonly HttpCounters _counters;

    public Http1ConnectionHandlerFactory(Http1Options options, IHttpTransactionSink sink, HttpCounters counters)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(counters);
        _options = options;
        _sink = sink;
        _counters = counters;
    }

    public ITcpStreamHandler Create(ConnectionInfo connection) =>
        new Http1ConnectionHandler(connection, _options, _sink, _counters);
}
