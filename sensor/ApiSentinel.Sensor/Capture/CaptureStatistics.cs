namespace ApiSentinel.Sensor.Capture;

/// <summary>
/// What a capture source read and what it lost. Every field is a running total; loss is never silent
/// (DESIGN.md, "Bounds"), so each kind of loss has its own counter.
/// </summary>
public sealed class CaptureStatistics
{
    public long FramesRead;
    public long BytesRead;

    /// <summary>Frames whose captured length is below their original length (snaplen too small).</summary>
    public long FramesTruncatedBySnaplen;

    /// <summary>Live capture: packets the kernel dropped because the capture buffer was full.</summary>
    public long KernelDropped;

    /// <summary>Live capture: packets the interface or driver dropped.</summary>
    public long InterfaceDropped;

    /// <summary>Exceptions thrown by a frame sink and contained by the source (the process keeps running).</summary>
    public long HandlerErrors;

    /// <summary>File capture: the input ended inside a record (a truncated file). The run stops there.</summary>
    public long TruncatedRecords;

    /// <summary>File capture: pcapng blocks skipped because they are not packets (or are unknown).</summary>
    public long SkippedBlocks;

    /// <summary>File capture: bytes of the input consumed so far, for progress reporting.</summary>
    public long InputPosition;

    /// <summary>File capture: total bytes of the input, or -1 when unknown.</summary>
    public long InputLength = -1;
}
