namespace ApiSentinel.Sensor.Daemon.Configuration;

/// <summary>
/// The configuration keys (root keys, PascalCase), in one place. Each is reachable as a command-line switch
/// (<see cref="CommandLineSwitches"/>), as an environment variable <c>APISENTINEL_KEY</c> and as a key of the
/// <c>--config</c> JSON file — the scheme the collector uses too.
/// </summary>
internal static class OptionKeys
{
    public const string EnvironmentPrefix = "APISENTINEL_";

    public const string Config = "Config";
    public const string SensorId = "SensorId";
    public const string Interface = "Interface";
    public const string Filter = "Filter";
    public const string CaptureHoldMs = "CaptureHoldMs";
    public const string Pcap = "Pcap";
    public const string ReplaySpeed = "ReplaySpeed";
    public const string Collector = "Collector";
    public const string TokenFile = "TokenFile";
    public const string CollectorCa = "CollectorCa";
    public const string ClientCert = "ClientCert";
    public const string ClientKey = "ClientKey";
    public const string HttpListen = "HttpListen";
    public const string AlsListen = "AlsListen";
    public const string QueueCapacity = "QueueCapacity";
    public const string QueueFull = "QueueFull";
    public const string BatchSize = "BatchSize";
    public const string BatchIntervalMs = "BatchIntervalMs";
    public const string MaxInFlightBatches = "MaxInFlightBatches";
    public const string AckTimeoutSeconds = "AckTimeoutSeconds";
    public const string ShutdownTimeoutSeconds = "ShutdownTimeoutSeconds";
    public const string StatusIntervalSeconds = "StatusIntervalSeconds";
    public const string LogIntervalSeconds = "LogIntervalSeconds";
    public const string ReconnectInitialMs = "ReconnectInitialMs";
    public const string ReconnectMaxMs = "ReconnectMaxMs";
    public const string BodyLimit = "BodyLimit";
    public const string SensitiveConfig = "SensitiveConfig";
    public const string FingerprintKeyFile = "FingerprintKeyFile";
}
