using ApiSentinel.Sensor.Decode;
using ApiSentinel.Sensor.Reassembly;
using static ApiSentinel.Sensor.Tests.Reassembly.ReassemblyHarness;

namespace ApiSentinel.Sensor.Tests.Reassembly;

public sealed class LifecycleTests
{
    private const FlowDirection C2S = FlowDirection.ClientToServer;

    [Fact]
    public void Fin_on_one_side_ends_that_stream_only()
    {
        var harness = new ReassemblyHarness();
        harness.Handshake();
        harness.Send(Client, Server, 1001, TcpFlags.Fin | TcpFlags.Psh, "bye"u8.ToArray());
        harness.FromServer(5001, "still talking");

        Assert.Equal(["data C2S bye", "eos C2S", "data S2C still talking"], harness.Last.Events);
        Assert.Null(harness.Last.ClosedWith);
        Assert.Equal(1, harness.Counters.ActiveConnections);
    }

    [Fact]
    public void Fin_on_both_sides_closes_and_forgets_the_connection()
    {
        var harness = new ReassemblyHarness();
        harness.Handshake();
        harness.Send(Server, Client, 5001, TcpFlags.Fin | TcpFlags.Ack, "done"u8.ToArray(), acknowledgment: 1001);
        harness.Send(Client, Server, 1001, TcpFlags.Fin | TcpFlags.Ack, acknowledgment: 5006);
        harness.Send(Server, Client, 5006, TcpFlags.Ack, acknowledgment: 1002); // the last ACK opens nothing

        Assert.Equal(["data S2C done", "eos S2C", "eos C2S", "close Fin"], harness.Last.Events);
        Assert.Single(harness.Handlers);
        Assert.Equal(0, harness.Counters.ActiveConnections);
        Assert.Equal(0, harness.Reassembler.ConnectionCount);
    }

    [Fact]
    public void Retransmitted_fin_and_data_after_end_of_stream_are_ignored()
    {
        var harness = new ReassemblyHarness();
        harness.Handshake();
        harness.Send(Client, Server, 1001, TcpFlags.Fin, "bye"u8.ToArray());
        harness.Send(Client, Server, 1001, TcpFlags.Fin, "bye"u8.ToArray());

        Assert.Equal(["data C2S bye", "eos C2S"], harness.Last.Events);
        Assert.Equal(1, harness.Counters.RetransmittedSegments);
    }

    [Fact]
    public void Reset_delivers_what_it_can_then_closes()
    {
        var harness = new ReassemblyHarness();
        harness.Handshake();
        harness.FromClient(1001, "abc");
        harness.FromClient(1005, "efg");
        harness.Send(Server, Client, 5001, TcpFlags.Rst);

        Assert.Equal(["data C2S abc", "gap C2S 1", "data C2S efg", "close Reset"], harness.Last.Events);
        Assert.Equal(1, harness.Counters.Resets);
        Assert.Equal(0, harness.Counters.ActiveConnections);
        Assert.Equal(0, harness.Counters.BufferedBytes);

        harness.Send(Client, Server, 1008, TcpFlags.Rst); // the other side's RST finds nothing
        Assert.Single(harness.Handlers);
        Assert.Equal(1, harness.Counters.Resets);
    }

    [Fact]
    public void Idle_connections_time_out()
    {
        var harness = new ReassemblyHarness(new ReassemblyOptions { IdleTimeout = TimeSpan.FromSeconds(30) });
        harness.Handshake();
        harness.FromClient(1001, "abc");
        harness.FromClient(1010, "xyz");
        long lastSeen = harness.Now;

        harness.Reassembler.ExpireIdle(lastSeen + 30_000_000);
        Assert.Null(harness.Last.ClosedWith);

        harness.Reassembler.ExpireIdle(lastSeen + 30_000_001);
        Assert.Equal(["data C2S abc", "gap C2S 6", "data C2S xyz", "close IdleTimeout"], harness.Last.Events);
        Assert.Equal(1, harness.Counters.IdleTimeouts);
        Assert.Equal(0, harness.Counters.ActiveConnections);
        Assert.Equal(0, harness.Counters.BufferedBytes);
    }

    [Fact]
    public void Process_expires_idle_connections_as_capture_time_advances()
    {
        var harness = new ReassemblyHarness(new ReassemblyOptions { IdleTimeout = TimeSpan.FromSeconds(30) });
        harness.Handshake();
        RecordingStreamHandler first = harness.Last;
        harness.Now += 31_000_000;

        var otherClient = new NetEndpoint(NetAddress.Parse("192.0.2.99"), 41000);
        harness.Send(otherClient, Server, 1, TcpFlags.Syn);

        Assert.Equal(CloseReason.IdleTimeout, first.ClosedWith);
        Assert.Null(harness.Last.ClosedWith);
        Assert.Equal(1, harness.Counters.ActiveConnections);
    }

    [Fact]
    public void New_syn_with_another_sequence_number_starts_a_new_connection_on_the_same_ports()
    {
        var harness = new ReassemblyHarness();
        harness.Handshake(clientIsn: 1000);
        harness.Send(Client, Server, 1001, TcpFlags.Fin | TcpFlags.Psh, "old"u8.ToArray());
        RecordingStreamHandler old = harness.Last;

        harness.Send(Client, Server, 1000, TcpFlags.Syn); // retransmitted SYN of the old connection: ignored
        Assert.Single(harness.Handlers);

        harness.Send(Client, Server, 90_000, TcpFlags.Syn);
        harness.FromClient(90_001, "new");

        Assert.Equal(2, harness.Handlers.Count);
        Assert.Equal(CloseReason.Fin, old.ClosedWith);
        Assert.Equal("old", old.Text(C2S));
        Assert.Equal("new", harness.Last.Text(C2S));
        Assert.Equal(2, harness.Last.Connection.Id);
        Assert.Equal(1, harness.Counters.ActiveConnections);
        Assert.Equal(2, harness.Counters.Connections);
    }

    [Fact]
    public void Syn_on_a_mid_stream_connection_replaces_it()
    {
        var harness = new ReassemblyHarness();
        harness.FromClient(777, "tail of an old request");
        RecordingStreamHandler old = harness.Last;
        harness.Send(Client, Server, 5, TcpFlags.Syn);

        Assert.Equal(CloseReason.Reset, old.ClosedWith);
        Assert.Equal(2, harness.Handlers.Count);
        Assert.True(harness.Last.Connection.HandshakeSeen);
        Assert.Equal(0, harness.Counters.Resets); // no RST packet was seen
    }

    [Fact]
    public void Counters_track_a_whole_exchange()
    {
        var harness = new ReassemblyHarness();
        harness.Handshake();
        harness.FromClient(1001, "GET / HTTP/1.1\r\n\r\n");
        harness.FromServer(5010, "OK");
        harness.FromServer(5001, "HTTP/1.1 ");
        harness.FromServer(5001, "HTTP/1.1 ");
        harness.Send(Server, Client, 5012, TcpFlags.Fin);
        harness.Send(Client, Server, 1019, TcpFlags.Fin);

        ReassemblyCounters counters = harness.Counters;
        Assert.Equal(9, counters.Segments);
        Assert.Equal(1, counters.Connections);
        Assert.Equal(1, counters.OutOfOrderSegments);
        Assert.Equal(1, counters.RetransmittedSegments);
        Assert.Equal(0, counters.Gaps);
        Assert.Equal(0, counters.ActiveConnections);
        Assert.Equal(0, counters.BufferedBytes);
        Assert.Equal("close Fin", harness.Last.Events[^1]);
    }
}
