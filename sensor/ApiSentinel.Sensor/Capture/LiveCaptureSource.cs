using PacketDotNet;
using SharpPcap;
using SharpPcap.LibPcap;

namespace ApiSentinel.Sensor.Capture;

/// <summary>
/// Live capture from a network device through libpcap (SharpPcap). <see cref="Run"/> reads packets on the calling
/// thread with <c>pcap_next_ex</c> and hands libpcap's own ring-buffer memory to the sink, so steady-state capture
/// allocates nothing. A sink that throws is counted in <see cref="CaptureStatistics.HandlerErrors"/> and the
/// capture goes on.
/// </summary>
/// <remarks>
/// <para><b>Clock.</b> A sink that is an <see cref="IClockedFrameSink"/> gets <see cref="IClockedFrameSink.OnClock"/>
/// (wall-clock µs from the injected <see cref="TimeProvider"/>) at least every <see cref="ClockInterval"/>, packets or
/// not. The handle is non-blocking: while packets arrive the loop reads them back to back and looks at the clock only
/// every <see cref="PacketsPerClockRead"/> packets; when libpcap has nothing the thread waits in <c>poll()</c>, with a
/// timeout up to the next tick, and reads the clock after it. Where libpcap offers no descriptor to poll
/// (Windows) the handle stays blocking and ticks come from the read timeout.</para>
/// <para><b>Hold.</b> With <see cref="LiveCaptureOptions.BufferTimeoutMilliseconds"/> above 0 (the default) the
/// descriptor becomes readable only when the kernel retires a block of packets, so the thread wakes about once per
/// hold instead of once per packet — the sensor's largest fixed cost at low rates. A stop drains the block still
/// held (<see cref="Run"/>).</para>
/// Device statistics (<c>pcap_stats</c>) are read at most once a second and at the end of the run. On Linux
/// loopback libpcap counts every packet twice in its "received" figure (it sees both the outgoing and incoming
/// copy before filtering); <see cref="DeviceReceivedPackets"/> reports the number exactly as libpcap gives it.
/// </remarks>
public sealed class LiveCaptureSource : ICaptureSource
{
    /// <summary>Longest time between two <see cref="IClockedFrameSink.OnClock"/> calls.</summary>
    public static readonly TimeSpan ClockInterval = TimeSpan.FromMilliseconds(250);

    private static readonly TimeSpan StatisticsInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// In a burst the clock is read once per this many packets, not per packet: on the dev VM a monotonic clock read
    /// costs ~160 ns (Environment.TickCount64, which this loop used to read per packet, ~45 ns) — as much as reading
    /// and decoding a frame. A burst of 64 frames takes well under a millisecond even through the whole pipeline
    /// (~5 µs a frame), and between bursts the loop reads the clock whenever libpcap runs dry, so ticks stay on time.
    /// </summary>
    private const int PacketsPerClockRead = 64;

    /// <summary>Beyond the two buffer timeouts a stop waits for the kernel's last block: its timer runs in jiffies.</summary>
    private const int DrainSlackMilliseconds = 50;

    private readonly LibPcapLiveDevice _device;
    private readonly TimeProvider _time;
    private readonly List<string> _configurationWarnings = [];

    // struct pcap_pkthdr { struct timeval ts; uint32 caplen; uint32 len; }: timeval is two C longs, which are
    // 8 bytes on 64-bit Unix and 4 bytes on Windows and 32-bit platforms.
    private static readonly int TimevalFieldSize = IntPtr.Size == 8 && !OperatingSystem.IsWindows() ? 8 : 4;

    public LiveCaptureSource(LiveCaptureOptions options)
        : this(options, TimeProvider.System)
    {
    }

    /// <param name="options">What to open.</param>
    /// <param name="timeProvider">The clock of <see cref="IClockedFrameSink.OnClock"/> and of the tick interval.</param>
    public LiveCaptureSource(LiveCaptureOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfNegative(options.BufferTimeoutMilliseconds);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.BufferTimeoutMilliseconds, LiveCaptureOptions.MaxBufferTimeoutMilliseconds);
        _time = timeProvider;
        Options = options;
        Description = string.IsNullOrEmpty(options.Filter) ? options.Device : $"{options.Device} ({options.Filter})";
        _device = FindDevice(options.Device);
        Open(options);
        try
        {
            ApplyFilter(options.Filter);
            LinkType = MapLinkType(_device.LinkType, options.Device);
        }
        catch
        {
            _device.Close();
            throw;
        }
    }

    public LiveCaptureOptions Options { get; }

    public string Description { get; }

    public CaptureStatistics Statistics { get; } = new();

    public LinkType LinkType { get; }

    /// <summary>libpcap's "received" count as last read; doubled on Linux loopback (see remarks).</summary>
    public long DeviceReceivedPackets { get; private set; }

    /// <summary>Settings libpcap refused (e.g. a buffer size above the system limit); capture still works.</summary>
    public IReadOnlyList<string> ConfigurationWarnings => _configurationWarnings;

    /// <summary>
    /// Captures until <paramref name="cancellationToken"/> is cancelled, then hands over what the kernel still held
    /// (see remarks). A blocking read is woken through <c>pcap_breakloop</c>, a poll through
    /// <see cref="CaptureWakeup"/>. Dispose only after Run has returned.
    /// </summary>
    public void Run(IFrameSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var clocked = sink as IClockedFrameSink;
        long tickInterval = ToTimestampUnits(ClockInterval);
        long statisticsInterval = ToTimestampUnits(StatisticsInterval);
        long now = _time.GetTimestamp();
        long nextTickAt = now + tickInterval;
        long nextStatisticsAt = now + statisticsInterval;
        int descriptor = PrepareReadinessWait();
        int packetsSinceClockRead = 0;
        IntPtr header = IntPtr.Zero;
        IntPtr data = IntPtr.Zero;
        using var wakeup = new CaptureWakeup();
        // A blocking pcap_next_ex (no descriptor to poll) can wait indefinitely for a packet; cancellation must wake
        // it, and a poll too. Registered after the wake-up exists and unregistered (waiting for a running callback)
        // before it is disposed.
        using var wakeOnCancel = cancellationToken.Register(static state =>
        {
            var (device, wake) = ((LibPcapLiveDevice, CaptureWakeup))state!;
            wake.Signal();
            LibpcapBreakLoop.Invoke(device.Handle);
        }, (_device, wakeup));
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                int result = _device.GetNextPacketPointers(ref header, ref data);
                bool quiet = false;
                if (result == 1)
                {
                    DeliverSafely(sink, header, data);
                    if (++packetsSinceClockRead < PacketsPerClockRead)
                    {
                        continue;
                    }
                }
                else if (result == 0)
                {
                    // Nothing buffered (non-blocking) or the read timeout passed (blocking).
                    quiet = descriptor < 0 || !LibpcapReadiness.WaitReadable(descriptor, wakeup.Descriptor, MillisecondsUntil(nextTickAt));
                }
                else if (result == -2)
                {
                    // pcap_breakloop: our cancellation, or someone asked libpcap itself to stop.
                    break;
                }
                else
                {
                    throw new CaptureException($"{Description}: capture failed: {_device.LastError}");
                }

                packetsSinceClockRead = 0;
                now = _time.GetTimestamp();
                // A wait that timed out is a tick by itself: the link was quiet for the whole interval.
                if (clocked is not null && (quiet || now >= nextTickAt))
                {
                    TickSafely(clocked);
                    nextTickAt = now + tickInterval;
                }
                if (now >= nextStatisticsAt)
                {
                    ReadDeviceStatistics();
                    nextStatisticsAt = now + statisticsInterval;
                }
            }
            if (cancellationToken.IsCancellationRequested)
            {
                DrainHeldPackets(sink, descriptor, ref header, ref data);
            }
        }
        finally
        {
            ReadDeviceStatistics();
        }
    }

    /// <summary>
    /// At a stop: delivers what is buffered, and waits for the block the kernel is still filling (it retires within
    /// two buffer timeouts), so packets captured before the stop are not lost with the ring. Bounded by that wait
    /// even when traffic goes on; an error at this point ends the drain (the capture is stopping anyway).
    /// </summary>
    private void DrainHeldPackets(IFrameSink sink, int descriptor, ref IntPtr header, ref IntPtr data)
    {
        int hold = Options.BufferTimeoutMilliseconds;
        long deadline = _time.GetTimestamp() + ToTimestampUnits(TimeSpan.FromMilliseconds(2 * hold + DrainSlackMilliseconds));
        int packetsSinceClockRead = 0;
        while (true)
        {
            int result = _device.GetNextPacketPointers(ref header, ref data);
            if (result == 1)
            {
                DeliverSafely(sink, header, data);
                if (++packetsSinceClockRead < PacketsPerClockRead)
                {
                    continue;
                }
                packetsSinceClockRead = 0;
            }
            else if (result < 0 && result != -2)
            {
                return;
            }
            // -2 is our own pcap_breakloop, still pending when the loop saw the token first; this read cleared it.
            int remaining = MillisecondsUntilOrZero(deadline);
            if (remaining == 0 || (result == 0 && (hold == 0 || descriptor < 0)))
            {
                return;
            }
            if (result == 0 && !LibpcapReadiness.WaitReadable(descriptor, -1, remaining))
            {
                return;
            }
        }
    }

    public void Dispose() => _device.Close();

    private unsafe void DeliverSafely(IFrameSink sink, IntPtr header, IntPtr data)
    {
        byte* headerBytes = (byte*)header;
        long seconds, micros;
        if (TimevalFieldSize == 8)
        {
            seconds = *(long*)headerBytes;
            micros = *(long*)(headerBytes + 8);
        }
        else
        {
            seconds = *(int*)headerBytes;
            micros = *(int*)(headerBytes + 4);
        }
        int capturedLength = *(int*)(headerBytes + 2 * TimevalFieldSize);
        int originalLength = *(int*)(headerBytes + 2 * TimevalFieldSize + 4);

        var statistics = Statistics;
        statistics.FramesRead++;
        statistics.BytesRead += capturedLength;
        if (originalLength > capturedLength)
        {
            statistics.FramesTruncatedBySnaplen++;
        }
        var frame = new CapturedFrame(new ReadOnlySpan<byte>((void*)data, capturedLength), originalLength,
            seconds * 1_000_000 + micros, LinkType);
        try
        {
            sink.OnFrame(frame);
        }
#pragma warning disable CA1031 // A live sensor must outlive a bug in one stage: the error is counted and capture continues.
        catch (Exception)
#pragma warning restore CA1031
        {
            statistics.HandlerErrors++;
        }
    }

    /// <summary>
    /// Makes the handle non-blocking when there is a descriptor to wait on, and returns it (-1: stay blocking; the
    /// read timeout then bounds each read).
    /// </summary>
    private int PrepareReadinessWait()
    {
        int descriptor = LibpcapReadiness.SelectableDescriptor(_device.Handle);
        if (descriptor < 0)
        {
            return -1;
        }
        try
        {
            _device.NonBlockingMode = true;
            return descriptor;
        }
        catch (PcapException)
        {
            return -1;
        }
    }

    private void TickSafely(IClockedFrameSink sink)
    {
        long nowMicros = (_time.GetUtcNow().UtcTicks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond;
        try
        {
            sink.OnClock(nowMicros);
        }
#pragma warning disable CA1031 // as for frames: a live sensor outlives a bug in one stage, counted.
        catch (Exception)
#pragma warning restore CA1031
        {
            Statistics.HandlerErrors++;
        }
    }

    private long ToTimestampUnits(TimeSpan interval) => (long)(interval.TotalSeconds * _time.TimestampFrequency);

    private int MillisecondsUntilOrZero(long timestamp)
    {
        long remaining = timestamp - _time.GetTimestamp();
        return remaining <= 0 ? 0 : (int)Math.Ceiling(remaining * 1000.0 / _time.TimestampFrequency);
    }

    /// <summary>Milliseconds from now to <paramref name="timestamp"/>, at least 1 (poll's 0 would spin) and at most one tick.</summary>
    private int MillisecondsUntil(long timestamp)
    {
        long remaining = timestamp - _time.GetTimestamp();
        double milliseconds = remaining * 1000.0 / _time.TimestampFrequency;
        return (int)Math.Clamp(Math.Ceiling(milliseconds), 1, ClockInterval.TotalMilliseconds);
    }

    private void ReadDeviceStatistics()
    {
        try
        {
            var deviceStatistics = _device.Statistics;
            if (deviceStatistics is null)
            {
                return;
            }
            Statistics.KernelDropped = deviceStatistics.DroppedPackets;
            Statistics.InterfaceDropped = deviceStatistics.InterfaceDroppedPackets;
            DeviceReceivedPackets = deviceStatistics.ReceivedPackets;
        }
        catch (PcapException)
        {
            // Statistics are best effort: some devices cannot report them.
        }
    }

    private static LibPcapLiveDevice FindDevice(string name)
    {
        LibPcapLiveDeviceList devices;
        try
        {
            // A fresh list, not the cached singleton: interfaces created after the first enumeration (pod and test
            // veths) must be found.
            devices = LibPcapLiveDeviceList.New();
        }
        catch (Exception e) when (IsMissingLibpcap(e))
        {
            throw new CaptureException(
                "live capture needs libpcap, which is not installed (Debian/Ubuntu: apt-get install libpcap0.8)", e);
        }
        catch (PcapException e)
        {
            throw new CaptureException($"cannot list capture devices: {e.Message}", e);
        }

        var device = devices.FirstOrDefault(d => d.Name == name);
        if (device is null)
        {
            string available = string.Join(", ", devices.Select(d => d.Name));
            throw new CaptureException($"capture device '{name}' not found (available: {available})");
        }
        return device;
    }

    private void Open(LiveCaptureOptions options)
    {
        var configuration = new DeviceConfiguration
        {
            Mode = options.Promiscuous ? DeviceModes.Promiscuous : DeviceModes.None,
            Snaplen = options.Snaplen,
            BufferSize = options.BufferSize,
            // Immediate mode (TPACKET_V2 on Linux) wakes the thread per packet; otherwise libpcap uses TPACKET_V3,
            // whose blocks the kernel hands over when full or when their timer (the read timeout) expires. With no
            // hold the read timeout only matters where there is no descriptor to poll (it bounds a blocking read).
            ReadTimeout = options.BufferTimeoutMilliseconds > 0 ? options.BufferTimeoutMilliseconds : (int)ClockInterval.TotalMilliseconds,
            Immediate = options.BufferTimeoutMilliseconds == 0,
        };
        configuration.ConfigurationFailed += (_, failure) =>
            _configurationWarnings.Add($"{failure.Property}: {failure.Message}");
        try
        {
            _device.Open(configuration);
        }
        catch (PcapException e)
        {
            throw new CaptureException($"{options.Device}: cannot open for capture: {e.Message}", e);
        }
        catch (Exception e) when (IsMissingLibpcap(e))
        {
            throw new CaptureException("live capture needs libpcap, which is not installed", e);
        }
    }

    private void ApplyFilter(string? filter)
    {
        if (string.IsNullOrEmpty(filter))
        {
            return;
        }
        try
        {
            _device.Filter = filter;
        }
        catch (PcapException e)
        {
            throw new CaptureException($"invalid capture filter '{filter}': {e.Message}", e);
        }
    }

    /// <summary>libpcap reports DLT_* numbers, which differ from the file formats' LINKTYPE_* numbers for raw IP.</summary>
    internal static LinkType MapLinkType(LinkLayers dataLink, string deviceName) => (int)dataLink switch
    {
        0 => LinkType.Null,
        1 => LinkType.Ethernet,
        // DLT_RAW is 12 on most systems and 14 on OpenBSD; LINKTYPE_RAW (101) when already normalised.
        12 or 14 or 101 => LinkType.Raw,
        108 => LinkType.Loop,
        113 => LinkType.LinuxSll,
        228 => LinkType.RawIPv4,
        229 => LinkType.RawIPv6,
        276 => LinkType.LinuxSll2,
        int other => throw new CaptureException(
            $"{deviceName}: unsupported link type {other} ({dataLink}; supported: {SupportedLinkTypes.List})"),
    };

    private static bool IsMissingLibpcap(Exception e)
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            if (current is DllNotFoundException or EntryPointNotFoundException)
            {
                return true;
            }
        }
        return false;
    }
}
