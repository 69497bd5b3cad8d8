namespace ApiSentinel.Sensor.Capture;

/// <summary>What a pcapng Interface Description Block says about the packets that refer to it.</summary>
internal readonly record struct PcapNgInterface(int LinkTypeNumber, int Snaplen, PcapNgTimestampScale Scale, long OffsetMicros)
{
    public bool IsSupported { get; } = SupportedLinkTypes.IsSupported(LinkTypeNumber);

    public LinkType LinkType => (LinkType)LinkTypeNumber;
}
