namespace ApiSentinel.Sensor.Daemon.Configuration;

/// <summary>
/// Command-line switches and the configuration key each one sets (the switch mappings given to
/// <c>AddCommandLine</c>). A switch not listed here is refused: a misspelt option must not be ignored silently.
/// </summary>
internal static class CommandLineSwitches
{
    public static IReadOnlyDictionary<string, string> Mappings { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--config"] = OptionKeys.Config,
        ["--sensor-id"] = OptionKeys.SensorId,
        ["--interface"] = OptionKeys.Interface,
        ["--filter"] = OptionKeys.Filter,
        ["--capture-hold-ms"] = OptionKeys.CaptureHoldMs,
        ["--pcap"] = OptionKeys.Pcap,
        ["--replay-speed"] = OptionKeys.ReplaySpeed,
        ["--collector"] = OptionKeys.Collector,
        ["--token-file"] = OptionKeys.TokenFile,
        ["--collector-ca"] = OptionKeys.CollectorCa,
        ["--client-cert"] = OptionKeys.ClientCert,
        ["--client-key"] = OptionKeys.ClientKey,
        ["--http-listen"] = OptionKeys.HttpListen,
        ["--als-listen"] = OptionKeys.AlsListen,
        ["--queue-capacity"] = OptionKeys.QueueCapacity,
        ["--queue-full"] = OptionKeys.QueueFull,
        ["--batch-size"] = OptionKeys.BatchSize,
        ["--batch-interval-ms"] = OptionKeys.BatchIntervalMs,
        ["--max-in-flight-batches"] = OptionKeys.MaxInFlightBatches,
        ["--ack-timeout-seconds"] = OptionKeys.AckTimeoutSeconds,
        ["--shutdown-timeout-seconds"] = OptionKeys.ShutdownTimeoutSeconds,
        ["--status-interval-seconds"] = OptionKeys.StatusIntervalSeconds,
        ["--log-interval-seconds"] = OptionKeys.LogIntervalSeconds,
        ["--reconnect-initial-ms"] = OptionKeys.ReconnectInitialMs,
        ["--reconnect-max-ms"] = OptionKeys.ReconnectMaxMs,
        ["--body-limit"] = OptionKeys.BodyLimit,
        ["--sensitive-config"] = OptionKeys.SensitiveConfig,
        ["--fingerprint-key-file"] = OptionKeys.FingerprintKeyFile,
    };

    /// <summary>The switch for a key, for messages ("--queue-capacity: …").</summary>
    public static string SwitchFor(string key) =>
        Mappings.FirstOrDefault(m => string.Equals(m.Value, key, StringComparison.OrdinalIgnoreCase)).Key ?? key;

    /// <summary>Switches that take several values (<c>--pcap a.pcap b.pcap</c>).</summary>
    public static bool IsMultiValued(string name) => name == "--pcap";

    /// <summary>Switches that may be repeated, their values merged in order (every other switch is refused twice).</summary>
    public static bool IsList(string name) => name is "--pcap" or "--interface";

    /// <summary>List switches whose values are comma-separated lists themselves (<c>--interface eth0,eth1</c>).</summary>
    public static bool SplitsCommas(string name) => name == "--interface";
}
