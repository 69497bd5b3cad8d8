namespace ApiSentinel.Bench.IngestThroughput.Wire;

/// <summary>Protobuf base-128 varints, for framing pre-encoded batches and patching timestamps in place.</summary>
internal static class Varint
{
    /// <summary>Every µs timestamp from 1987 to 2283 (2^49 … 2^56 − 1) encodes in exactly this many bytes.</summary>
    public const int TimestampBytes = 8;

    public const long MinFixedWidthTimestamp = 1L << 49;

    public static int Length(ulong value)
    {
        var n = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            n++;
        }
        return n;
    }

    public static int Write(Span<byte> target, ulong value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            target[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        target[i++] = (byte)value;
        return i;
    }

    /// <summary>Overwrites an 8-byte timestamp varint with another timestamp of the same width.</summary>
    public static void WriteTimestamp(Span<byte> target, long micros)
    {
        if (micros < MinFixedWidthTimestamp || Length((ulong)micros) != TimestampBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(micros), micros, "timestamp outside the fixed-width varint range");
        }
        Write(target, (ulong)micros);
    }
}
