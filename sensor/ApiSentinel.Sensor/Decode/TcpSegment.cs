namespace ApiSentinel.Sensor.Decode;

/// <summary>
/// A decoded TCP segment. The payload points into the frame's buffer and is valid only while the frame is
/// being handled; the reassembler copies what it must keep.
/// </summary>
public readonly ref struct TcpSegment
{
    public TcpSegment(NetEndpoint source, NetEndpoint destination, uint sequence, uint acknowledgment,
        TcpFlags flags, ushort window, ReadOnlySpan<byte> payload, long timestampMicros)
    {
        Source = source;
        Destination = destination;
        Sequence = sequence;
        Acknowledgment = acknowledgment;
        Flags = flags;
        Window = window;
        Payload = payload;
        TimestampMicros = timestampMicros;
    }

    public NetEndpoint Source { get; }
    public NetEndpoint Destination { get; }
    public uint Sequence { get; }
    public uint Acknowledgment { get; }
    public TcpFlags Flags { get; }
    public ushort Window { get; }
    public ReadOnlySpan<byte> Payload { get; }

    /// <summary>Microseconds since the Unix epoch (UTC), from the capture.</summary>
    public long TimestampMicros { get; }

    public bool Has(TcpFlags flag) => (Flags & flag) != 0;
}
