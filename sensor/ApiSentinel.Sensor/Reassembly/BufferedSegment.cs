namespace ApiSentinel.Sensor.Reassembly;

/// <summary>
/// Out-of-order bytes held until the hole before them fills: a pooled array (from
/// <see cref="System.Buffers.ArrayPool{T}.Shared"/>) and the stream offset of its first byte.
/// </summary>
internal readonly struct BufferedSegment
{
    public BufferedSegment(long offset, byte[] array, int length)
    {
        Offset = offset;
        Array = array;
        Length = length;
    }

    public long Offset { get; }

    /// <summary>Rented; may be longer than <see cref="Length"/>. Returned to the pool once delivered or dropped.</summary>
    public byte[] Array { get; }

    public int Length { get; }

    public long End => Offset + Length;

    public ReadOnlySpan<byte> Data => Array.AsSpan(0, Length);
}
