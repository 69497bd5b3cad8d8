using System.Buffers.Binary;

namespace ApiSentinel.Sensor.Capture;

/// <summary>
/// Classic libpcap files: a 24-byte file header, then 16-byte record headers each followed by the captured
/// bytes. Both byte orders (the writer's native order) and both timestamp resolutions (microsecond magic
/// a1b2c3d4, nanosecond magic a1b23c4d) are accepted.
/// </summary>
public sealed class PcapFileSource : CaptureFileSource
{
    private const int FileHeaderLength = 24;
    private const int RecordHeaderLength = 16;

    private readonly bool _swapped;
    private readonly bool _nanosecond;

    internal PcapFileSource(string path, CaptureFileInput input) : base(path, input)
    {
        if (!input.TryEnsure(FileHeaderLength))
        {
            throw new CaptureException($"{path}: truncated pcap file header ({input.Available} of {FileHeaderLength} bytes)");
        }
        var header = input.Peek(FileHeaderLength);
        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(header);
        _swapped = magic is not (PcapMagicMicros or PcapMagicNanos);
        uint nativeMagic = _swapped ? BinaryPrimitives.ReverseEndianness(magic) : magic;
        _nanosecond = nativeMagic == PcapMagicNanos;

        Snaplen = (int)Math.Min(ReadUInt32(header[16..]), int.MaxValue);
        // The upper bits of the link-type field carry FCS information (pcap spec, "LinkType and additional
        // information"); only the low 16 bits name the link layer.
        int linkType = (int)(ReadUInt32(header[20..]) & 0xFFFF);
        if (!SupportedLinkTypes.IsSupported(linkType))
        {
            throw UnsupportedLinkType(linkType);
        }
        LinkType = (LinkType)linkType;
        input.Advance(FileHeaderLength);
        Statistics.InputPosition = input.Position;
    }

    public LinkType LinkType { get; }

    public int Snaplen { get; }

    public bool HasNanosecondTimestamps => _nanosecond;

    public override void Run(IFrameSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var input = Input;
        int untilCancellationCheck = CancellationCheckInterval;

        while (true)
        {
            if (--untilCancellationCheck == 0 && CheckpointStops(ref untilCancellationCheck, cancellationToken))
            {
                return;
            }

            if (!input.TryEnsure(RecordHeaderLength))
            {
                EndOfInput();
                return;
            }
            var header = input.Peek(RecordHeaderLength);
            uint seconds = ReadUInt32(header);
            uint fraction = ReadUInt32(header[4..]);
            uint includedLength = ReadUInt32(header[8..]);
            uint originalLength = ReadUInt32(header[12..]);

            if (includedLength > CaptureFileInput.MaxRecordLength || includedLength > originalLength)
            {
                throw Corrupt(input.Position, $"captured length {includedLength}, original length {originalLength}");
            }
            int recordLength = RecordHeaderLength + (int)includedLength;
            if (!input.TryEnsure(recordLength))
            {
                EndOfInput();
                return;
            }

            long micros = (long)seconds * 1_000_000 + (_nanosecond ? fraction / 1000 : fraction);
            var data = input.Peek(recordLength)[RecordHeaderLength..];
            input.Advance(recordLength);
            Deliver(sink, data, (int)Math.Min(originalLength, int.MaxValue), micros, LinkType);
        }
    }

    /// <summary>Clean end, or a file cut inside its last record (counted, never thrown).</summary>
    private void EndOfInput()
    {
        if (Input.Available > 0)
        {
            Statistics.TruncatedRecords++;
        }
        Statistics.InputPosition = Input.Position;
    }

    private uint ReadUInt32(ReadOnlySpan<byte> bytes)
    {
        uint value = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        return _swapped ? BinaryPrimitives.ReverseEndianness(value) : value;
    }
}
