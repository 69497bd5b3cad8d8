namespace ApiSentinel.Sensor.Http;

/// <summary>How the end of a message body is found (RFC 9112 §6.3).</summary>
internal enum Http1BodyFraming : byte
{
    None,
    ContentLength,
    Chunked,
    /// <summary>The body runs until the sender closes the connection (responses only).</summary>
    UntilClose,
}
