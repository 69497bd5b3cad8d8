using System.Buffers.Binary;

namespace ApiSentinel.Bench.TrafficGen;

/// <summary>
/// Streams a classic libpcap file (microsecond timestamps, native little-endian, LINKTYPE_ETHERNET).
/// Frames are built in place inside one reused output buffer and written out in large blocks, so memory is
/// constant whatever the file size and no packet is ever allocated or copied twice.
/// </summary>
internal sealed class PcapFileWriter : IDisposable
{
    public const int MaxFrameLength = 1514;
    private const int RecordHeaderLength = 16;
    private const int GlobalHeaderLength = 24;
    private const uint MicrosecondMagic = 0xA1B2C3D4;
    private const uint LinkTypeEthernet = 1;
    private const uint SnapLength = 262_144;

    // 4 MiB blocks: large enough that write syscalls are noise, small enough to stay in L2/L3-friendly territory.
    private readonly byte[] _buffer = new byte[4 * 1024 * 1024];
    private readonly Stream _output;
    private int _position;

    public PcapFileWriter(Stream output)
    {
        _output = output;
        Span<byte> header = _buffer.AsSpan(0, GlobalHeaderLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header, MicrosecondMagic);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], 0);   // thiszone: UTC
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], 0); // sigfigs
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], SnapLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], LinkTypeEthernet);
        _position = GlobalHeaderLength;
        BytesWritten = GlobalHeaderLength;
    }

    public long BytesWritten { get; private set; }

    public long Packets { get; private set; }

    /// <summary>Space for one frame of at most <see cref="MaxFrameLength"/> bytes; finish with <see cref="CommitFrame"/>.</summary>
    public Span<byte> GetFrameSpan()
    {
        if (_buffer.Length - _position < RecordHeaderLength + MaxFrameLength)
        {
            FlushBuffer();
        }

        return _buffer.AsSpan(_position + RecordHeaderLength, MaxFrameLength);
    }

    public void CommitFrame(long timestampMicroseconds, int frameLength)
    {
        Span<byte> record = _buffer.AsSpan(_position, RecordHeaderLength);
        BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)(timestampMicroseconds / 1_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(record[4..], (uint)(timestampMicroseconds % 1_000_000));
        BinaryPrimitives.WriteInt32LittleEndian(record[8..], frameLength);
        BinaryPrimitives.WriteInt32LittleEndian(record[12..], frameLength);
        int recordLength = RecordHeaderLength + frameLength;
        _position += recordLength;
        BytesWritten += recordLength;
        Packets++;
    }

    public void Dispose()
    {
        FlushBuffer();
        _output.Flush();
    }

    private void FlushBuffer()
    {
        _output.Write(_buffer, 0, _position);
        _position = 0;
    }
}
