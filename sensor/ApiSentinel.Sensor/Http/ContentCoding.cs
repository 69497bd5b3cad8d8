namespace ApiSentinel.Sensor.Http;

/// <summary>The Content-Encoding of a body, as far as inspection is concerned.</summary>
internal enum ContentCoding : byte
{
    Identity,
    Gzip,
    Deflate,
    Brotli,
    /// <summary>A coding (or a stack of codings) the inspector does not decode.</summary>
    Unsupported,
}
