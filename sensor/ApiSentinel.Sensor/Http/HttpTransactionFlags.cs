namespace ApiSentinel.Sensor.Http;

/// <summary>Notable things about one request/response pair, for the exchange record and the counters.</summary>
[Flags]
public enum HttpTransactionFlags
{
    None = 0,
    /// <summary>Bytes of the request or response were never captured (a TCP gap).</summary>
    Gap = 1 << 0,
    /// <summary>The connection switched protocols after this exchange (101, or CONNECT 2xx); HTTP/1 parsing ended there.</summary>
    ProtocolSwitch = 1 << 1,
    /// <summary>The parser skipped garbage before this message's start line (resynchronised).</summary>
    Resynchronised = 1 << 2,
    /// <summary>Framing was ambiguous (Transfer-Encoding with Content-Length, conflicting Content-Lengths): a smuggling signal.</summary>
    AmbiguousFraming = 1 << 3,
    /// <summary>The message ended before its framing said it would (connection closed or reset).</summary>
    Incomplete = 1 << 4,
    /// <summary>Interim 1xx responses (e.g. 100 Continue) preceded the final response.</summary>
    InterimResponses = 1 << 5,
    /// <summary>The header block was malformed in a way the parser tolerated (bad line, invalid name, bare LF).</summary>
    MalformedHeaders = 1 << 6,
    /// <summary>Requests beyond the in-flight bound were answered by nothing: they were delivered unpaired.</summary>
    PipelineOverflow = 1 << 7,
}
