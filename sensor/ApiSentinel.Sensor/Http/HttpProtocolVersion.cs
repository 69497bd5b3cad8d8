namespace ApiSentinel.Sensor.Http;

/// <summary>The HTTP version a message declared (or implied, for HTTP/0.9 simple requests).</summary>
public enum HttpProtocolVersion : byte
{
    /// <summary>No version on the request line and not a valid HTTP/0.9 request, or an unrecognised one.</summary>
    Unknown = 0,
    Http09,
    Http10,
    Http11,
}
