using ApiSentinel.Collector.Kubernetes.Configuration;

namespace ApiSentinel.Collector.Service.Configuration;

/// <summary>
/// Everything the collector is configured with, bound from configuration root keys (PascalCase): the command line
/// (<c>--grpc-listen</c> → <c>GrpcListen</c>, see <see cref="CommandLine"/>), environment variables with the prefix
/// <c>APISENTINEL_</c> (<c>APISENTINEL_GRPCLISTEN</c>, lists as <c>APISENTINEL_SPEC__0</c>) and the JSON file of
/// <c>--config</c>, in rising precedence: file, environment, command line.
/// </summary>
public sealed class CollectorOptions
{
    /// <summary>gRPC ingest endpoint, <c>HOST:PORT</c>; HTTP/2 only (h2c, or TLS with <see cref="TlsCert"/>).</summary>
    public string? GrpcListen { get; set; }

    /// <summary>HTTP API endpoint, <c>HOST:PORT</c>; HTTP/1.1 and HTTP/2.</summary>
    public string? HttpListen { get; set; }

    /// <summary>File holding the sensors' bearer token (a mounted Secret); re-read when it changes.</summary>
    public string? TokenFile { get; set; }

    /// <summary>Directory of the durable state (SQLite database, WAL, lock file).</summary>
    public string? StateDir { get; set; }

    /// <summary>OpenAPI / Swagger files the catalog compares traffic with.</summary>
    public IList<string> Spec { get; } = [];

    /// <summary>PEM certificate of the gRPC endpoint; with <see cref="TlsKey"/>, gRPC is served over TLS.</summary>
    public string? TlsCert { get; set; }

    /// <summary>PEM private key of <see cref="TlsCert"/>.</summary>
    public string? TlsKey { get; set; }

    /// <summary>PEM CA certificate(s): a sensor whose client certificate chains to one is authenticated without a token (needs TLS).</summary>
    public string? ClientCa { get; set; }

    /// <summary>The JSON configuration file (read before binding; listed here so it is a known key).</summary>
    public string? Config { get; set; }

    /// <summary>How often the catalog state and usage are checkpointed into the store.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the catalog is built and the snapshot the API serves is replaced.</summary>
    public TimeSpan BuildInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long hourly usage is kept.</summary>
    public TimeSpan UsageRetention { get; set; } = TimeSpan.FromDays(35);

    /// <summary>Extra internal ranges (pod and service CIDRs) besides RFC 1918 and loopback.</summary>
    public IList<string> ClusterCidr { get; } = [];

    /// <summary>Pushed to sensors: fraction of exchanges to report, in (0, 1]; absent: all.</summary>
    public double? SamplingRate { get; set; }

    /// <summary>Pushed to sensors: body bytes inspected per message; absent: the sensor's own limit.</summary>
    public uint? BodyInspectionLimit { get; set; }

    /// <summary>Pushed to sensors: extra sensitive-data detectors (config file only: a list of objects).</summary>
    public IList<DetectorOptions> Detectors { get; } = [];

    /// <summary>
    /// Batches the catalog owner's queue holds before a stream waits (the back-pressure on sensors). Counted in
    /// batches, not calls: a batch can carry thousands of calls, so a deep queue would hold millions while acks go on.
    /// </summary>
    public int IngestQueueBatches { get; set; } = 64;

    /// <summary>Largest gRPC message accepted from a sensor, bytes (a batch of a few thousand calls fits in 1 MiB).</summary>
    public int MaxMessageBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// The Kubernetes sink: null (the default) enables it when a cluster is found (<see cref="Kubeconfig"/>,
    /// <c>KUBECONFIG</c>, or a pod's service account); false turns it off; true requires it (no cluster: an error).
    /// </summary>
    public bool? Kubernetes { get; set; }

    /// <summary>The kubeconfig file of the cluster the <c>ApiEndpoint</c> resources go to (else <c>KUBECONFIG</c>, else in-cluster).</summary>
    public string? Kubeconfig { get; set; }

    /// <summary>Where resources of endpoints whose server is in no known Service go; default: the collector's own namespace.</summary>
    public string? Namespace { get; set; }

    /// <summary>How often changed endpoints are written (at most one status write per endpoint per interval).</summary>
    public TimeSpan KubeFlushInterval { get; set; } = KubernetesSinkDefaults.FlushInterval;

    /// <summary>Requests per second to the API server, all writers together (token bucket refill rate).</summary>
    public double KubeQps { get; set; } = KubernetesSinkDefaults.Qps;

    /// <summary>Requests the token bucket holds (a burst the API server sees at once).</summary>
    public int KubeBurst { get; set; } = KubernetesSinkDefaults.Burst;

    /// <summary>An endpoint unseen this long is marked <c>inactive</c>.</summary>
    public TimeSpan KubeInactiveAfter { get; set; } = KubernetesSinkDefaults.InactiveAfter;

    /// <summary>An endpoint unseen this long has its resource deleted.</summary>
    public TimeSpan KubeDeleteAfter { get; set; } = KubernetesSinkDefaults.DeleteAfter;

    /// <summary>This collector's instance label value: it lists and deletes only resources that carry it.</summary>
    public string KubeInstance { get; set; } = KubernetesSinkDefaults.Instance;

    /// <summary>The sink's options from these.</summary>
    public KubernetesSinkOptions KubernetesSink() => new()
    {
        Kubeconfig = Kubeconfig is { Length: > 0 } file ? file : null,
        Namespace = Namespace is { Length: > 0 } ns ? ns : null,
        FlushInterval = KubeFlushInterval,
        Qps = KubeQps,
        Burst = KubeBurst,
        InactiveAfter = KubeInactiveAfter,
        DeleteAfter = KubeDeleteAfter,
        Instance = KubeInstance,
    };
}
