using ApiSentinel.Sensor.Capture;
using ApiSentinel.Sensor.Daemon.Capture;
using Microsoft.Extensions.Time.Testing;

namespace ApiSentinel.Sensor.Daemon.Tests.Capture;

public sealed class ReplayPacerTests
{
    [Theory]
    [InlineData(1.0, new[] { 0.0, 1000, 1500 })]
    [InlineData(2.0, new[] { 0.0, 500, 750 })]
    public void Frames_are_delivered_at_their_capture_offsets_divided_by_the_speed(double speed, double[] expectedMs)
    {
        var time = new FakeTimeProvider();
        var sleeps = new List<TimeSpan>();
        var sink = new ArrivalSink(time);
        var pacer = new ReplayPacer(sink, speed, time, wait =>
        {
            sleeps.Add(wait);
            time.Advance(wait);
        });
        long start = 1_700_000_000_000_000;

        Deliver(pacer, start);
        Deliver(pacer, start + 1_000_000);
        time.Advance(TimeSpan.FromMilliseconds(200)); // the pipeline took time: the next wait is shorter by that much
        Deliver(pacer, start + 1_500_000);

        Assert.Equal(expectedMs, sink.ArrivalsMs);
        Assert.Equal(2, sleeps.Count);
    }

    [Fact]
    public void A_frame_already_late_is_not_delayed()
    {
        var time = new FakeTimeProvider();
        var sleeps = new List<TimeSpan>();
        var sink = new ArrivalSink(time);
        var pacer = new ReplayPacer(sink, 1, time, sleeps.Add);
        Deliver(pacer, 0);
        time.Advance(TimeSpan.FromSeconds(5));
        Deliver(pacer, 1_000_000);
        Assert.Empty(sleeps);
        Assert.Equal(2, sink.ArrivalsMs.Count);
    }

    private static void Deliver(IFrameSink sink, long timestampMicros) =>
        sink.OnFrame(new CapturedFrame(new byte[] { 0 }, 1, timestampMicros, LinkType.Ethernet));

    private sealed class ArrivalSink(FakeTimeProvider time) : IFrameSink
    {
        private readonly long _start = time.GetTimestamp();

        public List<double> ArrivalsMs { get; } = [];

        public void OnFrame(in CapturedFrame frame) => ArrivalsMs.Add(time.GetElapsedTime(_start).TotalMilliseconds);
    }
}
