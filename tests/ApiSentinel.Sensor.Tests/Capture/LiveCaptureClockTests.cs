using System.Diagnostics;
using ApiSentinel.Sensor.Capture;
using ApiSentinel.Sensor.Tests.Infrastructure;

namespace ApiSentinel.Sensor.Tests.Capture;

/// <summary>
/// <see cref="LiveCaptureSource"/> ticks a clocked sink on a quiet interface: <c>lo</c> with a filter nothing
/// matches. Bounded waits only; no assertion on exact intervals.
/// </summary>
public sealed class LiveCaptureClockTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [NetnsFact]
    public void A_clocked_sink_gets_ticks_with_the_injected_wall_clock_when_no_packet_arrives()
    {
        var wallClock = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        long expectedMicros = (wallClock.UtcTicks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond;
        // Port 9 (discard) on an address of the documentation range: nothing on this machine sends that.
        using var source = new LiveCaptureSource(
            new LiveCaptureOptions { Device = "lo", Filter = "tcp port 9 and host 192.0.2.254" }, new FixedWallClock(wallClock));
        var sink = new TickCounter();
        using var cancellation = new CancellationTokenSource();
        var capture = Task.Factory.StartNew(() => source.Run(sink, cancellation.Token), TaskCreationOptions.LongRunning);

        var waited = Stopwatch.StartNew();
        while (sink.Ticks < 3 && waited.Elapsed < Patience && !capture.IsCompleted)
        {
            Thread.Sleep(20);
        }
        cancellation.Cancel();
        Assert.True(capture.Wait(Patience), "the capture loop ends on cancellation");

        Assert.True(capture.IsCompletedSuccessfully, $"{capture.Status} {capture.Exception}");
        Assert.True(sink.Ticks >= 3, $"ticks on a quiet link: {sink.Ticks}");
        Assert.Equal(0, sink.Frames);
        Assert.Equal(expectedMicros, sink.LastTick);
        Assert.Equal(0, source.Statistics.HandlerErrors);
    }

    [NetnsFact]
    public void A_throwing_clock_handler_is_counted_and_capture_goes_on()
    {
        using var source = new LiveCaptureSource(new LiveCaptureOptions { Device = "lo", Filter = "tcp port 9 and host 192.0.2.254" });
        var sink = new TickCounter { Throw = true };
        using var cancellation = new CancellationTokenSource();
        var capture = Task.Factory.StartNew(() => source.Run(sink, cancellation.Token), TaskCreationOptions.LongRunning);

        var waited = Stopwatch.StartNew();
        while (sink.Ticks < 2 && waited.Elapsed < Patience && !capture.IsCompleted)
        {
            Thread.Sleep(20);
        }
        cancellation.Cancel();
        Assert.True(capture.Wait(Patience), "the capture loop ends on cancellation");

        Assert.True(capture.IsCompletedSuccessfully, $"{capture.Status} {capture.Exception}");
        Assert.True(sink.Ticks >= 2, $"ticks go on after a throwing one: {sink.Ticks}");
        Assert.Equal(sink.Ticks, source.Statistics.HandlerErrors);
    }

    /// <summary>Real monotonic time (so intervals pass), a fixed wall clock (so the tick's value is known).</summary>
    private sealed class FixedWallClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private sealed class TickCounter : IClockedFrameSink
    {
        private int _ticks;
        private int _frames;
        private long _lastTick;

        public bool Throw { get; init; }

        public int Ticks => Volatile.Read(ref _ticks);

        public int Frames => Volatile.Read(ref _frames);

        public long LastTick => Interlocked.Read(ref _lastTick);

        public void OnFrame(in CapturedFrame frame) => Interlocked.Increment(ref _frames);

        public void OnClock(long nowMicros)
        {
            Interlocked.Exchange(ref _lastTick, nowMicros);
            Interlocked.Increment(ref _ticks);
            if (Throw)
            {
                throw new InvalidOperationException("tick handler defect");
            }
        }
    }
}
