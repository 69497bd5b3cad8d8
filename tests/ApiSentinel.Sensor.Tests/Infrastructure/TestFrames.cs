using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using ApiSentinel.Sensor.Decode;

namespace ApiSentinel.Sensor.Tests.Infrastructure;

/// <summary>
/// Builds well-formed frames for tests, layer by layer. Endpoints are written "ip:port" ("192.0.2.1:40000",
/// "[2001:db8::1]:443"). The one-call builders cover the common case:
/// <code>
/// byte[] syn = TestFrames.EthernetIPv4Tcp("192.0.2.1:40000", "192.0.2.2:80", seq: 1000, ack: 0, TcpFlags.Syn);
/// byte[] get = TestFrames.EthernetIPv4Tcp("192.0.2.1:40000", "192.0.2.2:80", 1001, 1, TcpFlags.Ack | TcpFlags.Psh, "GET / HTTP/1.1\r\n\r\n"u8);
/// </code>
/// and the layer builders (<see cref="Tcp"/>, <see cref="IPv4"/>, <see cref="IPv6"/>, <see cref="Udp"/>,
/// <see cref="Ethernet"/>, <see cref="Vxlan"/>, <see cref="LinuxSll"/>, ...) compose anything else.
/// IPv4 header checksums are correct; TCP/UDP checksums are left zero (the sensor does not verify them).
/// </summary>
public static class TestFrames
{
    public const ushort EtherTypeIPv4 = 0x0800;
    public const ushort EtherTypeIPv6 = 0x86DD;
    public const ushort EtherTypeArp = 0x0806;
    public const ushort EtherTypeVlan = 0x8100;
    public const ushort EtherTypeQinQ = 0x88A8;
    public const byte ProtocolTcp = 6;
    public const byte ProtocolUdp = 17;

    private static readonly byte[] SourceMac = [0x02, 0x00, 0x00, 0x00, 0x00, 0x01];
    private static readonly byte[] DestinationMac = [0x02, 0x00, 0x00, 0x00, 0x00, 0x02];

    /// <summary>Ethernet + IPv4 + TCP.</summary>
    public static byte[] EthernetIPv4Tcp(string source, string destination, uint seq, uint ack, TcpFlags flags,
        ReadOnlySpan<byte> payload = default) =>
        Ethernet(EtherTypeIPv4, IPv4Tcp(source, destination, seq, ack, flags, payload));

    /// <summary>Ethernet + IPv6 + TCP.</summary>
    public static byte[] EthernetIPv6Tcp(string source, string destination, uint seq, uint ack, TcpFlags flags,
        ReadOnlySpan<byte> payload = default) =>
        Ethernet(EtherTypeIPv6, IPv6Tcp(source, destination, seq, ack, flags, payload));

    /// <summary>IPv4 + TCP, no link layer (for raw-IP link types or to wrap in another link layer).</summary>
    public static byte[] IPv4Tcp(string source, string destination, uint seq, uint ack, TcpFlags flags,
        ReadOnlySpan<byte> payload = default)
    {
        var (src, dst) = (IPEndPoint.Parse(source), IPEndPoint.Parse(destination));
        return IPv4(src.Address, dst.Address, ProtocolTcp, Tcp((ushort)src.Port, (ushort)dst.Port, seq, ack, flags, payload));
    }

    /// <summary>IPv6 + TCP, no link layer.</summary>
    public static byte[] IPv6Tcp(string source, string destination, uint seq, uint ack, TcpFlags flags,
        ReadOnlySpan<byte> payload = default)
    {
        var (src, dst) = (IPEndPoint.Parse(source), IPEndPoint.Parse(destination));
        return IPv6(src.Address, dst.Address, ProtocolTcp, Tcp((ushort)src.Port, (ushort)dst.Port, seq, ack, flags, payload));
    }

    /// <summary>A TCP header (20 bytes plus <paramref name="options"/>, padded to 4) followed by the payload.</summary>
    public static byte[] Tcp(ushort sourcePort, ushort destinationPort, uint seq, uint ack, TcpFlags flags,
        ReadOnlySpan<byte> payload = default, ushort window = 65535, ReadOnlySpan<byte> options = default)
    {
        int headerLength = 20 + ((options.Length + 3) & ~3);
        var segment = new byte[headerLength + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(segment, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), destinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(segment.AsSpan(4), seq);
        BinaryPrimitives.WriteUInt32BigEndian(segment.AsSpan(8), ack);
        segment[12] = (byte)((headerLength / 4) << 4);
        segment[13] = (byte)flags;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(14), window);
        options.CopyTo(segment.AsSpan(20));
        payload.CopyTo(segment.AsSpan(headerLength));
        return segment;
    }

    public static byte[] Udp(ushort sourcePort, ushort destinationPort, ReadOnlySpan<byte> payload)
    {
        var datagram = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(datagram, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(datagram.AsSpan(2), destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(datagram.AsSpan(4), (ushort)datagram.Length);
        payload.CopyTo(datagram.AsSpan(8));
        return datagram;
    }

    /// <summary>
    /// An IPv4 packet. <paramref name="fragmentField"/> is the raw flags+offset word (0x2000 = more fragments,
    /// low 13 bits = offset in 8-byte units); <paramref name="options"/> lengthens the header (IHL).
    /// </summary>
    public static byte[] IPv4(IPAddress source, IPAddress destination, byte protocol, ReadOnlySpan<byte> payload,
        ushort fragmentField = 0, ReadOnlySpan<byte> options = default, byte ttl = 64)
    {
        int headerLength = 20 + ((options.Length + 3) & ~3);
        var packet = new byte[headerLength + payload.Length];
        packet[0] = (byte)(0x40 | (headerLength / 4));
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(6), fragmentField);
        packet[8] = ttl;
        packet[9] = protocol;
        source.TryWriteBytes(packet.AsSpan(12, 4), out _);
        destination.TryWriteBytes(packet.AsSpan(16, 4), out _);
        options.CopyTo(packet.AsSpan(20));
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(10), InternetChecksum(packet.AsSpan(0, headerLength)));
        payload.CopyTo(packet.AsSpan(headerLength));
        return packet;
    }

    public static byte[] IPv4(string source, string destination, byte protocol, ReadOnlySpan<byte> payload, ushort fragmentField = 0) =>
        IPv4(IPAddress.Parse(source), IPAddress.Parse(destination), protocol, payload, fragmentField);

    /// <summary>
    /// An IPv6 packet. <paramref name="nextHeader"/> names the first header after the fixed one; to add extension
    /// headers, put them (built with <see cref="IPv6ExtensionHeader"/> / <see cref="IPv6FragmentHeader"/>) at the
    /// start of <paramref name="payload"/>.
    /// </summary>
    public static byte[] IPv6(IPAddress source, IPAddress destination, byte nextHeader, ReadOnlySpan<byte> payload)
    {
        if (source.AddressFamily != AddressFamily.InterNetworkV6 || destination.AddressFamily != AddressFamily.InterNetworkV6)
        {
            throw new ArgumentException("IPv6 packets need IPv6 addresses");
        }
        var packet = new byte[40 + payload.Length];
        packet[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), (ushort)payload.Length);
        packet[6] = nextHeader;
        packet[7] = 64;
        source.TryWriteBytes(packet.AsSpan(8, 16), out _);
        destination.TryWriteBytes(packet.AsSpan(24, 16), out _);
        payload.CopyTo(packet.AsSpan(40));
        return packet;
    }

    public static byte[] IPv6(string source, string destination, byte nextHeader, ReadOnlySpan<byte> payload) =>
        IPv6(IPAddress.Parse(source), IPAddress.Parse(destination), nextHeader, payload);

    /// <summary>
    /// An options-style IPv6 extension header (hop-by-hop 0, routing 43, destination options 60: 8-byte units;
    /// AH 51: 4-byte units) of <paramref name="length"/> bytes, followed by <paramref name="rest"/>.
    /// </summary>
    public static byte[] IPv6ExtensionHeader(byte type, byte nextHeader, int length, ReadOnlySpan<byte> rest)
    {
        var header = new byte[length + rest.Length];
        header[0] = nextHeader;
        header[1] = type == 51 ? (byte)(length / 4 - 2) : (byte)(length / 8 - 1);
        rest.CopyTo(header.AsSpan(length));
        return header;
    }

    /// <summary>An IPv6 fragment header (offset in 8-byte units) followed by <paramref name="rest"/>.</summary>
    public static byte[] IPv6FragmentHeader(byte nextHeader, int offset, bool moreFragments, ReadOnlySpan<byte> rest)
    {
        var header = new byte[8 + rest.Length];
        header[0] = nextHeader;
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), (ushort)((offset << 3) | (moreFragments ? 1 : 0)));
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), 0x1234);
        rest.CopyTo(header.AsSpan(8));
        return header;
    }

    /// <summary>
    /// An Ethernet II frame. Each entry of <paramref name="vlanTags"/> adds a tag (TPID, VLAN id) before the
    /// EtherType, outermost first: <c>(0x88A8, 100), (0x8100, 200)</c> is a QinQ stack.
    /// </summary>
    public static byte[] Ethernet(ushort etherType, ReadOnlySpan<byte> payload, params (ushort Tpid, ushort VlanId)[] vlanTags)
    {
        var frame = new byte[14 + 4 * vlanTags.Length + payload.Length];
        DestinationMac.CopyTo(frame, 0);
        SourceMac.CopyTo(frame, 6);
        int offset = 12;
        foreach (var (tpid, vlanId) in vlanTags)
        {
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(offset), tpid);
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(offset + 2), vlanId);
            offset += 4;
        }
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(offset), etherType);
        payload.CopyTo(frame.AsSpan(offset + 2));
        return frame;
    }

    /// <summary>
    /// <paramref name="innerEthernetFrame"/> wrapped in VXLAN (VNI <paramref name="vni"/>) over UDP 4789 over
    /// IPv4 over Ethernet, between two VTEP addresses.
    /// </summary>
    public static byte[] Vxlan(ReadOnlySpan<byte> innerEthernetFrame, string outerSource = "198.51.100.1",
        string outerDestination = "198.51.100.2", uint vni = 42)
    {
        var vxlan = new byte[8 + innerEthernetFrame.Length];
        vxlan[0] = 0x08; // "VNI valid"
        BinaryPrimitives.WriteUInt32BigEndian(vxlan.AsSpan(4), vni << 8);
        innerEthernetFrame.CopyTo(vxlan.AsSpan(8));
        return Ethernet(EtherTypeIPv4, IPv4(outerSource, outerDestination, ProtocolUdp, Udp(54321, 4789, vxlan)));
    }

    /// <summary>Linux cooked capture v1 (16-byte header) carrying a packet of <paramref name="protocol"/>.</summary>
    public static byte[] LinuxSll(ushort protocol, ReadOnlySpan<byte> packet)
    {
        var frame = new byte[16 + packet.Length];
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), 1); // ARPHRD_ETHER
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(4), 6);
        SourceMac.CopyTo(frame, 6);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(14), protocol);
        packet.CopyTo(frame.AsSpan(16));
        return frame;
    }

    /// <summary>Linux cooked capture v2 (20-byte header) carrying a packet of <paramref name="protocol"/>.</summary>
    public static byte[] LinuxSll2(ushort protocol, ReadOnlySpan<byte> packet)
    {
        var frame = new byte[20 + packet.Length];
        BinaryPrimitives.WriteUInt16BigEndian(frame, protocol);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), 2); // interface index
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(8), 1); // ARPHRD_ETHER
        frame[11] = 6;
        SourceMac.CopyTo(frame, 12);
        packet.CopyTo(frame.AsSpan(20));
        return frame;
    }

    /// <summary>BSD loopback: a 4-byte address family (2 = IPv4, 10/24/28/30 = IPv6) in the given byte order.</summary>
    public static byte[] Loopback(uint family, ReadOnlySpan<byte> packet, bool bigEndian = false)
    {
        var frame = new byte[4 + packet.Length];
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(frame, family);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(frame, family);
        }
        packet.CopyTo(frame.AsSpan(4));
        return frame;
    }

    private static ushort InternetChecksum(ReadOnlySpan<byte> header)
    {
        uint sum = 0;
        for (int i = 0; i + 1 < header.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(header[i..]);
        }
        while ((sum >> 16) != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (ushort)~sum;
    }
}
