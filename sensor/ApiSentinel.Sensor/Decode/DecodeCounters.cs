namespace ApiSentinel.Sensor.Decode;

/// <summary>
/// What the frame decoder saw and why frames did not become TCP segments. Running totals; every frame that is
/// not decoded lands in exactly one "skipped" counter, so loss is never silent (DESIGN.md, "Bounds").
/// </summary>
public sealed class DecodeCounters
{
    public long Frames;
    public long TcpSegments;

    /// <summary>Well-formed packets that are not TCP (UDP, ICMP, ARP, other EtherTypes, IPv6 "no next header").</summary>
    public long NonTcp;

    /// <summary>IPv4 or IPv6 fragments: skipped, the sensor does not reassemble IP fragments.</summary>
    public long IpFragments;

    /// <summary>Frames whose link type the decoder does not know.</summary>
    public long UnsupportedLinkType;

    /// <summary>VXLAN packets (UDP 4789) whose inner Ethernet frame was decoded.</summary>
    public long VxlanDecapsulated;

    /// <summary>VXLAN inside VXLAN beyond <see cref="FrameDecoder.MaxEncapsulationDepth"/>: skipped.</summary>
    public long EncapsulationTooDeep;

    /// <summary>The frame ended inside a link-layer header (Ethernet, VLAN tag, SLL, loopback family, VXLAN).</summary>
    public long TruncatedLinkHeader;

    /// <summary>The frame ended inside an IPv4/IPv6 header or an IPv6 extension header.</summary>
    public long TruncatedIpHeader;

    /// <summary>IP header that cannot be right: wrong version, IHL below 5, total length below the header.</summary>
    public long MalformedIpHeader;

    /// <summary>The frame ended inside the TCP (or UDP) header.</summary>
    public long TruncatedTransportHeader;

    /// <summary>TCP data offset below 5 words or beyond the IP payload.</summary>
    public long MalformedTcpHeader;

    /// <summary>
    /// TCP segments delivered with less payload than the IP header announces (snaplen cut, or a lying length):
    /// the reassembler sees the missing bytes as a gap.
    /// </summary>
    public long TruncatedPayloads;

    /// <summary>Every counter of frames lost to damage or to what the decoder does not support, named for people.</summary>
    public IEnumerable<(string What, long Count)> Losses()
    {
        yield return ("frames of an unsupported link type", UnsupportedLinkType);
        yield return ("IP fragments skipped (not reassembled)", IpFragments);
        yield return ("frames encapsulated too deeply", EncapsulationTooDeep);
        yield return ("frames cut inside the link-layer header", TruncatedLinkHeader);
        yield return ("frames cut inside the IP header", TruncatedIpHeader);
        yield return ("frames with a malformed IP header", MalformedIpHeader);
        yield return ("frames cut inside the TCP header", TruncatedTransportHeader);
        yield return ("frames with a malformed TCP header", MalformedTcpHeader);
        yield return ("TCP segments with less payload than announced", TruncatedPayloads);
    }
}
