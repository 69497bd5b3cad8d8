using System.Net;
using ApiSentinel.Ingest.V1Alpha1;
using ApiSentinel.Sensor.Capture;

namespace ApiSentinel.Sensor.Daemon.Configuration;

/// <summary>The daemon's validated settings: everything <see cref="DaemonSettingsReader"/> accepted, typed.</summary>
internal sealed record DaemonSettings
{
    /// <summary>30 s of 20 k calls/s (issue 8): a collector restart or a short outage loses nothing.</summary>
    public const int DefaultQueueCapacity = 30 * 20_000;

    public required string SensorId { get; init; }

    public required CaptureMode Mode { get; init; }

    /// <summary>Live mode: the devices, one pipeline each (<c>any</c> is libpcap's all-interfaces device).</summary>
    public IReadOnlyList<string> Interfaces { get; init; } = [];

    public string? Filter { get; init; }

    /// <summary>Live mode: how long libpcap may hold packets to hand them over in blocks (0 = every packet at once).</summary>
    public int CaptureHoldMilliseconds { get; init; } = LiveCaptureOptions.DefaultBufferTimeoutMilliseconds;

    /// <summary>Replay mode: the capture files, read one after the other through one pipeline.</summary>
    public IReadOnlyList<string> PcapFiles { get; init; } = [];

    /// <summary>Replay pace relative to the capture's own timestamps; 0 = as fast as possible.</summary>
    public double ReplaySpeed { get; init; }

    public required Uri Collector { get; init; }

    public string? TokenFile { get; init; }

    public string? CollectorCa { get; init; }

    public string? ClientCert { get; init; }

    public string? ClientKey { get; init; }

    public IPEndPoint? HttpListen { get; init; }

    public IPEndPoint? AlsListen { get; init; }

    public int QueueCapacity { get; init; } = DefaultQueueCapacity;

    public QueueFullPolicy QueueFull { get; init; } = QueueFullPolicy.DropOldest;

    public int BatchSize { get; init; } = 512;

    /// <summary>The largest --batch-size accepted (a batch of 65 536 calls of ~370 bytes is ~24 MB, split by bytes anyway).</summary>
    public const int MaxBatchSize = 65_536;

    /// <summary>
    /// A batch is cut at this many encoded bytes whatever its call count: gRPC servers refuse messages over 4 MiB by
    /// default (the collector's limit), and a refused batch would be resent and refused forever. 64 KiB are left for
    /// the per-call framing and the message envelope.
    /// </summary>
    public const int MaxBatchBytes = (4 << 20) - (64 << 10);

    public TimeSpan BatchInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Numbered, unacknowledged batches at most; past it the uploader stops taking from the queue.</summary>
    public int MaxInFlightBatches { get; init; } = 128;

    /// <summary>Replay: give up (exit non-zero) when calls are outstanding and no ack has come for this long.</summary>
    public TimeSpan AckTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>SIGTERM: how long to keep sending and waiting for acks before exiting anyway.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan StatusInterval { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan LogInterval { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan ReconnectInitial { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan ReconnectMax { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Body bytes inspected per message; null = the sensor library's default.</summary>
    public int? BodyLimit { get; init; }

    /// <summary>Sensitive-data detectors and built-ins, the CLI's --sensitive-config JSON; null = the defaults.</summary>
    public string? SensitiveConfig { get; init; }

    /// <summary>Key of the credential fingerprints; shared by every sensor of a cluster (a mounted Secret) so one
    /// credential has one fingerprint everywhere and across restarts. Null: a random key per process.</summary>
    public string? FingerprintKeyFile { get; init; }
}
