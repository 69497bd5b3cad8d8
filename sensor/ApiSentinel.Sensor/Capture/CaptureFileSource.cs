using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace ApiSentinel.Sensor.Capture;

/// <summary>
/// A capture file read directly, without libpcap: classic pcap (<see cref="PcapFileSource"/>) or pcapng
/// (<see cref="PcapNgFileSource"/>), chosen by the file's magic number. Reading the format ourselves keeps the
/// per-packet cost to a few bounds checks (SharpPcap's per-packet object and P/Invoke costs would dominate an
/// offline run).
/// </summary>
public abstract class CaptureFileSource : ICaptureSource
{
    private protected const uint PcapMagicMicros = 0xA1B2C3D4;
    private protected const uint PcapMagicNanos = 0xA1B23C4D;
    private protected const uint PcapNgSectionHeader = 0x0A0D0D0A;

    /// <summary>How many records are read between two looks at the cancellation token.</summary>
    private protected const int CancellationCheckInterval = 1024;

    private protected CaptureFileSource(string path, CaptureFileInput input)
    {
        Path = path;
        Input = input;
        Statistics.InputLength = input.Length;
    }

    public string Path { get; }

    public string Description => Path;

    public CaptureStatistics Statistics { get; } = new();

    private protected CaptureFileInput Input { get; }

    /// <summary>
    /// Opens <paramref name="path"/> and reads its file header. Throws <see cref="CaptureException"/> for a file
    /// that cannot be read at all (missing, empty, not a capture, truncated header, unsupported link type).
    /// </summary>
    public static CaptureFileSource Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var input = OpenInput(path);
        try
        {
            if (input.Length == 0)
            {
                throw new CaptureException($"{path}: empty file (not a pcap or pcapng capture)");
            }
            if (!input.TryEnsure(4))
            {
                throw new CaptureException($"{path}: truncated file header ({input.Available} bytes; not a pcap or pcapng capture)");
            }
            uint magic = BinaryPrimitives.ReadUInt32LittleEndian(input.Peek(4));
            switch (magic)
            {
                case PcapNgSectionHeader:
                    return new PcapNgFileSource(path, input);
                case PcapMagicMicros:
                case PcapMagicNanos:
                case 0xD4C3B2A1:
                case 0x4D3CB2A1:
                    return new PcapFileSource(path, input);
                default:
                    throw new CaptureException(
                        $"{path}: not a pcap or pcapng file (magic 0x{BinaryPrimitives.ReadUInt32BigEndian(input.Peek(4)):x8})");
            }
        }
        catch
        {
            input.Dispose();
            throw;
        }
    }

    public abstract void Run(IFrameSink sink, CancellationToken cancellationToken);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Input.Dispose();
        }
    }

    /// <summary>Delivers one frame; the statistics are updated before the sink runs so a throwing sink is still counted.</summary>
    /// <summary>
    /// Every <see cref="CancellationCheckInterval"/> records: publishes the read position (for progress) and
    /// tells whether to stop. Checking the token per record would cost more than decoding some records.
    /// </summary>
    private protected bool CheckpointStops(ref int untilNextCheck, CancellationToken cancellationToken)
    {
        untilNextCheck = CancellationCheckInterval;
        Statistics.InputPosition = Input.Position;
        return cancellationToken.IsCancellationRequested;
    }

    private protected void Deliver(IFrameSink sink, ReadOnlySpan<byte> data, int originalLength, long timestampMicros, LinkType linkType)
    {
        var statistics = Statistics;
        statistics.FramesRead++;
        statistics.BytesRead += data.Length;
        if (originalLength > data.Length)
        {
            statistics.FramesTruncatedBySnaplen++;
        }
        sink.OnFrame(new CapturedFrame(data, originalLength, timestampMicros, linkType));
    }

    private protected CaptureException Corrupt(long offset, string what) =>
        new($"{Path}: corrupt record at offset {offset} ({what})");

    private protected CaptureException UnsupportedLinkType(int linkType) =>
        new($"{Path}: unsupported link type {linkType} ({SupportedLinkTypes.Describe(linkType)}; supported: {SupportedLinkTypes.List})");

    private static CaptureFileInput OpenInput(string path)
    {
        SafeFileHandle? handle = null;
        try
        {
            if (Directory.Exists(path))
            {
                throw new CaptureException($"{path}: is a directory, not a capture file");
            }
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
            long length = RandomAccess.GetLength(handle);
            return new CaptureFileInput(handle, length);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            handle?.Dispose();
            throw new CaptureException($"{path}: no such file", e);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            handle?.Dispose();
            throw new CaptureException($"{path}: cannot read: {e.Message}", e);
        }
    }
}
