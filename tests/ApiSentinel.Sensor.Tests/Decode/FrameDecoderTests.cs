using System.Buffers.Binary;
using ApiSentinel.Sensor.Capture;
using ApiSentinel.Sensor.Decode;
using ApiSentinel.Sensor.Tests.Infrastructure;

namespace ApiSentinel.Sensor.Tests.Decode;

public sealed class FrameDecoderTests
{
    private const string Client = "192.0.2.10:40000";
    private const string Server = "192.0.2.20:80";
    private const string Client6 = "[2001:db8::10]:40000";
    private const string Server6 = "[2001:db8::20]:80";
    private static readonly byte[] Payload = "GET / HTTP/1.1\r\n\r\n"u8.ToArray();

    private readonly FrameDecoder _decoder = new();

    [Fact]
    public void Ethernet_IPv4_TCP_yields_every_field()
    {
        var frame = TestFrames.EthernetIPv4Tcp(Client, Server, 1000, 2000, TcpFlags.Ack | TcpFlags.Psh, Payload);

        var segment = DecodeTcp(frame, LinkType.Ethernet, timestamp: 42);

        Assert.Equal(Client, segment.Source.ToString());
        Assert.Equal(Server, segment.Destination.ToString());
        Assert.Equal(1000u, segment.Sequence);
        Assert.Equal(2000u, segment.Acknowledgment);
        Assert.Equal(TcpFlags.Ack | TcpFlags.Psh, segment.Flags);
        Assert.Equal(65535, segment.Window);
        Assert.Equal(Payload, segment.Payload);
        Assert.Equal(42, segment.TimestampMicros);
        Assert.Equal(1, _decoder.Counters.TcpSegments);
    }

    [Fact]
    public void Ethernet_IPv6_TCP()
    {
        var segment = DecodeTcp(TestFrames.EthernetIPv6Tcp(Client6, Server6, 7, 0, TcpFlags.Syn), LinkType.Ethernet);
        Assert.Equal(Client6, segment.Source.ToString());
        Assert.Equal(Server6, segment.Destination.ToString());
        Assert.Equal(TcpFlags.Syn, segment.Flags);
        Assert.Empty(segment.Payload);
    }

    [Fact]
    public void Tcp_options_are_skipped_by_the_data_offset()
    {
        byte[] options = [2, 4, 0x05, 0xB4, 1, 1, 4, 2, 1, 3, 3, 7]; // MSS, NOPs, SACK permitted, window scale
        var tcp = TestFrames.Tcp(40000, 80, 1, 0, TcpFlags.Syn, Payload, options: options);
        var frame = TestFrames.Ethernet(TestFrames.EtherTypeIPv4, TestFrames.IPv4("192.0.2.10", "192.0.2.20", TestFrames.ProtocolTcp, tcp));

        Assert.Equal(Payload, DecodeTcp(frame, LinkType.Ethernet).Payload);
    }

    [Fact]
    public void IPv4_options_are_skipped_by_the_header_length()
    {
        var tcp = TestFrames.Tcp(40000, 80, 1, 0, TcpFlags.Ack, Payload);
        var ip = TestFrames.IPv4(System.Net.IPAddress.Parse("192.0.2.10"), System.Net.IPAddress.Parse("192.0.2.20"), TestFrames.ProtocolTcp, tcp,
            options: [0x94, 0x04, 0, 0, 1, 1, 1, 0]); // router alert, NOPs, end
        Assert.Equal(Payload, DecodeTcp(TestFrames.Ethernet(TestFrames.EtherTypeIPv4, ip), LinkType.Ethernet).Payload);
    }

    [Fact]
    public void Ethernet_padding_after_a_short_packet_is_not_payload()
    {
        var frame = TestFrames.EthernetIPv4Tcp(Client, Server, 1, 1, TcpFlags.Ack); // 54 bytes
        var padded = frame.Concat(new byte[6]).ToArray();                           // padded to the 60-byte minimum

        Assert.Empty(DecodeTcp(padded, LinkType.Ethernet).Payload);
    }

    [Fact]
    public void Vlan_tag()
    {
        var frame = TestFrames.Ethernet(TestFrames.EtherTypeIPv4, TestFrames.IPv4Tcp(Client, Server, 1, 0, TcpFlags.Syn), (TestFrames.EtherTypeVlan, 100));
        Assert.Equal(Server, DecodeTcp(frame, LinkType.Ethernet).Destination.ToString());
    }

    [Fact]
    public void QinQ_stack()
    {
        var frame = TestFrames.Ethernet(TestFrames.EtherTypeIPv6, TestFrames.IPv6Tcp(Client6, Server6, 1, 0, TcpFlags.Syn),
            (TestFrames.EtherTypeQinQ, 10), (TestFrames.EtherTypeVlan, 20), (0x9100, 30));
        Assert.Equal(Server6, DecodeTcp(frame, LinkType.Ethernet).Destination.ToString());
    }

    [Fact]
    public void Linux_cooked_v1_and_v2()
    {
        var ip = TestFrames.IPv4Tcp(Client, Server, 5, 0, TcpFlags.Syn);
        Assert.Equal(5u, DecodeTcp(TestFrames.LinuxSll(TestFrames.EtherTypeIPv4, ip), LinkType.LinuxSll).Sequence);
        var ip6 = TestFrames.IPv6Tcp(Client6, Server6, 6, 0, TcpFlags.Syn);
        Assert.Equal(6u, DecodeTcp(TestFrames.LinuxSll2(TestFrames.EtherTypeIPv6, ip6), LinkType.LinuxSll2).Sequence);
    }

    [Fact]
    public void Raw_IP_link_types()
    {
        var ip = TestFrames.IPv4Tcp(Client, Server, 1, 0, TcpFlags.Syn);
        var ip6 = TestFrames.IPv6Tcp(Client6, Server6, 2, 0, TcpFlags.Syn);
        Assert.Equal(1u, DecodeTcp(ip, LinkType.Raw).Sequence);
        Assert.Equal(2u, DecodeTcp(ip6, LinkType.Raw).Sequence);
        Assert.Equal(1u, DecodeTcp(ip, LinkType.RawIPv4).Sequence);
        Assert.Equal(2u, DecodeTcp(ip6, LinkType.RawIPv6).Sequence);
    }

    [Theory]
    [InlineData(LinkType.Null, 2u, false, false)]
    [InlineData(LinkType.Null, 2u, true, false)]
    [InlineData(LinkType.Loop, 2u, true, false)]
    [InlineData(LinkType.Loop, 2u, false, false)]
    [InlineData(LinkType.Null, 10u, false, true)]
    [InlineData(LinkType.Null, 24u, true, true)]
    [InlineData(LinkType.Null, 28u, false, true)]
    [InlineData(LinkType.Loop, 30u, true, true)]
    public void Loopback_families_in_either_byte_order(LinkType linkType, uint family, bool bigEndian, bool ipv6)
    {
        var packet = ipv6 ? TestFrames.IPv6Tcp(Client6, Server6, 9, 0, TcpFlags.Syn) : TestFrames.IPv4Tcp(Client, Server, 9, 0, TcpFlags.Syn);
        Assert.Equal(9u, DecodeTcp(TestFrames.Loopback(family, packet, bigEndian), linkType).Sequence);
    }

    [Fact]
    public void Loopback_with_an_unknown_family_is_non_tcp()
    {
        AssertSkipped(TestFrames.Loopback(7, TestFrames.IPv4Tcp(Client, Server, 1, 0, TcpFlags.Syn)), LinkType.Null, c => c.NonTcp);
    }

    [Fact]
    public void Vxlan_is_decapsulated_into_the_inner_flow()
    {
        var inner = TestFrames.EthernetIPv4Tcp(Client, Server, 77, 0, TcpFlags.Syn);

        var segment = DecodeTcp(TestFrames.Vxlan(inner), LinkType.Ethernet);

        Assert.Equal(Client, segment.Source.ToString());
        Assert.Equal(77u, segment.Sequence);
        Assert.Equal(1, _decoder.Counters.VxlanDecapsulated);
    }

    [Fact]
    public void Vxlan_nesting_is_bounded()
    {
        var frame = TestFrames.EthernetIPv4Tcp(Client, Server, 1, 0, TcpFlags.Syn);
        for (int i = 0; i < FrameDecoder.MaxEncapsulationDepth; i++)
        {
            frame = TestFrames.Vxlan(frame);
        }
        Assert.Equal(1u, DecodeTcp(frame, LinkType.Ethernet).Sequence);

        AssertSkipped(TestFrames.Vxlan(frame), LinkType.Ethernet, c => c.EncapsulationTooDeep);
    }

    [Fact]
    public void Udp_to_4789_without_the_vxlan_flag_is_not_vxlan()
    {
        var notVxlan = new byte[8 + 14];
        var frame = TestFrames.Ethernet(TestFrames.EtherTypeIPv4, TestFrames.IPv4("198.51.100.1", "198.51.100.2", TestFrames.ProtocolUdp, TestFrames.Udp(1, 4789, notVxlan)));
        AssertSkipped(frame, LinkType.Ethernet, c => c.NonTcp);
    }

    [Fact]
    public void IPv6_extension_headers_are_walked()
    {
        var tcp = TestFrames.Tcp(40000, 80, 123, 0, TcpFlags.Syn, Payload);
        var chain =
            TestFrames.IPv6ExtensionHeader(0, 60, 8,            // hop-by-hop → destination options
            TestFrames.IPv6ExtensionHeader(60, 43, 16,          // destination options → routing
            TestFrames.IPv6ExtensionHeader(43, 44, 24,          // routing → fragment
            TestFrames.IPv6FragmentHeader(51, 0, false,         // atomic fragment → AH
            TestFrames.IPv6ExtensionHeader(51, 6, 24, tcp)))));  // AH → TCP
        var frame = TestFrames.Ethernet(TestFrames.EtherTypeIPv6, TestFrames.IPv6("2001:db8::10", "2001:db8::20", 0, chain));

        var segment = DecodeTcp(frame, LinkType.Ethernet);

        Assert.Equal(123u, segment.Sequence);
        Assert.Equal(Payload, segment.Payload);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(185, false)]
    [InlineData(185, true)]
    public void IPv6_fragments_are_counted_and_skipped(int offset, bool more)
    {
        var tcp = TestFrames.Tcp(40000, 80, 1, 0, TcpFlags.Syn);
        var frame = TestFrames.Ethernet(TestFrames.EtherTypeIPv6,
            TestFrames.IPv6("2001:db8::10", "2001:db8::20", 44, TestFrames.IPv6FragmentHeader(6, offset, more, tcp)));
        AssertSkipped(frame, LinkType.Ethernet, c => c.IpFragments);
    }

    [Theory]
    [InlineData(0x2000)] // first fragment: more fragments
    [InlineData(0x0010)] // last fragment: offset 128
    [InlineData(0x2010)] // middle fragment
    public void IPv4_fragments_are_counted_and_skipped(int fragmentField)
    {
        var tcp = TestFrames.Tcp(40000, 80, 1, 0, TcpFlags.Syn, Payload);
        var frame = TestFrames.Ethernet(TestFrames.EtherTypeIPv4, TestFrames.IPv4("192.0.2.10", "192.0.2.20", TestFrames.ProtocolTcp, tcp, (ushort)fragmentField));
        AssertSkipped(frame, LinkType.Ethernet, c => c.IpFragments);
    }

    [Fact]
    public void Dont_fragment_flag_is_not_a_fragment()
    {
        var tcp = TestFrames.Tcp(40000, 80, 1, 0, TcpFlags.Syn);
        var frame = TestFrames.Ethernet(TestFrames.EtherTypeIPv4, TestFrames.IPv4("192.0.2.10", "192.0.2.20", TestFrames.ProtocolTcp, tcp, 0x4000));
        Assert.Equal(1u, DecodeTcp(frame, LinkType.Ethernet).Sequence);
    }

    [Fact]
    public void Non_tcp_traffic_is_counted()
    {
        AssertSkipped(TestFrames.Ethernet(TestFrames.EtherTypeArp, new byte[28]), LinkType.Ethernet, c => c.NonTcp);
        AssertSkipped(TestFrames.Ethernet(TestFrames.EtherTypeIPv4, TestFrames.IPv4("192.0.2.1", "192.0.2.2", TestFrames.ProtocolUdp, TestFrames.Udp(53, 53, new byte[12]))), LinkType.Ethernet, c => c.NonTcp);
        AssertSkipped(TestFrames.Ethernet(TestFrames.EtherTypeIPv4, TestFrames.IPv4("192.0.2.1", "192.0.2.2", 1, new byte[8])), LinkType.Ethernet, c => c.NonTcp);
        AssertSkipped(TestFrames.Ethernet(TestFrames.EtherTypeIPv6, TestFrames.IPv6("2001:db8::1", "2001:db8::2", 59, [])), LinkType.Ethernet, c => c.NonTcp);
    }

    [Fact]
    public void Unsupported_link_type_is_counted()
    {
        AssertSkipped(new byte[64], (LinkType)105, c => c.UnsupportedLinkType);
    }

    [Theory]
    [InlineData(LinkType.Ethernet, 13)]
    [InlineData(LinkType.LinuxSll, 15)]
    [InlineData(LinkType.LinuxSll2, 19)]
    [InlineData(LinkType.Null, 3)]
    public void Truncated_link_headers_are_counted(LinkType linkType, int length)
    {
        AssertSkipped(new byte[length], linkType, c => c.TruncatedLinkHeader);
    }

    [Fact]
    public void Truncated_vlan_tag_is_counted()
    {
        var frame = TestFrames.Ethernet(TestFrames.EtherTypeIPv4, [], (TestFrames.EtherTypeVlan, 1));
        AssertSkipped(frame[..16], LinkType.Ethernet, c => c.TruncatedLinkHeader);
    }

    [Fact]
    public void Truncated_ip_headers_are_counted()
    {
        var frame = TestFrames.EthernetIPv4Tcp(Client, Server, 1, 0, TcpFlags.Syn);
        AssertSkipped(frame[..(14 + 19)], LinkType.Ethernet, c => c.TruncatedIpHeader);
        var frame6 = TestFrames.EthernetIPv6Tcp(Client6, Server6, 1, 0, TcpFlags.Syn);
        AssertSkipped(frame6[..(14 + 39)], LinkType.Ethernet, c => c.TruncatedIpHeader);
        AssertSkipped([], LinkType.Raw, c => c.TruncatedIpHeader);
    }

    [Fact]
    public void Truncated_ipv6_extension_header_is_counted()
    {
        var extension = TestFrames.IPv6ExtensionHeader(0, 6, 16, []);
        var packet = TestFrames.IPv6("2001:db8::1", "2001:db8::2", 0, extension);
        AssertSkipped(packet[..(40 + 10)], LinkType.RawIPv6, c => c.TruncatedIpHeader);
    }

    [Fact]
    public void Malformed_ip_headers_are_counted()
    {
        var ip = TestFrames.IPv4Tcp(Client, Server, 1, 0, TcpFlags.Syn);
        var badIhl = (byte[])ip.Clone();
        badIhl[0] = 0x44;
        AssertSkipped(badIhl, LinkType.RawIPv4, c => c.MalformedIpHeader);
        var badTotalLength = (byte[])ip.Clone();
        BinaryPrimitives.WriteUInt16BigEndian(badTotalLength.AsSpan(2), 10);
        AssertSkipped(badTotalLength, LinkType.RawIPv4, c => c.MalformedIpHeader);
        var badVersion = (byte[])ip.Clone();
        badVersion[0] = 0x55;
        AssertSkipped(badVersion, LinkType.Raw, c => c.MalformedIpHeader);
        AssertSkipped(badVersion, LinkType.RawIPv4, c => c.MalformedIpHeader);
    }

    [Fact]
    public void Truncated_and_malformed_tcp_headers_are_counted()
    {
        var frame = TestFrames.EthernetIPv4Tcp(Client, Server, 1, 0, TcpFlags.Syn);
        AssertSkipped(frame[..(14 + 20 + 12)], LinkType.Ethernet, c => c.TruncatedTransportHeader);

        var badOffset = TestFrames.IPv4Tcp(Client, Server, 1, 0, TcpFlags.Syn);
        badOffset[20 + 12] = 0x40; // 4 words
        AssertSkipped(badOffset, LinkType.RawIPv4, c => c.MalformedTcpHeader);

        var offsetBeyondPacket = TestFrames.IPv4Tcp(Client, Server, 1, 0, TcpFlags.Syn);
        offsetBeyondPacket[20 + 12] = 0xF0; // 60 bytes in a 20-byte segment
        AssertSkipped(offsetBeyondPacket, LinkType.RawIPv4, c => c.MalformedTcpHeader);
    }

    [Fact]
    public void A_snaplen_cut_segment_is_delivered_with_what_was_captured_and_counted()
    {
        var frame = TestFrames.EthernetIPv4Tcp(Client, Server, 1, 0, TcpFlags.Ack, Payload);
        var cut = frame[..(frame.Length - 5)];

        Assert.True(_decoder.TryDecodeTcp(new CapturedFrame(cut, frame.Length, 0, LinkType.Ethernet), out var segment));

        Assert.Equal(Payload[..^5], segment.Payload);
        Assert.Equal(1, _decoder.Counters.TruncatedPayloads);
    }

    [Fact]
    public void IPv4_total_length_zero_uses_the_captured_bytes()
    {
        var ip = TestFrames.IPv4Tcp(Client, Server, 1, 0, TcpFlags.Ack, Payload);
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(2), 0); // as captured before segmentation offload
        Assert.Equal(Payload, DecodeTcp(ip, LinkType.RawIPv4).Payload);
    }

    [Fact]
    public void Every_frame_is_counted_once()
    {
        DecodeTcp(TestFrames.EthernetIPv4Tcp(Client, Server, 1, 0, TcpFlags.Syn), LinkType.Ethernet);
        AssertSkipped(TestFrames.Ethernet(TestFrames.EtherTypeArp, new byte[28]), LinkType.Ethernet, c => c.NonTcp);
        Assert.Equal(2, _decoder.Counters.Frames);
    }

    private TcpSegmentCopy DecodeTcp(byte[] data, LinkType linkType, long timestamp = 0)
    {
        Assert.True(_decoder.TryDecodeTcp(new CapturedFrame(data, data.Length, timestamp, linkType), out var segment), "a TCP segment");
        return new TcpSegmentCopy(segment.Source, segment.Destination, segment.Sequence, segment.Acknowledgment, segment.Flags,
            segment.Window, segment.Payload.ToArray(), segment.TimestampMicros);
    }

    /// <summary>The frame is not a segment, and exactly the expected counter moved.</summary>
    private void AssertSkipped(byte[] data, LinkType linkType, Func<DecodeCounters, long> counter)
    {
        long before = counter(_decoder.Counters);
        long segmentsBefore = _decoder.Counters.TcpSegments;
        Assert.False(_decoder.TryDecodeTcp(new CapturedFrame(data, data.Length, 0, linkType), out _));
        Assert.Equal(before + 1, counter(_decoder.Counters));
        Assert.Equal(segmentsBefore, _decoder.Counters.TcpSegments);
    }

    private sealed record TcpSegmentCopy(NetEndpoint Source, NetEndpoint Destination, uint Sequence, uint Acknowledgment,
        TcpFlags Flags, ushort Window, byte[] Payload, long TimestampMicros);
}
