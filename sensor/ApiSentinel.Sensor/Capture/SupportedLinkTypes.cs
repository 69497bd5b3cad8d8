namespace ApiSentinel.Sensor.Capture;

/// <summary>Which link-layer types the decoder understands, and how to name them in error messages.</summary>
public static class SupportedLinkTypes
{
    /// <summary>"Null (0), Ethernet (1), …" — every <see cref="LinkType"/> member.</summary>
    public static string List { get; } =
        string.Join(", ", Enum.GetValues<LinkType>().Select(t => $"{t} ({(int)t})"));

    public static bool IsSupported(int linkType) => Enum.IsDefined((LinkType)linkType);

    /// <summary>A short human name for some common unsupported types, so the message says what the file is.</summary>
    public static string Describe(int linkType) => linkType switch
    {
        105 => "IEEE 802.11",
        127 => "IEEE 802.11 radiotap",
        9 => "PPP",
        50 => "PPP in HDLC framing",
        104 => "Cisco HDLC",
        189 => "Linux USB",
        220 => "Linux USB (mmapped)",
        249 => "USB/IP",
        _ => "unknown to this sensor",
    };
}
