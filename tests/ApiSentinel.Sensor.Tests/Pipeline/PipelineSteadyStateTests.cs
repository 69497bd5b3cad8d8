using ApiSentinel.Sensor.Capture;
using ApiSentinel.Sensor.Decode;
using ApiSentinel.Sensor.Pipeline;
using ApiSentinel.Sensor.Pipeline.Runtime;
using ApiSentinel.Sensor.Tests.Infrastructure;

namespace ApiSentinel.Sensor.Tests.Pipeline;

/// <summary>
/// The live additions cost nothing per packet: with a run-time scope and sampling rate applied, the order-wait
/// bound on and clock ticks in between, the frames of an established connection allocate nothing.
/// </summary>
public sealed class PipelineSteadyStateTests
{
    private const long Start = 1_767_225_600_000_000;
    private const int Frames = 20_000;

    [Fact]
    public void An_established_upload_with_run_time_settings_and_clock_ticks_allocates_nothing_per_packet()
    {
        var frames = UploadFrames();
        Feed(NewPipeline(), frames, 0, frames.Length); // JIT and type loading are not per-packet costs
        var pipeline = NewPipeline();
        const int setup = 1_000;
        Feed(pipeline, frames, 0, setup);

        long before = GC.GetAllocatedBytesForCurrentThread();
        Feed(pipeline, frames, setup, frames.Length);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, pipeline.Statistics.InternalErrors);
        Assert.Equal(1, pipeline.Statistics.Reassembly.ActiveConnections); // admitted, tracked, still open
        // One object per packet would be ≥ 24 bytes × 19,000; below one byte per packet is fixed cost (tiered JIT).
        Assert.True(allocated < Frames - setup, $"{allocated} bytes allocated for {Frames - setup} frames");
    }

    private static TrafficPipeline NewPipeline()
    {
        var pipeline = new TrafficPipeline(new SensorOptions { MaxOrderWaitMicros = SensorOptions.LiveMaxOrderWaitMicros }, _ => { });
        Assert.Empty(pipeline.Reconfigure(new SensorRuntimeSettings
        {
            Scope = new CaptureScope([new CaptureTargetSetting("198.51.100.0/24", [80])]),
            SamplingRate = 0.999_999,
        }));
        return pipeline;
    }

    private static void Feed(TrafficPipeline pipeline, byte[][] frames, int from, int to)
    {
        for (int i = from; i < to; i++)
        {
            long micros = Start + i * 10;
            pipeline.OnFrame(new CapturedFrame(frames[i], frames[i].Length, micros, LinkType.Ethernet));
            if (i % 100 == 0)
            {
                pipeline.AdvanceClock(micros);
            }
        }
    }

    /// <summary>Handshake, a POST announcing a large body, then 1000-byte body segments with the server's ACKs.</summary>
    private static byte[][] UploadFrames()
    {
        const string client = "192.0.2.10:40000";
        const string server = "198.51.100.20:80";
        var frames = new List<byte[]>(Frames);
        uint c = 1000, s = 5000;
        frames.Add(TestFrames.EthernetIPv4Tcp(client, server, c, 0, TcpFlags.Syn));
        frames.Add(TestFrames.EthernetIPv4Tcp(server, client, s, c + 1, TcpFlags.Syn | TcpFlags.Ack));
        c++;
        s++;
        var headers = "POST /upload HTTP/1.1\r\nHost: api.example\r\nContent-Type: application/octet-stream\r\nContent-Length: 100000000\r\n\r\n"u8;
        frames.Add(TestFrames.EthernetIPv4Tcp(client, server, c, s, TcpFlags.Ack | TcpFlags.Psh, headers));
        c += (uint)headers.Length;
        var body = new byte[1000];
        Array.Fill(body, (byte)'a');
        while (frames.Count < Frames)
        {
            frames.Add(TestFrames.EthernetIPv4Tcp(client, server, c, s, TcpFlags.Ack, body));
            c += (uint)body.Length;
            frames.Add(TestFrames.EthernetIPv4Tcp(server, client, s, c, TcpFlags.Ack));
        }
        return [.. frames];
    }
}
