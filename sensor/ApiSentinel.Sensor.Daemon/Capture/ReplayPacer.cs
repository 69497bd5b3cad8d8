using ApiSentinel.Sensor.Capture;

namespace ApiSentinel.Sensor.Daemon.Capture;

/// <summary>
/// Replays frames at <c>speed</c> × the capture's own pace: a frame is delivered no earlier than its capture-time
/// offset from the first frame, divided by the speed. (Without a pacer, replay runs as fast as the pipeline goes.)
/// </summary>
internal sealed class ReplayPacer : IFrameSink
{
    private readonly IFrameSink _inner;
    private readonly double _speed;
    private readonly TimeProvider _time;
    private readonly CancellationToken _cancellationToken;
    private long _firstCaptureMicros = long.MinValue;
    private long _wallStart;

    public ReplayPacer(IFrameSink inner, double speed, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(speed);
        _inner = inner;
        _speed = speed;
        _time = time;
        _cancellationToken = cancellationToken;
    }

    public void OnFrame(in CapturedFrame frame)
    {
        if (_firstCaptureMicros == long.MinValue)
        {
            _firstCaptureMicros = frame.TimestampMicros;
            _wallStart = _time.GetTimestamp();
        }
        else
        {
            var due = TimeSpan.FromMicroseconds(Math.Max(0, frame.TimestampMicros - _firstCaptureMicros) / _speed);
            var wait = due - _time.GetElapsedTime(_wallStart);
            if (wait > TimeSpan.Zero)
            {
                // Wakes early on cancellation; the frame is then delivered anyway and the source stops at its next check.
                _cancellationToken.WaitHandle.WaitOne(wait);
            }
        }
        _inner.OnFrame(frame);
    }
}
