using ApiSentinel.Sensor.Decode;
using ApiSentinel.Sensor.Reassembly;
using static ApiSentinel.Sensor.Tests.Reassembly.ReassemblyHarness;

namespace ApiSentinel.Sensor.Tests.Reassembly;

public sealed class BoundsTests
{
    private const FlowDirection C2S = FlowDirection.ClientToServer;

    [Fact]
    public void Per_connection_bound_declares_the_lowest_hole()
    {
        var harness = new ReassemblyHarness(new ReassemblyOptions
        {
            MaxBufferedBytesPerConnection = 1000,
            GapThresholdBytes = 1_000_000,
        });
        harness.Handshake();
        harness.Send(Client, Server, 1011, TcpFlags.Psh, new byte[600]);
        harness.Send(Server, Client, 5101, TcpFlags.Psh, new byte[300]);
        Assert.Equal(900, harness.Counters.BufferedBytes);

        harness.Send(Client, Server, 2000, TcpFlags.Psh, new byte[200]); // both directions together exceed 1000

        Assert.Equal(1, harness.Counters.PerConnectionLimitHits);
        Assert.Equal("gap C2S 10", harness.Last.Events[0]);
        Assert.Equal(600, harness.Last.Bytes(C2S).Length);
        Assert.Equal(500, harness.Counters.BufferedBytes);
        Assert.Equal(1, harness.Counters.Gaps);
    }

    [Fact]
    public void Segment_larger_than_the_bound_is_delivered_after_a_gap()
    {
        var harness = new ReassemblyHarness(new ReassemblyOptions { MaxBufferedBytesPerConnection = 100 });
        harness.Handshake();
        harness.Send(Client, Server, 1051, TcpFlags.Psh, new byte[150]);

        Assert.Equal(["gap C2S 50", "data C2S " + new string('\0', 150)], harness.Last.Events);
        Assert.Equal(0, harness.Counters.BufferedBytes);
    }

    [Fact]
    public void Many_tiny_out_of_order_pieces_are_bounded_by_count()
    {
        var harness = new ReassemblyHarness();
        harness.Handshake();
        for (uint i = 0; i <= 2048; i++)
        {
            harness.Send(Client, Server, 1003 + (2 * i), TcpFlags.Psh, [7]); // every other byte missing
        }

        Assert.Equal(1, harness.Counters.PerConnectionLimitHits);
        Assert.Equal(2048, harness.Counters.BufferedBytes);
        Assert.Equal(["gap C2S 2", "data C2S \a"], harness.Last.Events);
    }

    [Fact]
    public void Total_bound_evicts_the_connection_holding_the_most()
    {
        var harness = new ReassemblyHarness(new ReassemblyOptions
        {
            MaxBufferedBytesTotal = 1000,
            GapThresholdBytes = 1_000_000,
        });
        var small = new NetEndpoint(NetAddress.Parse("192.0.2.50"), 40001);
        var large = new NetEndpoint(NetAddress.Parse("192.0.2.51"), 40002);
        harness.Send(small, Server, 0, TcpFlags.Syn);
        harness.Send(small, Server, 11, TcpFlags.Psh, new byte[300]);
        harness.Send(large, Server, 0, TcpFlags.Syn);
        harness.Send(large, Server, 11, TcpFlags.Psh, new byte[600]);
        Assert.Equal(0, harness.Counters.TotalLimitHits);

        harness.Send(small, Server, 400, TcpFlags.Psh, new byte[200]); // 1100 > 1000: evict the larger

        RecordingStreamHandler smallHandler = harness.Handlers[0];
        RecordingStreamHandler largeHandler = harness.Handlers[1];
        Assert.Equal(1, harness.Counters.TotalLimitHits);
        Assert.Equal(CloseReason.Evicted, largeHandler.ClosedWith);
        Assert.Equal("gap C2S 10", largeHandler.Events[0]);
        Assert.Null(smallHandler.ClosedWith);
        Assert.Equal(500, harness.Counters.BufferedBytes);
        Assert.Equal(1, harness.Counters.ActiveConnections);

        // Later segments of the evicted connection start over as a mid-stream pickup.
        harness.Send(large, Server, 611, TcpFlags.Psh, [1]);
        Assert.Equal(3, harness.Handlers.Count);
        Assert.Equal(1, harness.Counters.MidStreamPickups);
    }

    [Fact]
    public void Counters_shared_by_two_reassemblers_do_not_confuse_their_bounds()
    {
        var counters = new ReassemblyCounters();
        var options = new ReassemblyOptions { MaxBufferedBytesTotal = 100, GapThresholdBytes = 1_000_000 };
        var first = new ReassemblyHarness(options);
        var second = new TcpReassembler(options, first, counters);
        var segment = new TcpSegment(Client, Server, 50, 0, TcpFlags.Psh, 0, new byte[80], 1);
        counters.BufferedBytes = 1_000; // as if another instance held plenty

        second.Process(in segment);
        var outOfOrder = new TcpSegment(Client, Server, 200, 0, TcpFlags.Psh, 0, new byte[80], 2);
        second.Process(in outOfOrder);

        Assert.Equal(0, counters.TotalLimitHits);
        Assert.Equal(1_080, counters.BufferedBytes);
    }
}
