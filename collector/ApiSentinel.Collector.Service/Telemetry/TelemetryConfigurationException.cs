namespace ApiSentinel.Collector.Service.Telemetry;

/// <summary>
/// An OTEL_* setting that cannot be used (an unknown protocol, an endpoint that is not an absolute URL). Thrown by
/// <see cref="TelemetryRegistration.AddCollectorTelemetry"/> while the host is being built, so the service can print
/// the one-line <see cref="Exception.Message"/> and exit, instead of the SDK silently falling back to its defaults.
/// </summary>
public sealed class TelemetryConfigurationException : Exception
{
    public TelemetryConfigurationException()
    {
    }

    public TelemetryConfigurationException(string message)
        : base(message)
    {
    }

    public TelemetryConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
