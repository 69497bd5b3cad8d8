using ApiSentinel.Contract;

namespace ApiSentinel.Sensor.Extraction;

/// <summary>
/// One HTTP exchange as it leaves the sensor: structure only. This is the boundary of the privacy rule —
/// nothing in here may be a raw header value, body, token or detected sensitive value. The request target is
/// the one exception that carries text from the wire, and it is redacted (<see cref="TargetRedactor"/>).
/// Field names follow DESIGN.md's <c>exchanges</c> contract.
/// </summary>
public sealed class ExchangeRecord
{
    /// <summary>Capture time of the request's first byte (or the response's, when there is no request), µs since the epoch.</summary>
    public long TimestampMicros { get; init; }

    public required string Client { get; init; }

    public required string Server { get; init; }

    public long ConnectionId { get; init; }

    /// <summary>The method as sent when it is an RFC 9110 token holding no data, else <c>INVALID</c>.</summary>
    public string? Method { get; init; }

    /// <summary>
    /// From the Host header, else the authority of an absolute-form or <c>//</c> target; lower-case, userinfo
    /// dropped. <c>invalid</c> when it is not a host name or address, <c>redacted</c> when a detector fired on it.
    /// </summary>
    public string? Host { get; init; }

    /// <summary>
    /// The request target as sent, with userinfo, credential and sensitive values, data-bearing parameter names
    /// and invalid or data-bearing hosts replaced by <c>REDACTED</c>.
    /// </summary>
    public string? Target { get; init; }

    /// <summary>
    /// The path of <see cref="Target"/> as the extractor parsed it (<see cref="TargetAuthority"/>): query and fragment
    /// removed, redacted like the target, <c>/</c> for an absolute-form target without one; null for authority-form
    /// (CONNECT), <c>*</c> and a missing request.
    /// </summary>
    public string? Path { get; init; }

    /// <summary>How the exchange travelled: plaintext for what the packet parser read, from the URL scheme for HAR.</summary>
    public Transport Transport { get; init; } = Transport.Plaintext;

    /// <summary><c>1.1</c>, <c>1.0</c>, <c>0.9</c>, <c>2</c> or <c>3</c> (those two from access logs), or null when the request declared none we recognise.</summary>
    public string? Version { get; init; }

    /// <summary>Null when there was no response, or the response had no status line (HTTP/0.9).</summary>
    public int? Status { get; init; }

    public long? RequestBodyBytes { get; init; }

    public long? ResponseBodyBytes { get; init; }

    /// <summary>From the request's first byte to the response's last byte.</summary>
    public long? DurationMicros { get; init; }

    public required AuthObservation Auth { get; init; }

    public required IReadOnlyList<SensitiveObservation> Sensitive { get; init; }

    /// <summary>Media type of the request body, lower-case, parameters dropped.</summary>
    public string? RequestContentType { get; init; }

    public string? ResponseContentType { get; init; }

    /// <summary>HAR <c>_resourceType</c> (<c>document</c>, <c>script</c>, <c>xhr</c>, …, a known word only), or null from packets.</summary>
    public string? ResourceType { get; init; }

    /// <summary>Request header names, lower-case, in order of first appearance, without duplicates.</summary>
    public required IReadOnlyList<string> RequestHeaderNames { get; init; }

    public required IReadOnlyList<string> ResponseHeaderNames { get; init; }

    /// <summary>Query parameters in order of appearance: decoded name and the kind of value (values never leave).</summary>
    public required IReadOnlyList<FieldShape> QueryParameters { get; init; }

    /// <summary>JSON fields of the request body's inspected prefix: path (<c>$.user.id</c>) and kind.</summary>
    public IReadOnlyList<FieldShape> RequestFields { get; init; } = [];

    /// <summary>JSON fields of the response body's inspected prefix.</summary>
    public IReadOnlyList<FieldShape> ResponseFields { get; init; } = [];

    /// <summary>User-Agent product token (<c>curl</c>, <c>python-requests</c>), never the full string.</summary>
    public string? UserAgentProduct { get; init; }

    /// <summary>An attack or scanning tool named by the User-Agent (<c>sqlmap</c>, <c>nikto</c>), or null.</summary>
    public string? ClientTool { get; init; }

    /// <summary>Kebab-case notes from the parser: <c>gap</c>, <c>protocol-switch</c>, <c>ambiguous-framing</c>, ….</summary>
    public required IReadOnlyList<string> Notes { get; init; }
}
