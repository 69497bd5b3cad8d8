using ApiSentinel.Sensor.Reassembly;

namespace ApiSentinel.Sensor.Pipeline.Runtime;

/// <summary>
/// Where scope and sampling are decided: when the reassembler opens a connection. Admitted connections get the
/// HTTP handler; the others get <see cref="IgnoredConnectionHandler"/> and are counted. Connections already open
/// keep the decision they got. Runs on the pipeline thread only.
/// </summary>
internal sealed class AdmissionHandlerFactory : ITcpStreamHandlerFactory
{
    private readonly ITcpStreamHandlerFactory _inner;
    private readonly PipelineStatistics _statistics;
    private readonly ConnectionSampler _sampler = new();
    private ScopeMatcher? _scope;
    private double _samplingRate = 1;

    public AdmissionHandlerFactory(ITcpStreamHandlerFactory inner, PipelineStatistics statistics)
    {
        _inner = inner;
        _statistics = statistics;
    }

    /// <summary>For connections opened from now on.</summary>
    public void Use(ScopeMatcher? scope, double samplingRate)
    {
        _scope = scope;
        _samplingRate = samplingRate;
    }

    public ITcpStreamHandler Create(ConnectionInfo connection)
    {
        if (_scope is { } scope && !scope.Admits(connection))
        {
            _statistics.OutOfScopeConnections++;
            return IgnoredConnectionHandler.Instance;
        }
        if (_samplingRate < 1 && !_sampler.Admits(connection, _samplingRate))
        {
            _statistics.SampledOutConnections++;
            return IgnoredConnectionHandler.Instance;
        }
        return _inner.Create(connection);
    }
}
