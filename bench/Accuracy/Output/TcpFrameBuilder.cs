using System.Buffers.Binary;
using System.Net;

namespace ApiSentinel.Bench.Accuracy.Output;

/// <summary>Ethernet II / IPv4 / TCP frames with correct IPv4 and TCP checksums.</summary>
internal static class TcpFrameBuilder
{
    public const byte Fin = 0x01;
    public const byte Syn = 0x02;
    public const byte Push = 0x08;
    public const byte Ack = 0x10;
    private const int EthernetLength = 14;
    private const int IpLength = 20;

    public static byte[] Build(IPAddress source, int sourcePort, IPAddress destination, int destinationPort,
        uint sequence, uint acknowledgement, byte flags, ReadOnlySpan<byte> payload, ushort ipId)
    {
        // SYN segments carry the MSS option (1460), as every real stack sends.
        var tcpLength = (flags & Syn) != 0 ? 24 : 20;
        var frame = new byte[EthernetLength + IpLength + tcpLength + payload.Length];
        var span = frame.AsSpan();
        var sourceBytes = source.GetAddressBytes();
        var destinationBytes = destination.GetAddressBytes();
        // Locally administered MACs derived from the IPv4 address.
        span[0] = 0x02;
        destinationBytes.CopyTo(span[2..6]);
        span[6] = 0x02;
        sourceBytes.CopyTo(span[8..12]);
        BinaryPrimitives.WriteUInt16BigEndian(span[12..], 0x0800);

        var ip = span.Slice(EthernetLength, IpLength);
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(IpLength + tcpLength + payload.Length));
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], ipId);
        ip[6] = 0x40; // don't fragment
        ip[8] = 64;
        ip[9] = 6;
        sourceBytes.CopyTo(ip[12..]);
        destinationBytes.CopyTo(ip[16..]);
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], Checksum(ip, 0));

        var tcp = span.Slice(EthernetLength + IpLength, tcpLength + payload.Length);
        BinaryPrimitives.WriteUInt16BigEndian(tcp, (ushort)sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], (ushort)destinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[4..], sequence);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[8..], acknowledgement);
        tcp[12] = (byte)((tcpLength / 4) << 4);
        tcp[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[14..], 64240);
        if (tcpLength == 24)
        {
            tcp[20] = 2;
            tcp[21] = 4;
            BinaryPrimitives.WriteUInt16BigEndian(tcp[22..], 1460);
        }
        payload.CopyTo(tcp[tcpLength..]);
        uint pseudo = 0;
        pseudo += BinaryPrimitives.ReadUInt16BigEndian(sourceBytes) + (uint)BinaryPrimitives.ReadUInt16BigEndian(sourceBytes.AsSpan(2));
        pseudo += BinaryPrimitives.ReadUInt16BigEndian(destinationBytes) + (uint)BinaryPrimitives.ReadUInt16BigEndian(destinationBytes.AsSpan(2));
        pseudo += 6u + (uint)tcp.Length;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[16..], Checksum(tcp, pseudo));
        return frame;
    }

    private static ushort Checksum(ReadOnlySpan<byte> data, uint sum)
    {
        var i = 0;
        for (; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }
        if (i < data.Length)
        {
            sum += (uint)data[i] << 8;
        }
        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (ushort)~sum;
    }
}
