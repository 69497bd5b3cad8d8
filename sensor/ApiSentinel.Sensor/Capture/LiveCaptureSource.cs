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
/// Device statistics (<c>pcap_stats</c>) are read at most once a second while packets arrive (drops only happen
/// then) and at the end of the run. On Linux
/// loopback libpcap counts every packet twice in its "received" figure (it sees both the outgoing and incoming
/// copy before filtering); <see cref="DeviceReceivedPackets"/> reports the number exactly as libpcap gives it.
/// </remarks>
public sealed class LiveCaptureSource : ICaptureSource
{
    private const long StatisticsIntervalMilliseconds = 1000;

    private readonly LibPcapLiveDevice _device;
    private readonly List<string> _configurationWarnings = [];

    // struct pcap_pkthdr { struct timeval ts; uint32 caplen; uint32 len; }: timeval is two C longs, which are
    // 8 bytes on 64-bit Unix and 4 bytes on Windows and 32-bit platforms.
    private static readonly int TimevalFieldSize = IntPtr.Size == 8 && !OperatingSystem.IsWindows() ? 8 : 4;

    public LiveCaptureSource(LiveCaptureOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
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
    /// Captures until <paramref name="cancellationToken"/> is cancelled (which wakes a blocked read through
    /// <c>pcap_breakloop</c>). Dispose only after Run has returned.
    /// </summary>
    public void Run(IFrameSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        long nextStatisticsAt = Environment.TickCount64 + StatisticsIntervalMilliseconds;
        IntPtr header = IntPtr.Zero;
        IntPtr data = IntPtr.Zero;
        // In immediate mode pcap_next_ex can wait indefinitely for a packet; cancellation must wake it.
        using var wakeOnCancel = cancellationToken.Register(static state => LibpcapBreakLoop.Invoke(((LibPcapLiveDevice)state!).Handle), _device);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                int result = _device.GetNextPacketPointers(ref header, ref data);
                if (result == 1)
                {
                    DeliverSafely(sink, header, data);
                }
                else if (result == -2)
                {
                    // pcap_breakloop: our cancellation, or someone asked libpcap itself to stop.
                    break;
                }
                else if (result < 0)
                {
                    throw new CaptureException($"{Description}: capture failed: {_device.LastError}");
                }

                if (Environment.TickCount64 >= nextStatisticsAt)
                {
                    ReadDeviceStatistics();
                    nextStatisticsAt = Environment.TickCount64 + StatisticsIntervalMilliseconds;
                }
            }
        }
        finally
        {
            ReadDeviceStatistics();
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
            ReadTimeout = options.ReadTimeoutMilliseconds,
            Immediate = true,
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
