using System.Buffers.Binary;
using ApiSentinel.Sensor.Capture;

namespace ApiSentinel.Sensor.Tests.Infrastructure;

/// <summary>
/// Writes classic pcap files for tests: any link type (including ones the sensor rejects), either byte order,
/// microsecond or nanosecond timestamps. Frames usually come from <see cref="TestFrames"/>.
/// <code>
/// using (var writer = PcapWriter.Create(path))
/// {
///     writer.Write(TestFrames.EthernetIPv4Tcp("192.0.2.1:40000", "192.0.2.2:80", 1, 0, TcpFlags.Syn), timestampMicros: 1_000_000);
/// }
/// </code>
/// </summary>
public sealed class PcapWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _bigEndian;
    private readonly bool _nanosecond;
    private readonly bool _leaveOpen;

    public PcapWriter(Stream stream, int linkType = (int)LinkType.Ethernet, int snaplen = 262_144,
        bool bigEndian = false, bool nanosecond = false, bool leaveOpen = false)
    {
        _stream = stream;
        _bigEndian = bigEndian;
        _nanosecond = nanosecond;
        _leaveOpen = leaveOpen;

        Span<byte> header = stackalloc byte[24];
        WriteUInt32(header, nanosecond ? 0xA1B23C4Du : 0xA1B2C3D4u);
        WriteUInt16(header[4..], 2);
        WriteUInt16(header[6..], 4);
        WriteUInt32(header[16..], (uint)snaplen);
        WriteUInt32(header[20..], (uint)linkType);
        _stream.Write(header);
    }

    public static PcapWriter Create(string path, LinkType linkType = LinkType.Ethernet, bool bigEndian = false,
        bool nanosecond = false) =>
        new(File.Create(path), (int)linkType, bigEndian: bigEndian, nanosecond: nanosecond);

    /// <summary>Writes one record. <paramref name="originalLength"/> defaults to the frame's length (not truncated).</summary>
    public void Write(ReadOnlySpan<byte> frame, long timestampMicros = 0, int? originalLength = null)
    {
        Span<byte> header = stackalloc byte[16];
        long seconds = timestampMicros / 1_000_000;
        long micros = timestampMicros % 1_000_000;
        WriteUInt32(header, (uint)seconds);
        WriteUInt32(header[4..], (uint)(_nanosecond ? micros * 1000 : micros));
        WriteUInt32(header[8..], (uint)frame.Length);
        WriteUInt32(header[12..], (uint)(originalLength ?? frame.Length));
        _stream.Write(header);
        _stream.Write(frame);
    }

    /// <summary>Writes bytes as they are, for building damaged files.</summary>
    public void WriteRaw(ReadOnlySpan<byte> bytes) => _stream.Write(bytes);

    public void Dispose()
    {
        _stream.Flush();
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    private void WriteUInt32(Span<byte> destination, uint value)
    {
        if (_bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(destination, value);
        }
    }

    private void WriteUInt16(Span<byte> destination, ushort value)
    {
        if (_bigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(destination, value);
        }
    }
}
