namespace ApiSentinel.Sensor.Capture;

/// <summary>
/// Link-layer header types as numbered by the pcap/pcapng file formats (LINKTYPE_* values, which are what
/// capture files and libpcap's <c>pcap_datalink</c> report on Linux).
/// </summary>
public enum LinkType
{
    /// <summary>BSD loopback: a 4-byte protocol family in host byte order.</summary>
    Null = 0,
    Ethernet = 1,
    /// <summary>Raw IPv4 or IPv6, version taken from the first nibble.</summary>
    Raw = 101,
    /// <summary>OpenBSD loopback: like <see cref="Null"/> but the family is big-endian.</summary>
    Loop = 108,
    /// <summary>Linux cooked capture v1 (<c>tcpdump -i any</c> on older libpcap).</summary>
    LinuxSll = 113,
    RawIPv4 = 228,
    RawIPv6 = 229,
    /// <summary>Linux cooked capture v2 (<c>tcpdump -i any</c> on libpcap ≥ 1.10).</summary>
    LinuxSll2 = 276,
}
