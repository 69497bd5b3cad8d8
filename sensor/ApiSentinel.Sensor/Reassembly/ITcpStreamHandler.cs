namespace ApiSentinel.Sensor.Reassembly;

/// <summary>
/// Consumes the two reassembled byte streams of one TCP connection. The reassembler calls it synchronously,
/// in stream order per direction and in capture order across directions. Data spans are valid only during
/// the call.
/// </summary>
public interface ITcpStreamHandler
{
    /// <summary>In-order bytes for one direction.</summary>
    void OnData(FlowDirection direction, ReadOnlySpan<byte> data, long timestampMicros);

    /// <summary>
    /// Bytes that were never captured: the next <paramref name="missingBytes"/> of this direction are lost.
    /// Data after the gap follows with <see cref="OnData"/>. Never papered over: the handler decides what a
    /// hole means for its protocol.
    /// </summary>
    void OnGap(FlowDirection direction, long missingBytes, long timestampMicros);

    /// <summary>This direction sent FIN and every byte before it has been delivered.</summary>
    void OnEndOfStream(FlowDirection direction, long timestampMicros);

    /// <summary>The connection is gone; no further calls follow.</summary>
    void OnClose(CloseReason reason, long timestampMicros);
}
