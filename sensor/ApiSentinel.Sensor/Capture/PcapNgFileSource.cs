using System.Buffers.Binary;

namespace ApiSentinel.Sensor.Capture;

/// <summary>
/// pcapng files: a sequence of blocks (type, total length, body, total length) grouped in sections. Each
/// Section Header Block sets the byte order of its section and forgets the previous section's interfaces.
/// Packets come from Enhanced, Simple and (obsolete) Packet Blocks, each tagged with the link type of the
/// interface it refers to; every other block is skipped and counted.
/// </summary>
public sealed class PcapNgFileSource : CaptureFileSource
{
    private const uint ByteOrderMagic = 0x1A2B3C4D;
    private const uint InterfaceDescriptionBlock = 1;
    private const uint ObsoletePacketBlock = 2;
    private const uint SimplePacketBlock = 3;
    private const uint EnhancedPacketBlock = 6;

    private const int BlockHeaderLength = 8;
    private const int MinimumBlockLength = 12;
    private const int SectionHeaderMinimumLength = 28;

    private const ushort OptionEndOfOptions = 0;
    private const ushort OptionTsresol = 9;
    private const ushort OptionTsoffset = 14;

    private readonly List<PcapNgInterface> _interfaces = [];
    private bool _swapped;

    /// <summary>Simple Packet Blocks carry no timestamp; they get the last timestamp seen so time keeps moving forward.</summary>
    private long _lastTimestampMicros;

    internal PcapNgFileSource(string path, CaptureFileInput input) : base(path, input)
    {
        if (!input.TryEnsure(SectionHeaderMinimumLength))
        {
            throw new CaptureException($"{path}: truncated pcapng section header ({input.Available} of {SectionHeaderMinimumLength} bytes)");
        }
    }

    public override void Run(IFrameSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var input = Input;
        var statistics = Statistics;
        int untilCancellationCheck = CancellationCheckInterval;

        while (true)
        {
            if (--untilCancellationCheck == 0 && CheckpointStops(ref untilCancellationCheck, cancellationToken))
            {
                return;
            }

            if (!input.TryEnsure(BlockHeaderLength))
            {
                EndOfInput();
                return;
            }
            long blockOffset = input.Position;
            uint type = BinaryPrimitives.ReadUInt32LittleEndian(input.Peek(4));
            if (type == PcapNgSectionHeader)
            {
                // The byte order is only known after reading the section's byte-order magic (its type is a
                // palindrome precisely so it can be recognised before that).
                if (!input.TryEnsure(12))
                {
                    EndOfInput();
                    return;
                }
                ReadByteOrder(input.Peek(12)[8..], blockOffset);
            }
            else
            {
                type = ReadUInt32(input.Peek(4));
            }

            uint totalLength = ReadUInt32(input.Peek(BlockHeaderLength)[4..]);
            if (totalLength < MinimumBlockLength || totalLength % 4 != 0 || totalLength > CaptureFileInput.MaxRecordLength)
            {
                throw Corrupt(blockOffset, $"block length {totalLength}");
            }
            int length = (int)totalLength;
            if (!input.TryEnsure(length))
            {
                EndOfInput();
                return;
            }
            var block = input.Peek(length);
            if (ReadUInt32(block[(length - 4)..]) != totalLength)
            {
                throw Corrupt(blockOffset, "block lengths at start and end differ");
            }
            var body = block[BlockHeaderLength..(length - 4)];

            switch (type)
            {
                case EnhancedPacketBlock:
                    ReadEnhancedPacket(sink, body, blockOffset);
                    break;
                case SimplePacketBlock:
                    ReadSimplePacket(sink, body, blockOffset);
                    break;
                case ObsoletePacketBlock:
                    ReadObsoletePacket(sink, body, blockOffset);
                    break;
                case InterfaceDescriptionBlock:
                    ReadInterfaceDescription(body, blockOffset);
                    break;
                case PcapNgSectionHeader:
                    _interfaces.Clear();
                    break;
                default:
                    statistics.SkippedBlocks++;
                    break;
            }
            input.Advance(length);
        }
    }

    private void ReadEnhancedPacket(IFrameSink sink, ReadOnlySpan<byte> body, long blockOffset)
    {
        if (body.Length < 20)
        {
            throw Corrupt(blockOffset, "enhanced packet block too short");
        }
        ReadTimestampedPacket(sink, body, blockOffset, ReadUInt32(body));
    }

    /// <summary>
    /// The part Enhanced and obsolete Packet Blocks share: after a 4-byte interface field (a 32-bit id, or a
    /// 16-bit id and a drop count) come the 64-bit timestamp, captured and original lengths, and the data.
    /// </summary>
    private void ReadTimestampedPacket(IFrameSink sink, ReadOnlySpan<byte> body, long blockOffset, uint interfaceId)
    {
        var face = Interface(interfaceId, blockOffset);
        ulong ticks = ((ulong)ReadUInt32(body[4..]) << 32) | ReadUInt32(body[8..]);
        uint captured = ReadUInt32(body[12..]);
        uint original = ReadUInt32(body[16..]);
        if (captured > (uint)(body.Length - 20))
        {
            throw Corrupt(blockOffset, $"captured length {captured} exceeds its block");
        }
        long micros = face.Scale.ToMicros(ticks) + face.OffsetMicros;
        _lastTimestampMicros = micros;
        Deliver(sink, body.Slice(20, (int)captured), ClampLength(original, captured), micros, face.LinkType);
    }

    private void ReadSimplePacket(IFrameSink sink, ReadOnlySpan<byte> body, long blockOffset)
    {
        if (body.Length < 4)
        {
            throw Corrupt(blockOffset, "simple packet block too short");
        }
        // Simple Packet Blocks always belong to the section's first interface; their captured length is
        // implied: the original length, cut by the interface's snaplen and by the block's size.
        var face = Interface(0, blockOffset);
        uint original = ReadUInt32(body);
        long captured = Math.Min(original, body.Length - 4);
        if (face.Snaplen > 0)
        {
            captured = Math.Min(captured, face.Snaplen);
        }
        Deliver(sink, body.Slice(4, (int)captured), ClampLength(original, (uint)captured), _lastTimestampMicros, face.LinkType);
    }

    private void ReadObsoletePacket(IFrameSink sink, ReadOnlySpan<byte> body, long blockOffset)
    {
        if (body.Length < 20)
        {
            throw Corrupt(blockOffset, "packet block too short");
        }
        ReadTimestampedPacket(sink, body, blockOffset, ReadUInt16(body));
    }

    private void ReadInterfaceDescription(ReadOnlySpan<byte> body, long blockOffset)
    {
        if (body.Length < 8)
        {
            throw Corrupt(blockOffset, "interface description block too short");
        }
        int linkType = ReadUInt16(body);
        int snaplen = (int)Math.Min(ReadUInt32(body[4..]), int.MaxValue);
        var scale = PcapNgTimestampScale.Microseconds;
        long offsetMicros = 0;

        var options = body[8..];
        while (options.Length >= 4)
        {
            ushort code = ReadUInt16(options);
            int valueLength = ReadUInt16(options[2..]);
            if (code == OptionEndOfOptions || 4 + valueLength > options.Length)
            {
                break;
            }
            var value = options.Slice(4, valueLength);
            if (code == OptionTsresol && valueLength >= 1)
            {
                scale = PcapNgTimestampScale.FromTsresol(value[0])
                    ?? throw Corrupt(blockOffset, $"unusable timestamp resolution 0x{value[0]:x2}");
            }
            else if (code == OptionTsoffset && valueLength >= 8)
            {
                long seconds = _swapped ? BinaryPrimitives.ReadInt64BigEndian(value) : BinaryPrimitives.ReadInt64LittleEndian(value);
                offsetMicros = seconds * 1_000_000;
            }
            int padded = (valueLength + 3) & ~3;
            options = options[Math.Min(options.Length, 4 + padded)..];
        }
        _interfaces.Add(new PcapNgInterface(linkType, snaplen, scale, offsetMicros));
    }

    private PcapNgInterface Interface(uint id, long blockOffset)
    {
        if (id >= (uint)_interfaces.Count)
        {
            throw Corrupt(blockOffset, $"packet refers to interface {id}, but the section describes {_interfaces.Count}");
        }
        var face = _interfaces[(int)id];
        if (!face.IsSupported)
        {
            throw UnsupportedLinkType(face.LinkTypeNumber);
        }
        return face;
    }

    private void ReadByteOrder(ReadOnlySpan<byte> magic, long blockOffset)
    {
        uint value = BinaryPrimitives.ReadUInt32LittleEndian(magic);
        // Fields are read little-endian and reversed when the section is big-endian.
        if (value == ByteOrderMagic)
        {
            _swapped = false;
        }
        else if (value == BinaryPrimitives.ReverseEndianness(ByteOrderMagic))
        {
            _swapped = true;
        }
        else if (blockOffset == 0)
        {
            throw new CaptureException($"{Path}: not a pcapng file (byte-order magic 0x{BinaryPrimitives.ReadUInt32BigEndian(magic):x8})");
        }
        else
        {
            throw Corrupt(blockOffset, $"section header byte-order magic 0x{BinaryPrimitives.ReadUInt32BigEndian(magic):x8}");
        }
    }

    private void EndOfInput()
    {
        if (Input.Available > 0)
        {
            Statistics.TruncatedRecords++;
        }
        Statistics.InputPosition = Input.Position;
    }

    private static int ClampLength(uint original, uint captured) => (int)Math.Min(Math.Max(original, captured), int.MaxValue);

    private uint ReadUInt32(ReadOnlySpan<byte> bytes)
    {
        uint value = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        return _swapped ? BinaryPrimitives.ReverseEndianness(value) : value;
    }

    private ushort ReadUInt16(ReadOnlySpan<byte> bytes)
    {
        ushort value = BinaryPrimitives.ReadUInt16LittleEndian(bytes);
        return _swapped ? BinaryPrimitives.ReverseEndianness(value) : value;
    }
}
