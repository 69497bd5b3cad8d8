namespace ApiSentinel.Sensor.Http;

/// <summary>
/// The HTTP version a message declared (or implied, for HTTP/0.9 simple requests). The packet path parses HTTP/1
/// only; <see cref="Http2"/> and <see cref="Http3"/> come from inputs that report them (Envoy access logs).
/// </summary>
public enum HttpProtocolVersion : byte
{
    /// <summary>No version on the request line and not a valid HTTP/0.9 request, or an unrecognised one.</summary>
    Unknown = 0,
    Http09,
    Http10,
    Http11,
    Http2,
    Http3,
}
