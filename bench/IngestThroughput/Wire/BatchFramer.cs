namespace ApiSentinel.Bench.IngestThroughput.Wire;

/// <summary>
/// Frames a pre-encoded batch as the <c>SensorMessage { batch: CallBatch { sequence, calls } }</c> bytes a sensor
/// would send, into a reused buffer, with event times stamped on the way.
/// </summary>
internal sealed class BatchFramer
{
    private const byte BatchTag = (2 << 3) | 2; // SensorMessage.batch: field 2, length-delimited
    private const byte SequenceTag = (1 << 3) | 0; // CallBatch.sequence: field 1, varint

    private byte[] _buffer = new byte[1 << 16];
    private long _lastTimestamp;

    /// <summary>The message for <paramref name="batch"/> numbered <paramref name="sequence"/>; valid until the next call.</summary>
    public ReadOnlyMemory<byte> Frame(EncodedBatch batch, ulong sequence, long nowMicros)
    {
        var inner = 1 + Varint.Length(sequence) + batch.Calls.Length;
        var total = 1 + Varint.Length((ulong)inner) + inner;
        if (_buffer.Length < total)
        {
            _buffer = new byte[Math.Max(total, _buffer.Length * 2)];
        }
        var span = _buffer.AsSpan();
        var at = 0;
        span[at++] = BatchTag;
        at += Varint.Write(span[at..], (ulong)inner);
        span[at++] = SequenceTag;
        at += Varint.Write(span[at..], sequence);
        var calls = span.Slice(at, batch.Calls.Length);
        batch.Calls.CopyTo(calls);

        // Event time follows the wall clock and never goes back within a stream, as a live sensor's does.
        var first = Math.Max(_lastTimestamp + 1, nowMicros - batch.TimestampOffsets.Length + 1);
        for (var i = 0; i < batch.TimestampOffsets.Length; i++)
        {
            Varint.WriteTimestamp(calls[batch.TimestampOffsets[i]..], first + i);
        }
        _lastTimestamp = first + batch.TimestampOffsets.Length - 1;
        return _buffer.AsMemory(0, at + batch.Calls.Length);
    }
}
