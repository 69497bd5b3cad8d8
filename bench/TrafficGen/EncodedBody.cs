namespace ApiSentinel.Bench.TrafficGen;

/// <summary>
/// A message body exactly as it goes on the wire (possibly gzip-compressed and/or chunk-framed), built once at
/// start-up and shared by every message that uses it.
/// </summary>
internal sealed class EncodedBody(byte[] wire, int entityLength, bool isChunked, bool isGzip)
{
    public byte[] Wire { get; } = wire;

    /// <summary>Body length after de-chunking (still compressed if gzip): what a parser should report.</summary>
    public int EntityLength { get; } = entityLength;

    public bool IsChunked { get; } = isChunked;

    public bool IsGzip { get; } = isGzip;
}
