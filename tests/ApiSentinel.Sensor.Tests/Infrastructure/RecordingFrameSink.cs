using ApiSentinel.Sensor.Capture;

namespace ApiSentinel.Sensor.Tests.Infrastructure;

/// <summary>Keeps a copy of every frame it receives, for assertions after a capture run.</summary>
public sealed class RecordingFrameSink : IFrameSink
{
    public List<RecordedFrame> Frames { get; } = [];

    public void OnFrame(in CapturedFrame frame) =>
        Frames.Add(new RecordedFrame(frame.Data.ToArray(), frame.OriginalLength, frame.TimestampMicros, frame.LinkType));

    /// <summary>Reads a whole capture file into a new sink.</summary>
    public static (RecordingFrameSink Sink, CaptureStatistics Statistics) ReadFile(string path)
    {
        using var source = CaptureFileSource.Open(path);
        var sink = new RecordingFrameSink();
        source.Run(sink, CancellationToken.None);
        return (sink, source.Statistics);
    }
}
