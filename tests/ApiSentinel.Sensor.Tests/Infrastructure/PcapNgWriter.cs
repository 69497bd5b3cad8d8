using System.Buffers.Binary;

namespace ApiSentinel.Sensor.Tests.Infrastructure;

/// <summary>
/// Writes pcapng files block by block for tests: sections in either byte order, interfaces with any link type,
/// snaplen and <c>if_tsresol</c>, Enhanced/Simple/obsolete Packet Blocks, and arbitrary other blocks.
/// Timestamps are written in the interface's own units (ticks), exactly as given.
/// </summary>
public sealed class PcapNgWriter : IDisposable
{
    private readonly Stream _stream;
    private bool _bigEndian;
    private int _interfaceCount;

    public PcapNgWriter(Stream stream, bool bigEndian = false)
    {
        _stream = stream;
        WriteSectionHeader(bigEndian);
    }

    public static PcapNgWriter Create(string path, bool bigEndian = false) => new(File.Create(path), bigEndian);

    /// <summary>Starts a new section (the first one is written by the constructor); interface ids restart at 0.</summary>
    public void WriteSectionHeader(bool bigEndian)
    {
        _bigEndian = bigEndian;
        _interfaceCount = 0;
        var body = new byte[16];
        WriteUInt32(body, 0x1A2B3C4D);
        WriteUInt16(body.AsSpan(4), 1);
        WriteUInt16(body.AsSpan(6), 0);
        WriteUInt64(body.AsSpan(8), ulong.MaxValue); // section length unknown
        WriteBlock(0x0A0D0D0A, body);
    }

    /// <summary>Describes an interface and returns its id. <paramref name="tsresol"/> is the raw option byte.</summary>
    public int WriteInterface(int linkType, int snaplen = 0, byte? tsresol = null)
    {
        var body = new List<byte>();
        var fixedPart = new byte[8];
        WriteUInt16(fixedPart, (ushort)linkType);
        WriteUInt32(fixedPart.AsSpan(4), (uint)snaplen);
        body.AddRange(fixedPart);
        if (tsresol is byte resolution)
        {
            var option = new byte[8];
            WriteUInt16(option, 9);
            WriteUInt16(option.AsSpan(2), 1);
            option[4] = resolution;
            body.AddRange(option);
            body.AddRange(new byte[4]); // opt_endofopt
        }
        WriteBlock(1, body.ToArray());
        return _interfaceCount++;
    }

    public void WriteEnhancedPacket(int interfaceId, ulong ticks, ReadOnlySpan<byte> data, int? originalLength = null)
    {
        var body = new byte[20 + Pad(data.Length)];
        WriteUInt32(body, (uint)interfaceId);
        WriteUInt32(body.AsSpan(4), (uint)(ticks >> 32));
        WriteUInt32(body.AsSpan(8), (uint)ticks);
        WriteUInt32(body.AsSpan(12), (uint)data.Length);
        WriteUInt32(body.AsSpan(16), (uint)(originalLength ?? data.Length));
        data.CopyTo(body.AsSpan(20));
        WriteBlock(6, body);
    }

    public void WriteSimplePacket(ReadOnlySpan<byte> data, int? originalLength = null)
    {
        var body = new byte[4 + Pad(data.Length)];
        WriteUInt32(body, (uint)(originalLength ?? data.Length));
        data.CopyTo(body.AsSpan(4));
        WriteBlock(3, body);
    }

    public void WriteObsoletePacket(int interfaceId, ulong ticks, ReadOnlySpan<byte> data)
    {
        var body = new byte[20 + Pad(data.Length)];
        WriteUInt16(body, (ushort)interfaceId);
        WriteUInt32(body.AsSpan(4), (uint)(ticks >> 32));
        WriteUInt32(body.AsSpan(8), (uint)ticks);
        WriteUInt32(body.AsSpan(12), (uint)data.Length);
        WriteUInt32(body.AsSpan(16), (uint)data.Length);
        data.CopyTo(body.AsSpan(20));
        WriteBlock(2, body);
    }

    /// <summary>Any block: type, lengths and the body padded to 4 bytes.</summary>
    public void WriteBlock(uint type, ReadOnlySpan<byte> body)
    {
        int padded = Pad(body.Length);
        var block = new byte[12 + padded];
        WriteUInt32(block, type);
        WriteUInt32(block.AsSpan(4), (uint)block.Length);
        body.CopyTo(block.AsSpan(8));
        WriteUInt32(block.AsSpan(8 + padded), (uint)block.Length);
        _stream.Write(block);
    }

    public void WriteRaw(ReadOnlySpan<byte> bytes) => _stream.Write(bytes);

    public void Dispose() => _stream.Dispose();

    private static int Pad(int length) => (length + 3) & ~3;

    private void WriteUInt16(Span<byte> destination, ushort value)
    {
        if (_bigEndian) BinaryPrimitives.WriteUInt16BigEndian(destination, value);
        else BinaryPrimitives.WriteUInt16LittleEndian(destination, value);
    }

    private void WriteUInt32(Span<byte> destination, uint value)
    {
        if (_bigEndian) BinaryPrimitives.WriteUInt32BigEndian(destination, value);
        else BinaryPrimitives.WriteUInt32LittleEndian(destination, value);
    }

    private void WriteUInt64(Span<byte> destination, ulong value)
    {
        if (_bigEndian) BinaryPrimitives.WriteUInt64BigEndian(destination, value);
        else BinaryPrimitives.WriteUInt64LittleEndian(destination, value);
    }
}
