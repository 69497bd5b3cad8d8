using System.Buffers.Binary;

namespace ApiSentinel.Bench.TrafficGen;

/// <summary>
/// Writes one Ethernet/IPv4/TCP frame straight into the pcap buffer, with correct IPv4 and TCP checksums and
/// Linux-like TCP options: SYNs carry MSS 1460, SACK-permitted, timestamps and window scale 7; every other
/// segment carries the 12-byte timestamp option, which is why a full segment holds 1448 payload bytes.
/// </summary>
internal sealed class TcpFrameWriter(PcapFileWriter pcap)
{
    public const int MaxSegmentPayload = 1448;
    private const int EthernetLength = 14;
    private const int Ipv4Length = 20;
    private const int SynTcpLength = 40;
    private const int DataTcpLength = 32;
    private const byte ProtocolTcp = 6;
    private const byte WindowScaleShift = 7;

    // 64256 bytes advertised (502 << 7); in-flight data never exceeds two segments, so the window never fills.
    private const ushort ScaledWindow = 502;
    private const ushort SynWindow = 64240;

    /// <summary>
    /// Writes a segment whose payload is the concatenation of <paramref name="payloadHead"/> and
    /// <paramref name="payloadBody"/> (an HTTP message is a per-message head plus a shared, precomputed body).
    /// </summary>
    public void Write(
        long timestampMicroseconds,
        uint sourceIp,
        uint destinationIp,
        ushort sourcePort,
        ushort destinationPort,
        ushort ipId,
        uint sequence,
        uint acknowledgement,
        TcpFlag flags,
        uint timestampValue,
        uint timestampEcho,
        ReadOnlySpan<byte> payloadHead,
        ReadOnlySpan<byte> payloadBody)
    {
        bool syn = (flags & TcpFlag.Syn) != 0;
        int tcpLength = syn ? SynTcpLength : DataTcpLength;
        int payloadLength = payloadHead.Length + payloadBody.Length;
        int ipTotalLength = Ipv4Length + tcpLength + payloadLength;
        Span<byte> frame = pcap.GetFrameSpan()[..(EthernetLength + ipTotalLength)];

        WriteEthernet(frame, sourceIp, destinationIp);
        Span<byte> ip = frame.Slice(EthernetLength, Ipv4Length);
        WriteIpv4(ip, sourceIp, destinationIp, ipId, ipTotalLength);

        Span<byte> tcp = frame[(EthernetLength + Ipv4Length)..];
        BinaryPrimitives.WriteUInt16BigEndian(tcp, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], destinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[4..], sequence);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[8..], (flags & TcpFlag.Ack) != 0 ? acknowledgement : 0);
        tcp[12] = (byte)((tcpLength / 4) << 4);
        tcp[13] = (byte)flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[14..], syn ? SynWindow : ScaledWindow);
        tcp[16] = 0; // checksum, filled below
        tcp[17] = 0;
        tcp[18] = 0; // urgent pointer
        tcp[19] = 0;
        if (syn)
        {
            WriteSynOptions(tcp.Slice(20, 20), timestampValue, timestampEcho);
        }
        else
        {
            WriteTimestampOption(tcp.Slice(20, 12), timestampValue, timestampEcho);
        }

        payloadHead.CopyTo(tcp[tcpLength..]);
        payloadBody.CopyTo(tcp[(tcpLength + payloadHead.Length)..]);

        Span<byte> segment = tcp[..(tcpLength + payloadLength)];
        ulong sum = InternetChecksum.Sum(segment)
            + (sourceIp >> 16) + (sourceIp & 0xFFFF)
            + (destinationIp >> 16) + (destinationIp & 0xFFFF)
            + ProtocolTcp + (uint)segment.Length;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[16..], InternetChecksum.Finish(sum));

        pcap.CommitFrame(timestampMicroseconds, frame.Length);
    }

    /// <summary>A stable, locally administered MAC per IPv4 address (02:42 + the address, as Docker does).</summary>
    private static void WriteMac(Span<byte> destination, uint ip)
    {
        destination[0] = 0x02;
        destination[1] = 0x42;
        BinaryPrimitives.WriteUInt32BigEndian(destination[2..], ip);
    }

    private static void WriteEthernet(Span<byte> frame, uint sourceIp, uint destinationIp)
    {
        WriteMac(frame, destinationIp);
        WriteMac(frame[6..], sourceIp);
        BinaryPrimitives.WriteUInt16BigEndian(frame[12..], 0x0800);
    }

    private static void WriteIpv4(Span<byte> ip, uint sourceIp, uint destinationIp, ushort ipId, int totalLength)
    {
        ip[0] = 0x45;
        ip[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)totalLength);
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], ipId);
        BinaryPrimitives.WriteUInt16BigEndian(ip[6..], 0x4000); // DF, as Linux sets with PMTU discovery
        ip[8] = 64;
        ip[9] = ProtocolTcp;
        ip[10] = 0;
        ip[11] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(ip[12..], sourceIp);
        BinaryPrimitives.WriteUInt32BigEndian(ip[16..], destinationIp);
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], InternetChecksum.Finish(InternetChecksum.Sum(ip)));
    }

    private static void WriteSynOptions(Span<byte> options, uint timestampValue, uint timestampEcho)
    {
        // Linux order: MSS, SACK permitted, timestamps, NOP, window scale.
        options[0] = 2;
        options[1] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(options[2..], 1460);
        options[4] = 4;
        options[5] = 2;
        options[6] = 8;
        options[7] = 10;
        BinaryPrimitives.WriteUInt32BigEndian(options[8..], timestampValue);
        BinaryPrimitives.WriteUInt32BigEndian(options[12..], timestampEcho);
        options[16] = 1;
        options[17] = 3;
        options[18] = 3;
        options[19] = WindowScaleShift;
    }

    private static void WriteTimestampOption(Span<byte> options, uint timestampValue, uint timestampEcho)
    {
        options[0] = 1;
        options[1] = 1;
        options[2] = 8;
        options[3] = 10;
        BinaryPrimitives.WriteUInt32BigEndian(options[4..], timestampValue);
        BinaryPrimitives.WriteUInt32BigEndian(options[8..], timestampEcho);
    }
}
