namespace ApiSentinel.Sensor.Capture;

/// <summary>
/// One frame as a capture source delivers it. The bytes are only valid for the duration of the
/// <see cref="IFrameSink.OnFrame"/> call: sources reuse their buffers, which is what keeps the hot path
/// free of per-packet allocations.
/// </summary>
public readonly ref struct CapturedFrame
{
    public CapturedFrame(ReadOnlySpan<byte> data, int originalLength, long timestampMicros, LinkType linkType)
    {
        Data = data;
        OriginalLength = originalLength;
        TimestampMicros = timestampMicros;
        LinkType = linkType;
    }

    /// <summary>The captured bytes, starting at the link-layer header.</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <summary>Length of the frame on the wire; larger than <c>Data.Length</c> when the snaplen cut it.</summary>
    public int OriginalLength { get; }

    /// <summary>Microseconds since the Unix epoch (UTC).</summary>
    public long TimestampMicros { get; }

    public LinkType LinkType { get; }

    public bool IsTruncated => OriginalLength > Data.Length;
}
