using ApiSentinel.Sensor.Capture;
using ApiSentinel.Sensor.Decode;
using ApiSentinel.Sensor.Tests.Infrastructure;

namespace ApiSentinel.Sensor.Tests.Decode;

/// <summary>The offline hot path — read a record, decode it — allocates nothing per packet.</summary>
public sealed class SteadyStateAllocationTests
{
    [Fact]
    public void Reading_and_decoding_a_file_allocates_nothing_per_packet()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("steady.pcap");
        using (var writer = PcapWriter.Create(path))
        {
            for (int i = 0; i < 20_000; i++)
            {
                writer.Write(i % 2 == 0
                    ? TestFrames.EthernetIPv4Tcp("192.0.2.1:40000", "192.0.2.2:80", (uint)i, 0, TcpFlags.Ack, "payload"u8)
                    : TestFrames.Vxlan(TestFrames.EthernetIPv6Tcp("[2001:db8::1]:40000", "[2001:db8::2]:80", (uint)i, 0, TcpFlags.Ack)));
            }
        }
        // A first full pass pays for JIT compilation and type loading, which are not per-packet costs.
        using (var warmUp = CaptureFileSource.Open(path))
        {
            warmUp.Run(new DecodeOnlySink(), CancellationToken.None);
        }
        using var source = CaptureFileSource.Open(path);
        var sink = new DecodeOnlySink();

        long before = GC.GetAllocatedBytesForCurrentThread();
        source.Run(sink, CancellationToken.None);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(20_000, sink.Decoder.Counters.TcpSegments);
        // Any per-packet allocation is at least one object (≥ 24 bytes) per packet: ≥ 480 KB here. What remains
        // below one byte per packet is fixed cost — e.g. tiered-JIT recompilation landing inside the measured pass
        // when the suite runs in parallel (seen: 7.9 KB) — not a per-packet cost.
        Assert.True(allocated < 20_000, $"{allocated} bytes allocated while reading 20000 packets");
    }

    private sealed class DecodeOnlySink : IFrameSink
    {
        public FrameDecoder Decoder { get; } = new();

        public void OnFrame(in CapturedFrame frame) => Decoder.TryDecodeTcp(frame, out _);
    }
}
