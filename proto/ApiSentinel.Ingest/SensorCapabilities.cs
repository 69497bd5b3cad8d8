namespace ApiSentinel.Ingest;

/// <summary>
/// The capability names a sensor lists in <c>Hello.capabilities</c> (ingest.proto), in one place for the sensor that
/// sends them and the collector that decides what it may push.
/// </summary>
public static class SensorCapabilities
{
    /// <summary>HTTP/1.x exchanges from packets.</summary>
    public const string Http1 = "http1";

    /// <summary>Envoy gRPC access logs (ALS) accepted.</summary>
    public const string EnvoyAccessLog = "envoy-als";

    /// <summary><c>SensorConfig.scope</c> applied.</summary>
    public const string CaptureScope = "config.capture-scope";

    /// <summary><c>SensorConfig.detectors</c> applied.</summary>
    public const string CustomDetectors = "config.custom-detectors";

    /// <summary><c>SensorConfig.sampling_rate</c> applied.</summary>
    public const string Sampling = "config.sampling";

    /// <summary><c>SensorConfig.body_inspection_limit</c> applied.</summary>
    public const string BodyLimit = "config.body-limit";
}
