namespace ApiSentinel.Sensor.Http;

/// <summary>
/// What the parser learned of one message body. The body itself is never stored: <see cref="Length"/> counts
/// every entity byte, and only the first <see cref="Http1Options.BodyInspectionLimit"/> bytes, decoded from
/// their Content-Encoding, are kept for inspection — in a buffer the parser reuses after delivery.
/// </summary>
public sealed class HttpBody
{
    /// <summary>Entity length after de-chunking, counted in full (including bytes lost in gaps).</summary>
    public long Length { get; internal set; }

    /// <summary>Bytes of the body that were never captured (gaps skipped by length).</summary>
    public long MissingBytes { get; internal set; }

    /// <summary>The start of the body, decoded (gzip/deflate/br) when it was encoded, at most the inspection limit.</summary>
    public ReadOnlySpan<byte> Inspected => _inspected.AsSpan(0, _inspectedLength);

    /// <summary>True when the body (or its decoded form) was longer than what was kept for inspection.</summary>
    public bool InspectionTruncated { get; internal set; }

    /// <summary>Content-Encoding as declared (lower-cased), or null.</summary>
    public string? ContentEncoding { get; internal set; }

    /// <summary>False when the encoded body could not be decoded (unknown coding or corrupt stream).</summary>
    public bool DecodedOk { get; internal set; } = true;

    /// <summary>The body ended where its framing said (length reached, last chunk, or close for close-delimited).</summary>
    public bool Complete { get; internal set; }

    private byte[] _inspected = [];
    private int _inspectedLength;
    /// <summary>Longest content the buffer held since the last scrub: what must be wiped before reuse elsewhere.</summary>
    private int _highWater;

    internal void Reset()
    {
        Length = 0;
        MissingBytes = 0;
        InspectionTruncated = false;
        ContentEncoding = null;
        DecodedOk = true;
        Complete = false;
        _highWater = Math.Max(_highWater, _inspectedLength);
        _inspectedLength = 0;
    }

    /// <summary>Resets, wipes every byte ever kept and gives the buffer back, so the storage can serve another connection.</summary>
    internal void Scrub()
    {
        Reset();
        InspectionBuffers.Release(ref _inspected, _highWater);
        _highWater = 0;
    }

    /// <summary>Stores decoded body bytes for inspection, up to <paramref name="limit"/> in total.</summary>
    internal void AppendInspected(ReadOnlySpan<byte> decoded, int limit)
    {
        var room = limit - _inspectedLength;
        if (decoded.Length > room)
        {
            InspectionTruncated = true;
            decoded = decoded[..Math.Max(room, 0)];
        }
        if (decoded.IsEmpty)
        {
            return;
        }
        var needed = _inspectedLength + decoded.Length;
        if (needed > _inspected.Length)
        {
            InspectionBuffers.Grow(ref _inspected, _inspectedLength, needed, limit);
        }
        decoded.CopyTo(_inspected.AsSpan(_inspectedLength));
        _inspectedLength = needed;
    }
}
