namespace ApiSentinel.Ingest;

/// <summary>
/// The values of <c>Hello.capabilities</c> (documented in ingest.proto): what a sensor can do, so the collector pushes
/// only the parts of a <c>SensorConfig</c> the sensor applies.
/// </summary>
public static class SensorCapabilities
{
    public const string Http1 = "http1";
    public const string EnvoyAccessLog = "envoy-als";
    public const string CaptureScope = "config.capture-scope";
    public const string CustomDetectors = "config.custom-detectors";
    public const string Sampling = "config.sampling";
    public const string BodyLimit = "config.body-limit";
}
