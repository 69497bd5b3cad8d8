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
    private readonly Action<TimeSpan> _sleep;
    private long _firstCaptureMicros = long.MinValue;
    private long _wallStart;

    /// <param name="inner">The pipeline.</param>
    /// <param name="speed">Multiple of the capture's pace (&gt; 0).</param>
    /// <param name="time">Measures the elapsed wall time.</param>
    /// <param name="sleep">Blocks the capture thread; it should wake early on cancellation (the frame is then delivered
    /// anyway and the source stops at its next check).</param>
    public ReplayPacer(IFrameSink inner, double speed, TimeProvider time, Action<TimeSpan> sleep)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(speed);
        _inner = inner;
        _speed = speed;
        _time = time;
        _sleep = sleep;
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
                _sleep(wait);
            }
        }
        _inner.OnFrame(frame);
    }
}
