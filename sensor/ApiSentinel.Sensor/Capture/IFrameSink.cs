namespace ApiSentinel.Sensor.Capture;

/// <summary>Receives frames from an <see cref="ICaptureSource"/>, synchronously, on the source's reading thread.</summary>
public interface IFrameSink
{
    void OnFrame(in CapturedFrame frame);
}
