namespace ApiSentinel.Sensor.Capture;

/// <summary>
/// A source of captured frames: a capture file or a live device. <see cref="Run"/> delivers every frame to the
/// sink on the calling thread, in capture order, and returns at the end of the input or on cancellation.
/// Input that cannot be read at all (missing file, wrong magic, unknown link type) raises
/// <see cref="CaptureException"/> with a message meant for a person; damage found mid-way (a truncated last
/// record) ends the run early and is recorded in <see cref="Statistics"/>.
/// </summary>
public interface ICaptureSource : IDisposable
{
    /// <summary>What is being read, for messages: a file path or a device name and filter.</summary>
    string Description { get; }

    CaptureStatistics Statistics { get; }

    void Run(IFrameSink sink, CancellationToken cancellationToken);
}
