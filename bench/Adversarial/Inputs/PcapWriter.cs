using System.Buffers.Binary;

namespace ApiSentinel.Bench.Adversarial.Inputs;

/// <summary>
/// Streams a classic pcap file (LINKTYPE_ETHERNET, microsecond timestamps) of IPv4/TCP frames. Checksums are left
/// zero: the sensor does not verify them (offloaded NICs capture them unset), and the generators need speed.
/// </summary>
public sealed class PcapWriter : IDisposable
{
    private const int EthernetLength = 14;
    private const int Ipv4Length = 20;
    private const int TcpLength = 20;
    public const int MaxPayload = 1460;

    private readonly BufferedStream _out;
    private readonly byte[] _frame = new byte[16 + EthernetLength + Ipv4Length + TcpLength + MaxPayload];

    public PcapWriter(string path)
    {
        _out = new BufferedStream(File.Create(path), 1 << 20);
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xA1B2C3D4);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 262_144);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], 1);
        _out.Write(header);
    }

    public const byte Fin = 0x01, Syn = 0x02, Rst = 0x04, Psh = 0x08, Ack = 0x10;

    /// <summary>One TCP segment from <paramref name="source"/>:<paramref name="sourcePort"/> (addresses as host-order uint).</summary>
    public void Segment(long micros, uint source, ushort sourcePort, uint destination, ushort destinationPort,
        uint sequence, uint acknowledgment, byte flags, ReadOnlySpan<byte> payload)
    {
        if (payload.Length > MaxPayload)
        {
            throw new ArgumentOutOfRangeException(nameof(payload));
        }
        var length = EthernetLength + Ipv4Length + TcpLength + payload.Length;
        var f = _frame.AsSpan(0, 16 + length);
        f.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(f, (uint)(micros / 1_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(f[4..], (uint)(micros % 1_000_000));
        BinaryPrimitives.WriteInt32LittleEndian(f[8..], length);
        BinaryPrimitives.WriteInt32LittleEndian(f[12..], length);
        var eth = f[16..];
        eth[0] = 2; eth[6] = 2; eth[11] = 1; // locally administered MACs
        BinaryPrimitives.WriteUInt16BigEndian(eth[12..], 0x0800);
        var ip = eth[EthernetLength..];
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(Ipv4Length + TcpLength + payload.Length));
        ip[8] = 64;
        ip[9] = 6;
        BinaryPrimitives.WriteUInt32BigEndian(ip[12..], source);
        BinaryPrimitives.WriteUInt32BigEndian(ip[16..], destination);
        var tcp = ip[Ipv4Length..];
        BinaryPrimitives.WriteUInt16BigEndian(tcp, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], destinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[4..], sequence);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[8..], acknowledgment);
        tcp[12] = 5 << 4;
        tcp[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[14..], 65535);
        payload.CopyTo(tcp[TcpLength..]);
        _out.Write(f);
    }

    public void Dispose() => _out.Dispose();

    /// <summary>An address in 198.51.100.0/24 (servers) or, for clients, in 10.0.0.0/8 spread by index.</summary>
    public static uint ServerAddress => (198u << 24) | (51u << 16) | (100u << 8) | 10;

    public static uint ClientAddress(int index) => (10u << 24) | (uint)(index & 0xFFFFFF) + 1;
}
