namespace ApiSentinel.Sensor.Capture;

/// <summary>How to open a live capture device.</summary>
public sealed class LiveCaptureOptions
{
    /// <summary>
    /// 256 KiB: loopback and offloaded segments reach 64 KiB plus headers, so libpcap's 65536 default would cut
    /// exactly the large segments HTTP bodies travel in.
    /// </summary>
    public const int DefaultSnaplen = 262_144;

    /// <summary>64 MiB of kernel ring: a few hundred milliseconds of a busy link, enough to ride out GC pauses.</summary>
    public const int DefaultBufferSize = 64 << 20;

    /// <summary>Device name as libpcap knows it: "eth0", "lo", "any", a veth end, ...</summary>
    public required string Device { get; init; }

    /// <summary>BPF filter in tcpdump syntax ("tcp port 80"); null or empty captures everything.</summary>
    public string? Filter { get; init; }

    public int Snaplen { get; init; } = DefaultSnaplen;

    /// <summary>Kernel capture buffer, in bytes.</summary>
    public int BufferSize { get; init; } = DefaultBufferSize;

    public bool Promiscuous { get; init; }

    /// <summary>
    /// libpcap's read timeout. Packets are delivered immediately regardless (immediate mode), and on Linux
    /// immediate mode makes libpcap wait for the next packet however long it takes; cancellation does not depend
    /// on this value (it wakes the read with <c>pcap_breakloop</c>).
    /// </summary>
    public int ReadTimeoutMilliseconds { get; init; } = 100;
}
