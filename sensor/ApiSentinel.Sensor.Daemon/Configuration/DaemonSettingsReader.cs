using System.Globalization;
using ApiSentinel.Ingest.V1Alpha1;
using ApiSentinel.Sensor.Capture;
using Microsoft.Extensions.Configuration;

namespace ApiSentinel.Sensor.Daemon.Configuration;

/// <summary>
/// Reads and validates <see cref="DaemonSettings"/> from configuration. Every problem is an
/// <see cref="OptionsException"/> naming the option as a person typed it (<c>--batch-size: 'x' is not …</c>).
/// Files are checked for existence here; opening them (token, captures, certificates) reports its own errors.
/// </summary>
internal static class DaemonSettingsReader
{
    public static DaemonSettings Read(IConfiguration configuration, string hostName)
    {
        var interfaces = List(configuration, OptionKeys.Interface, splitCommas: true);
        var pcaps = List(configuration, OptionKeys.Pcap, splitCommas: false);
        var alsListen = String(configuration, OptionKeys.AlsListen) is { } als ? ListenAddress.Parse(Switch(OptionKeys.AlsListen), als) : null;
        var httpListen = String(configuration, OptionKeys.HttpListen) is { } http ? ListenAddress.Parse(Switch(OptionKeys.HttpListen), http) : null;

        CaptureMode mode;
        if (interfaces.Count > 0 && pcaps.Count > 0)
        {
            throw new OptionsException("--interface and --pcap exclude each other (live capture or replay, not both)");
        }
        else if (interfaces.Count > 0)
        {
            mode = CaptureMode.Live;
        }
        else if (pcaps.Count > 0)
        {
            mode = CaptureMode.Replay;
        }
        else if (alsListen is not null)
        {
            mode = CaptureMode.AccessLog;
        }
        else
        {
            throw new OptionsException("nothing to capture: give --interface IF[,IF…], --pcap FILE… or --als-listen HOST:PORT");
        }

        var filter = String(configuration, OptionKeys.Filter);
        if (filter is not null && mode != CaptureMode.Live)
        {
            throw new OptionsException("--filter applies to live capture (--interface) only");
        }
        var holdText = String(configuration, OptionKeys.CaptureHoldMs);
        int hold = LiveCaptureOptions.DefaultBufferTimeoutMilliseconds;
        if (holdText is not null)
        {
            if (mode != CaptureMode.Live)
            {
                throw new OptionsException($"{Switch(OptionKeys.CaptureHoldMs)} applies to live capture (--interface) only");
            }
            if (!int.TryParse(holdText, NumberStyles.None, CultureInfo.InvariantCulture, out hold) || hold > LiveCaptureOptions.MaxBufferTimeoutMilliseconds)
            {
                throw new OptionsException(FormattableString.Invariant(
                    $"{Switch(OptionKeys.CaptureHoldMs)}: '{holdText}' is not a number of milliseconds from 0 (every packet at once) to {LiveCaptureOptions.MaxBufferTimeoutMilliseconds}"));
            }
        }
        var replaySpeedText = String(configuration, OptionKeys.ReplaySpeed);
        double replaySpeed = 0;
        if (replaySpeedText is not null)
        {
            if (mode != CaptureMode.Replay)
            {
                throw new OptionsException("--replay-speed applies to replay (--pcap) only");
            }
            if (!double.TryParse(replaySpeedText, NumberStyles.Float, CultureInfo.InvariantCulture, out replaySpeed) ||
                !double.IsFinite(replaySpeed) || replaySpeed < 0)
            {
                throw new OptionsException($"--replay-speed: '{replaySpeedText}' is not a speed (0 = as fast as possible, 1 = the capture's own pace)");
            }
        }

        var collectorText = String(configuration, OptionKeys.Collector)
            ?? throw new OptionsException("--collector URL is required (http://HOST:PORT or https://HOST:PORT)");
        if (!Uri.TryCreate(collectorText, UriKind.Absolute, out var collector) ||
            (collector.Scheme != Uri.UriSchemeHttp && collector.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(collector.Host))
        {
            throw new OptionsException($"--collector: '{collectorText}' is not an http:// or https:// URL");
        }

        var tokenFile = ExistingFile(configuration, OptionKeys.TokenFile);
        var collectorCa = ExistingFile(configuration, OptionKeys.CollectorCa);
        var clientCert = ExistingFile(configuration, OptionKeys.ClientCert);
        var clientKey = ExistingFile(configuration, OptionKeys.ClientKey);
        if ((clientCert is null) != (clientKey is null))
        {
            throw new OptionsException("--client-cert and --client-key go together (mTLS needs both)");
        }
        if ((collectorCa is not null || clientCert is not null) && collector.Scheme != Uri.UriSchemeHttps)
        {
            throw new OptionsException("--collector-ca and --client-cert need an https:// collector URL");
        }
        if (httpListen is not null && alsListen is not null && httpListen.Port != 0 && httpListen.Equals(alsListen))
        {
            throw new OptionsException("--http-listen and --als-listen must be different addresses");
        }

        var queueFullText = String(configuration, OptionKeys.QueueFull);
        // A file can wait for a slow collector, live packets cannot (QueueFullPolicy).
        var queueFull = mode == CaptureMode.Replay ? QueueFullPolicy.Wait : QueueFullPolicy.DropOldest;
        if (queueFullText is not null && !QueueFullPolicyNames.TryParse(queueFullText, out queueFull))
        {
            throw new OptionsException($"--queue-full: '{queueFullText}' is not {QueueFullPolicyNames.DropOldest} or {QueueFullPolicyNames.Wait}");
        }

        var defaults = new DaemonSettings { SensorId = "", Mode = mode, Collector = collector };
        var reconnectInitial = Milliseconds(configuration, OptionKeys.ReconnectInitialMs, defaults.ReconnectInitial);
        var reconnectMax = Milliseconds(configuration, OptionKeys.ReconnectMaxMs, defaults.ReconnectMax);
        if (reconnectMax < reconnectInitial)
        {
            throw new OptionsException("--reconnect-max-ms must not be below --reconnect-initial-ms");
        }
        var sensorId = String(configuration, OptionKeys.SensorId) ?? hostName;
        if (sensorId.Length > 253 || sensorId.Any(char.IsControl))
        {
            throw new OptionsException("--sensor-id: at most 253 characters, no control characters");
        }

        return defaults with
        {
            SensorId = sensorId,
            Interfaces = interfaces,
            Filter = filter,
            CaptureHoldMilliseconds = hold,
            PcapFiles = pcaps,
            ReplaySpeed = replaySpeed,
            TokenFile = tokenFile,
            CollectorCa = collectorCa,
            ClientCert = clientCert,
            ClientKey = clientKey,
            HttpListen = httpListen,
            AlsListen = alsListen,
            QueueCapacity = PositiveInt(configuration, OptionKeys.QueueCapacity, defaults.QueueCapacity),
            QueueFull = queueFull,
            BatchSize = AtMost(PositiveInt(configuration, OptionKeys.BatchSize, defaults.BatchSize), DaemonSettings.MaxBatchSize, OptionKeys.BatchSize),
            BatchInterval = Milliseconds(configuration, OptionKeys.BatchIntervalMs, defaults.BatchInterval),
            MaxInFlightBatches = PositiveInt(configuration, OptionKeys.MaxInFlightBatches, defaults.MaxInFlightBatches),
            AckTimeout = Seconds(configuration, OptionKeys.AckTimeoutSeconds, defaults.AckTimeout),
            ShutdownTimeout = Seconds(configuration, OptionKeys.ShutdownTimeoutSeconds, defaults.ShutdownTimeout),
            StatusInterval = Seconds(configuration, OptionKeys.StatusIntervalSeconds, defaults.StatusInterval),
            LogInterval = Seconds(configuration, OptionKeys.LogIntervalSeconds, defaults.LogInterval),
            ReconnectInitial = reconnectInitial,
            ReconnectMax = reconnectMax,
            BodyLimit = String(configuration, OptionKeys.BodyLimit) is null ? null : PositiveInt(configuration, OptionKeys.BodyLimit, 0),
            SensitiveConfig = ExistingFile(configuration, OptionKeys.SensitiveConfig),
            FingerprintKeyFile = ExistingFile(configuration, OptionKeys.FingerprintKeyFile),
        };
    }

    private static string Switch(string key) => CommandLineSwitches.SwitchFor(key);

    private static string? String(IConfiguration configuration, string key) =>
        configuration[key] is { Length: > 0 } value ? value.Trim() : null;

    /// <summary>A list: a JSON array / indexed keys (<c>Pcap:0</c>), or one value (comma-separated where allowed).</summary>
    private static List<string> List(IConfiguration configuration, string key, bool splitCommas)
    {
        var section = configuration.GetSection(key);
        IEnumerable<string> values = section.Value is { } single
            ? splitCommas ? single.Split(',') : [single]
            : section.GetChildren().Select(c => c.Value ?? "");
        return values.Select(v => v.Trim()).Where(v => v.Length > 0).ToList();
    }

    private static string? ExistingFile(IConfiguration configuration, string key)
    {
        if (String(configuration, key) is not { } path)
        {
            return null;
        }
        if (!File.Exists(path))
        {
            throw new OptionsException($"{Switch(key)}: {path}: no such file");
        }
        return path;
    }

    private static int PositiveInt(IConfiguration configuration, string key, int fallback)
    {
        if (String(configuration, key) is not { } text)
        {
            return fallback;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0
            ? value
            : throw new OptionsException($"{Switch(key)}: '{text}' is not a positive integer");
    }

    private static int AtMost(int value, int maximum, string key) => value <= maximum
        ? value
        : throw new OptionsException(FormattableString.Invariant($"{Switch(key)}: {value} is above the maximum {maximum}"));

    private static TimeSpan Milliseconds(IConfiguration configuration, string key, TimeSpan fallback) =>
        String(configuration, key) is null ? fallback : TimeSpan.FromMilliseconds(PositiveInt(configuration, key, 0));

    private static TimeSpan Seconds(IConfiguration configuration, string key, TimeSpan fallback) =>
        String(configuration, key) is null ? fallback : TimeSpan.FromSeconds(PositiveInt(configuration, key, 0));
}
