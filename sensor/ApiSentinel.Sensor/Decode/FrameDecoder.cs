using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using ApiSentinel.Sensor.Capture;

namespace ApiSentinel.Sensor.Decode;

/// <summary>
/// Turns captured frames into TCP segments: link layer (Ethernet with VLAN/QinQ tags, Linux SLL/SLL2, raw IP,
/// BSD loopback), IPv4/IPv6 (with extension headers), TCP, and VXLAN tunnels (UDP 4789) whose inner Ethernet
/// frame is decoded in turn. Works on spans only and allocates nothing; anything that is not a decodable TCP
/// segment is counted in <see cref="Counters"/> and skipped, never thrown.
/// </summary>
/// <remarks>Not thread-safe: one decoder per capture thread (the counters are plain fields).</remarks>
public sealed class FrameDecoder
{
    /// <summary>How many tunnels deep the decoder follows VXLAN before giving up on a frame.</summary>
    public const int MaxEncapsulationDepth = 4;

    /// <summary>Bounds the IPv6 extension-header walk; real packets carry two or three at most.</summary>
    private const int MaxIPv6ExtensionHeaders = 16;

    private const ushort EtherTypeIPv4 = 0x0800;
    private const ushort EtherTypeIPv6 = 0x86DD;
    private const ushort EtherTypeVlan = 0x8100;
    private const ushort EtherTypeQinQ = 0x88A8;
    private const ushort EtherTypeQinQLegacy = 0x9100;

    private const byte ProtocolTcp = 6;
    private const byte ProtocolUdp = 17;
    private const byte IPv6HopByHop = 0;
    private const byte IPv6Routing = 43;
    private const byte IPv6Fragment = 44;
    private const byte IPv6AuthenticationHeader = 51;
    private const byte IPv6DestinationOptions = 60;

    private const ushort VxlanPort = 4789;

    public DecodeCounters Counters { get; } = new();

    /// <summary>
    /// Decodes <paramref name="frame"/>. True when it carries a TCP segment; its payload then points into the
    /// frame's bytes and is valid only as long as they are.
    /// </summary>
    public bool TryDecodeTcp(in CapturedFrame frame, out TcpSegment segment)
    {
        Counters.Frames++;
        var data = frame.Data;
        long timestamp = frame.TimestampMicros;
        switch (frame.LinkType)
        {
            case LinkType.Ethernet:
                return DecodeEthernet(data, timestamp, 0, out segment);
            case LinkType.LinuxSll:
                // 16 bytes: packet type, ARPHRD type, address length, 8 address bytes, then the protocol.
                if (data.Length < 16)
                {
                    return TruncatedLink(out segment);
                }
                return DecodeEtherType(BinaryPrimitives.ReadUInt16BigEndian(data[14..]), data[16..], timestamp, 0, out segment);
            case LinkType.LinuxSll2:
                // 20 bytes, the protocol first.
                if (data.Length < 20)
                {
                    return TruncatedLink(out segment);
                }
                return DecodeEtherType(BinaryPrimitives.ReadUInt16BigEndian(data), data[20..], timestamp, 0, out segment);
            case LinkType.Raw:
                return DecodeRawIP(data, timestamp, out segment);
            case LinkType.RawIPv4:
                return DecodeIPv4(data, timestamp, 0, out segment);
            case LinkType.RawIPv6:
                return DecodeIPv6(data, timestamp, 0, out segment);
            case LinkType.Null:
            case LinkType.Loop:
                return DecodeLoopback(data, timestamp, out segment);
            default:
                Counters.UnsupportedLinkType++;
                segment = default;
                return false;
        }
    }

    private bool DecodeEthernet(ReadOnlySpan<byte> frame, long timestamp, int depth, out TcpSegment segment)
    {
        if (frame.Length < 14)
        {
            return TruncatedLink(out segment);
        }
        ushort etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[12..]);
        int offset = 14;
        // 802.1Q tags, and 802.1ad (QinQ) stacks of them: 2 bytes of tag control, then the next EtherType.
        while (etherType is EtherTypeVlan or EtherTypeQinQ or EtherTypeQinQLegacy)
        {
            if (frame.Length < offset + 4)
            {
                return TruncatedLink(out segment);
            }
            etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 2)..]);
            offset += 4;
        }
        return DecodeEtherType(etherType, frame[offset..], timestamp, depth, out segment);
    }

    private bool DecodeEtherType(ushort etherType, ReadOnlySpan<byte> packet, long timestamp, int depth, out TcpSegment segment)
    {
        if (etherType == EtherTypeIPv4)
        {
            return DecodeIPv4(packet, timestamp, depth, out segment);
        }
        if (etherType == EtherTypeIPv6)
        {
            return DecodeIPv6(packet, timestamp, depth, out segment);
        }
        return NonTcp(out segment);
    }

    private bool DecodeRawIP(ReadOnlySpan<byte> packet, long timestamp, out TcpSegment segment)
    {
        if (packet.IsEmpty)
        {
            return TruncatedIp(out segment);
        }
        return (packet[0] >> 4) switch
        {
            4 => DecodeIPv4(packet, timestamp, 0, out segment),
            6 => DecodeIPv6(packet, timestamp, 0, out segment),
            _ => MalformedIp(out segment),
        };
    }

    private bool DecodeLoopback(ReadOnlySpan<byte> frame, long timestamp, out TcpSegment segment)
    {
        if (frame.Length < 4)
        {
            return TruncatedLink(out segment);
        }
        // The family is in the capturing host's byte order (Null) or big-endian (Loop), and files travel
        // between hosts, so take whichever reading gives a small number: families are all below 256.
        uint family = BinaryPrimitives.ReadUInt32LittleEndian(frame);
        if (family > 0xFFFF)
        {
            family = BinaryPrimitives.ReverseEndianness(family);
        }
        var packet = frame[4..];
        return family switch
        {
            2 => DecodeIPv4(packet, timestamp, 0, out segment),
            // AF_INET6 differs per OS: Linux 10, NetBSD/OpenBSD 24, FreeBSD 28, macOS 30.
            10 or 24 or 28 or 30 => DecodeIPv6(packet, timestamp, 0, out segment),
            _ => NonTcp(out segment),
        };
    }

    private bool DecodeIPv4(ReadOnlySpan<byte> packet, long timestamp, int depth, out TcpSegment segment)
    {
        if (packet.Length < 20)
        {
            return TruncatedIp(out segment);
        }
        int headerLength = (packet[0] & 0x0F) * 4;
        if ((packet[0] >> 4) != 4 || headerLength < 20)
        {
            return MalformedIp(out segment);
        }
        if (packet.Length < headerLength)
        {
            return TruncatedIp(out segment);
        }

        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        bool cutShort = false;
        if (totalLength == 0)
        {
            // Captured on the sending host before TCP segmentation offload filled in the length: the captured
            // bytes are the packet.
            totalLength = packet.Length;
        }
        else if (totalLength < headerLength)
        {
            return MalformedIp(out segment);
        }
        else if (totalLength > packet.Length)
        {
            cutShort = true;
            totalLength = packet.Length;
        }
        // Trimming to the total length drops the padding that short Ethernet frames carry.
        packet = packet[..totalLength];

        // More-fragments flag or a non-zero offset: a fragment. Only unfragmented packets are decoded.
        if ((BinaryPrimitives.ReadUInt16BigEndian(packet[6..]) & 0x3FFF) != 0)
        {
            Counters.IpFragments++;
            segment = default;
            return false;
        }

        byte protocol = packet[9];
        if (protocol == ProtocolTcp)
        {
            return DecodeTcp(NetAddress.FromIPv4(packet.Slice(12, 4)), NetAddress.FromIPv4(packet.Slice(16, 4)),
                packet[headerLength..], cutShort, timestamp, out segment);
        }
        if (protocol == ProtocolUdp)
        {
            return DecodeUdp(packet[headerLength..], timestamp, depth, out segment);
        }
        return NonTcp(out segment);
    }

    private bool DecodeIPv6(ReadOnlySpan<byte> packet, long timestamp, int depth, out TcpSegment segment)
    {
        if (packet.Length < 40)
        {
            return TruncatedIp(out segment);
        }
        if ((packet[0] >> 4) != 6)
        {
            return MalformedIp(out segment);
        }
        int payloadLength = BinaryPrimitives.ReadUInt16BigEndian(packet[4..]);
        int available = packet.Length - 40;
        bool cutShort = false;
        if (payloadLength == 0)
        {
            // A jumbogram or a pre-segmentation-offload capture: the captured bytes are the payload.
            payloadLength = available;
        }
        else if (payloadLength > available)
        {
            cutShort = true;
            payloadLength = available;
        }
        var header = packet[..40];
        var rest = packet.Slice(40, payloadLength);
        byte next = header[6];

        for (int i = 0; i < MaxIPv6ExtensionHeaders; i++)
        {
            switch (next)
            {
                case ProtocolTcp:
                    return DecodeTcp(NetAddress.FromIPv6(header.Slice(8, 16)), NetAddress.FromIPv6(header.Slice(24, 16)),
                        rest, cutShort, timestamp, out segment);
                case ProtocolUdp:
                    return DecodeUdp(rest, timestamp, depth, out segment);
                case IPv6HopByHop:
                case IPv6Routing:
                case IPv6DestinationOptions:
                case IPv6AuthenticationHeader:
                {
                    if (rest.Length < 2)
                    {
                        return TruncatedIp(out segment);
                    }
                    // Options headers count 8-byte units beyond the first; AH counts 4-byte units beyond two.
                    int length = next == IPv6AuthenticationHeader ? (rest[1] + 2) * 4 : (rest[1] + 1) * 8;
                    if (rest.Length < length)
                    {
                        return TruncatedIp(out segment);
                    }
                    next = rest[0];
                    rest = rest[length..];
                    break;
                }
                case IPv6Fragment:
                {
                    if (rest.Length < 8)
                    {
                        return TruncatedIp(out segment);
                    }
                    // Offset (upper 13 bits) or more-fragments (bit 0) set: a real fragment. Otherwise an
                    // "atomic fragment" that carries the whole packet and decodes normally.
                    if ((BinaryPrimitives.ReadUInt16BigEndian(rest[2..]) & 0xFFF9) != 0)
                    {
                        Counters.IpFragments++;
                        segment = default;
                        return false;
                    }
                    next = rest[0];
                    rest = rest[8..];
                    break;
                }
                default:
                    // No next header (59), ICMPv6, ESP and anything else.
                    return NonTcp(out segment);
            }
        }
        return MalformedIp(out segment);
    }

    private bool DecodeUdp(ReadOnlySpan<byte> datagram, long timestamp, int depth, out TcpSegment segment)
    {
        if (datagram.Length < 8)
        {
            Counters.TruncatedTransportHeader++;
            segment = default;
            return false;
        }
        if (BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]) != VxlanPort)
        {
            return NonTcp(out segment);
        }
        return DecodeVxlan(datagram[8..], timestamp, depth, out segment);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool DecodeVxlan(ReadOnlySpan<byte> vxlan, long timestamp, int depth, out TcpSegment segment)
    {
        if (vxlan.Length < 8)
        {
            return TruncatedLink(out segment);
        }
        // Without the "VNI valid" flag this is some other protocol on port 4789.
        if ((vxlan[0] & 0x08) == 0)
        {
            return NonTcp(out segment);
        }
        if (depth + 1 > MaxEncapsulationDepth)
        {
            Counters.EncapsulationTooDeep++;
            segment = default;
            return false;
        }
        Counters.VxlanDecapsulated++;
        return DecodeEthernet(vxlan[8..], timestamp, depth + 1, out segment);
    }

    private bool DecodeTcp(NetAddress source, NetAddress destination, ReadOnlySpan<byte> tcp, bool cutShort,
        long timestamp, out TcpSegment segment)
    {
        if (tcp.Length < 20)
        {
            Counters.TruncatedTransportHeader++;
            segment = default;
            return false;
        }
        int headerLength = (tcp[12] >> 4) * 4;
        if (headerLength < 20)
        {
            Counters.MalformedTcpHeader++;
            segment = default;
            return false;
        }
        if (headerLength > tcp.Length)
        {
            if (cutShort)
            {
                Counters.TruncatedTransportHeader++;
            }
            else
            {
                Counters.MalformedTcpHeader++;
            }
            segment = default;
            return false;
        }
        if (cutShort)
        {
            Counters.TruncatedPayloads++;
        }
        Counters.TcpSegments++;
        segment = new TcpSegment(
            new NetEndpoint(source, BinaryPrimitives.ReadUInt16BigEndian(tcp)),
            new NetEndpoint(destination, BinaryPrimitives.ReadUInt16BigEndian(tcp[2..])),
            BinaryPrimitives.ReadUInt32BigEndian(tcp[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(tcp[8..]),
            (TcpFlags)tcp[13],
            BinaryPrimitives.ReadUInt16BigEndian(tcp[14..]),
            tcp[headerLength..],
            timestamp);
        return true;
    }

    private bool NonTcp(out TcpSegment segment)
    {
        Counters.NonTcp++;
        segment = default;
        return false;
    }

    private bool TruncatedLink(out TcpSegment segment)
    {
        Counters.TruncatedLinkHeader++;
        segment = default;
        return false;
    }

    private bool TruncatedIp(out TcpSegment segment)
    {
        Counters.TruncatedIpHeader++;
        segment = default;
        return false;
    }

    private bool MalformedIp(out TcpSegment segment)
    {
        Counters.MalformedIpHeader++;
        segment = default;
        return false;
    }
}
