namespace ApiSentinel.Sensor.Capture;

/// <summary>How to open a live capture device.</summary>
public sealed class LiveCaptureOptions
{
    /// <summary>
    /// 256 KiB: loopback and offloaded segments reach 64 KiB plus headers, so libpcap's 65536 default would cut
    /// exactly the large segments HTTP bodies travel in.
    /// </summary>
    public const int DefaultSnaplen = 262_144;

    /// <summary>
    /// 16 MiB of kernel ring. The ring is mapped into the process and resident from the start, so it is counted in
    /// the sensor's RSS whole. With a hold (<see cref="BufferTimeoutMilliseconds"/>, TPACKET_V3) packets are packed
    /// back to back in it: 16 MiB is ~130 ms of a saturated gigabit link and seconds of API traffic, well past a
    /// workstation GC pause. (In immediate mode, TPACKET_V2, every packet takes a slot of snaplen rounded up to a
    /// power of two, 512 KiB: 64 MiB there mapped 128 MiB and held only ~250 packets.)
    /// </summary>
    public const int DefaultBufferSize = 16 << 20;

    /// <summary>Device name as libpcap knows it: "eth0", "lo", "any", a veth end, ...</summary>
    public required string Device { get; init; }

    /// <summary>BPF filter in tcpdump syntax ("tcp port 80"); null or empty captures everything.</summary>
    public string? Filter { get; init; }

    public int Snaplen { get; init; } = DefaultSnaplen;

    /// <summary>Kernel capture buffer, in bytes.</summary>
    public int BufferSize { get; init; } = DefaultBufferSize;

    public bool Promiscuous { get; init; }

    /// <summary>
    /// How long libpcap may hold captured packets to hand them over as one block, in milliseconds; 0 = immediate
    /// mode (every packet wakes the capture thread). A held block costs one wake-up instead of one per packet: on
    /// Linux it is a TPACKET_V3 ring whose kernel timer retires a block after one to two timeouts (or as soon as it
    /// fills), so packets leave the capture within twice this value. At most <see cref="MaxBufferTimeoutMilliseconds"/>.
    /// </summary>
    public int BufferTimeoutMilliseconds { get; init; } = DefaultBufferTimeoutMilliseconds;

    /// <summary>100 ms: ~10 wake-ups a second at any rate, and exchanges still leave the sensor well within a second.</summary>
    public const int DefaultBufferTimeoutMilliseconds = 100;

    /// <summary>
    /// 250 ms, the capture's clock interval: twice this (the longest hold) plus the one-second order-wait bound keeps
    /// exchanges leaving the sensor within 1.5 s.
    /// </summary>
    public const int MaxBufferTimeoutMilliseconds = 250;
}
