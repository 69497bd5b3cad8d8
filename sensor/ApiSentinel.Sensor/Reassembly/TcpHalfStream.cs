using System.Buffers;
using ApiSentinel.Sensor.Buffers;

namespace ApiSentinel.Sensor.Reassembly;

/// <summary>
/// One direction of a TCP connection: where the next in-order byte is, the out-of-order bytes held above it,
/// and the FIN. Positions are 64-bit stream offsets (0 = first data byte); a 32-bit sequence number is turned
/// into an offset once, by serial-number arithmetic against the next expected byte (RFC 1982), so buffered
/// data and FIN positions never wrap and compare with plain &lt; and &gt;.
/// This type only keeps state; the reassembler decides when to deliver and calls the handler.
/// </summary>
internal sealed class TcpHalfStream
{
    /// <summary>
    /// Bound on the number of buffered pieces per direction, independent of the byte bound: a peer sending
    /// 1-byte out-of-order segments would otherwise hold millions of tiny pooled arrays (each costing far
    /// more than the one byte it accounts for).
    /// </summary>
    public const int MaxBufferedSegments = 2048;

    private List<BufferedSegment>? _buffered;
    private uint _baseSequence;

    /// <summary>True once the first byte's (or the SYN's) sequence number is known.</summary>
    public bool Started { get; private set; }

    /// <summary>Offset of the next byte to deliver; everything below was delivered or declared a gap.</summary>
    public long NextOffset { get; set; }

    public bool FinSeen { get; private set; }

    /// <summary>Offset the FIN occupies (one past the last data byte).</summary>
    public long FinOffset { get; private set; }

    /// <summary><see cref="ITcpStreamHandler.OnEndOfStream"/> was delivered.</summary>
    public bool Ended { get; set; }

    public long BufferedBytes { get; private set; }

    public int BufferedSegmentCount => _buffered?.Count ?? 0;

    /// <summary>Offset of the lowest buffered byte; only valid when <see cref="BufferedBytes"/> is not zero.</summary>
    public long FirstBufferedOffset => _buffered![0].Offset;

    /// <summary>
    /// Something waits behind a hole: buffered bytes, or a FIN whose preceding bytes are not all here.
    /// </summary>
    public bool HasHole => BufferedBytes != 0 || (FinSeen && !Ended && NextOffset < FinOffset);

    /// <summary>Starts the stream so that <paramref name="firstDataSequence"/> is offset 0.</summary>
    public void Start(uint firstDataSequence)
    {
        Started = true;
        _baseSequence = firstDataSequence;
        NextOffset = 0;
    }

    /// <summary>
    /// The stream offset of <paramref name="sequence"/>: the signed 32-bit distance from the next expected
    /// byte, so anything within ±2 GiB of it maps correctly across a wrap.
    /// </summary>
    public long ToOffset(uint sequence)
    {
        uint nextSequence = unchecked(_baseSequence + (uint)NextOffset);
        return NextOffset + unchecked((int)(sequence - nextSequence));
    }

    /// <summary>Records the FIN at <paramref name="offset"/>; the first FIN seen wins.</summary>
    public void MarkFin(long offset)
    {
        if (FinSeen)
        {
            return;
        }
        FinSeen = true;
        // A FIN below bytes already delivered contradicts them; the delivered bytes stand.
        FinOffset = Math.Max(offset, NextOffset);
    }

    /// <summary>
    /// Copies the parts of <paramref name="data"/> (starting at <paramref name="offset"/>, at or above
    /// <see cref="NextOffset"/>) that no buffered piece already covers: first-seen bytes win. Returns the
    /// number of bytes stored.
    /// </summary>
    public int Insert(long offset, ReadOnlySpan<byte> data)
    {
        List<BufferedSegment> buffered = _buffered ??= new List<BufferedSegment>();
        long end = offset + data.Length;
        long cursor = offset;
        int index = IndexOfFirstEndingAfter(buffered, cursor);
        int stored = 0;
        while (cursor < end)
        {
            if (index < buffered.Count && buffered[index].Offset <= cursor)
            {
                // Covered by an earlier piece: skip its extent.
                cursor = buffered[index].End;
                index++;
                continue;
            }
            long pieceEnd = index < buffered.Count ? Math.Min(buffered[index].Offset, end) : end;
            int length = (int)(pieceEnd - cursor);
            byte[] array = ArrayPool<byte>.Shared.Rent(length);
            data.Slice((int)(cursor - offset), length).CopyTo(array);
            buffered.Insert(index, new BufferedSegment(cursor, array, length));
            index++;
            stored += length;
            cursor = pieceEnd;
        }
        BufferedBytes += stored;
        return stored;
    }

    /// <summary>
    /// Removes and returns the lowest buffered piece if it starts at or below <see cref="NextOffset"/>
    /// (so it is deliverable now). The caller owns the array afterwards.
    /// </summary>
    public bool TryTakeDeliverable(out BufferedSegment segment)
    {
        if (BufferedBytes != 0 && _buffered![0].Offset <= NextOffset)
        {
            segment = _buffered[0];
            _buffered.RemoveAt(0);
            BufferedBytes -= segment.Length;
            return true;
        }
        segment = default;
        return false;
    }

    /// <summary>Returns every buffered array to the pool; returns the number of bytes dropped.</summary>
    public long ReleaseAll()
    {
        long released = BufferedBytes;
        if (_buffered is not null)
        {
            foreach (BufferedSegment segment in _buffered)
            {
                PayloadBuffers.ReturnWiped(segment.Array, segment.Length);
            }
            _buffered.Clear();
        }
        BufferedBytes = 0;
        return released;
    }

    private static int IndexOfFirstEndingAfter(List<BufferedSegment> buffered, long offset)
    {
        // Pieces are sorted and disjoint, so their ends ascend too: binary search on End.
        int low = 0;
        int high = buffered.Count;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (buffered[middle].End > offset)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }
        return low;
    }
}
