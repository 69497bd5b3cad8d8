namespace ApiSentinel.Sensor.Capture;

/// <summary>
/// A frame sink that also needs the passing of time when no frame arrives: a live source calls <see cref="OnClock"/>
/// on its reading thread (the same thread as <see cref="IFrameSink.OnFrame"/>, never concurrently with it) at least
/// every quarter second, so idle connections expire and waiting records leave on a quiet link.
/// </summary>
public interface IClockedFrameSink : IFrameSink
{
    /// <param name="nowMicros">Wall-clock time, µs since the Unix epoch (UTC) — the scale of frame timestamps.</param>
    void OnClock(long nowMicros);
}
