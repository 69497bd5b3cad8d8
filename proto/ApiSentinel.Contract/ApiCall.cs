namespace ApiSentinel.Contract;

/// <summary>
/// One observed API call as the collector receives it: what the sensor's extractor let out (structure, never
/// values). This is the collector's input contract; the sensor↔collector gRPC message carries the same fields,
/// and embedded mode maps the sensor's exchange record onto it.
/// </summary>
public sealed class ApiCall
{
    /// <summary>
    /// Request start, µs since the Unix epoch, by the clock of the source that saw it (<see cref="Source"/>): event
    /// time, which may be skewed or replayed, so the catalog keeps it per source and never mixes it with its own clock.
    /// </summary>
    public long TimestampMicros { get; init; }

    /// <summary>
    /// Which sensor or proxy reported the call (its stable identity), or <see cref="EmbeddedSource"/> when the CLI read
    /// a file. Event time, duplicate detection and per-source bounds are kept per source.
    /// </summary>
    public string Source { get; init; } = EmbeddedSource;

    /// <summary>The source used by embedded mode (pcap/HAR read in the same process).</summary>
    public const string EmbeddedSource = "embedded";

    /// <summary>
    /// The connection the call travelled on, unique within <see cref="Source"/> (e.g. the TCP 4-tuple and its first
    /// sequence number, or a HAR connection id), or null when unknown. Calls on one connection share one client.
    /// </summary>
    public string? Connection { get; init; }

    /// <summary>Whether the call was seen in the clear or inside TLS (a proxy or an in-pod sensor can see both).</summary>
    public Transport Transport { get; init; } = Transport.Unknown;

    /// <summary>Kubernetes namespace of the server workload when the source knows it; empty in embedded mode.</summary>
    public string Namespace { get; init; } = "";

    /// <summary>Kubernetes workload of the server (e.g. <c>deployment/orders</c>) when the source knows it; empty otherwise.</summary>
    public string Workload { get; init; } = "";

    /// <summary>
    /// Client address without the port (ports are ephemeral; the catalog counts clients by address), or null when
    /// the source does not record it (HAR). An unknown client is never counted as internal or external, never
    /// listed among an endpoint's clients, and never tracked for behavioural findings.
    /// </summary>
    public string? ClientAddress { get; init; }

    /// <summary>Server as <c>ip:port</c>.</summary>
    public required string Server { get; init; }

    /// <summary>Host header (lower-case), or the server address when the request had none.</summary>
    public required string Host { get; init; }

    public required string Method { get; init; }

    /// <summary>The path of the request target (query removed; sensitive segments already REDACTED by the sensor).</summary>
    public required string Path { get; init; }

    /// <summary>Query parameters by name with the kind of value seen (never the value).</summary>
    public IReadOnlyList<FieldObservation> Query { get; init; } = [];

    /// <summary>Null when no response was seen.</summary>
    public int? Status { get; init; }

    public long? RequestBytes { get; init; }

    public long? ResponseBytes { get; init; }

    public long? DurationMicros { get; init; }

    /// <summary>The kind of credential the call carried: one of <see cref="AuthKinds"/>.</summary>
    public string Auth { get; init; } = AuthKinds.None;

    /// <summary>Where the credential was: <c>header:authorization</c>, <c>query:api_key</c>, <c>cookie:sid</c>.</summary>
    public string? AuthLocation { get; init; }

    public string? JwtAlgorithm { get; init; }

    /// <summary>Keyed fingerprint of the credential, for counting distinct credentials.</summary>
    public string? CredentialFingerprint { get; init; }

    public IReadOnlyList<SensitiveObservation> Sensitive { get; init; } = [];

    public string? RequestContentType { get; init; }

    public string? ResponseContentType { get; init; }

    /// <summary>
    /// What the recording client said the response was for, when it says (HAR <c>_resourceType</c>: <c>document</c>,
    /// <c>stylesheet</c>, <c>script</c>, <c>image</c>, <c>font</c>, <c>media</c>, <c>xhr</c>, <c>fetch</c>, …); null from packets.
    /// </summary>
    public string? ResourceType { get; init; }

    public IReadOnlyList<string> RequestHeaders { get; init; } = [];

    public IReadOnlyList<string> ResponseHeaders { get; init; } = [];

    /// <summary>JSON body fields of the request: path (<c>$.user.id</c>, <c>$.items[*].sku</c>) and JSON type.</summary>
    public IReadOnlyList<FieldObservation> RequestFields { get; init; } = [];

    public IReadOnlyList<FieldObservation> ResponseFields { get; init; } = [];

    /// <summary>User-Agent product token (<c>curl</c>), or null.</summary>
    public string? UserAgent { get; init; }

    /// <summary>A known attack or scanning tool the User-Agent names (<c>sqlmap</c>, <c>nikto</c>), or null.</summary>
    public string? ClientTool { get; init; }
}
