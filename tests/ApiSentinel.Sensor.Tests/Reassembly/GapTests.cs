using ApiSentinel.Sensor.Decode;
using ApiSentinel.Sensor.Reassembly;
using static ApiSentinel.Sensor.Tests.Reassembly.ReassemblyHarness;

namespace ApiSentinel.Sensor.Tests.Reassembly;

public sealed class GapTests
{
    private const FlowDirection C2S = FlowDirection.ClientToServer;

    [Fact]
    public void Peer_ack_past_the_hole_declares_it()
    {
        var harness = new ReassemblyHarness();
        harness.Handshake();
        harness.FromClient(1001, "abc");
        harness.FromClient(1011, "klm"); // 1004..1010 never captured
        harness.Send(Server, Client, 5001, TcpFlags.Ack, acknowledgment: 1004);
        Assert.Equal(0, harness.Counters.Gaps); // the ACK only covers what we have

        harness.Send(Server, Client, 5001, TcpFlags.Ack, acknowledgment: 1014);

        Assert.Equal(["data C2S abc", "gap C2S 7", "data C2S klm"], harness.Last.Events);
        Assert.Equal(1, harness.Counters.Gaps);
        Assert.Equal(7, harness.Counters.GapBytes);
        Assert.Equal(0, harness.Counters.BufferedBytes);
    }

    [Fact]
    public void Ack_inside_the_hole_declares_only_the_acknowledged_part()
    {
        var harness = new ReassemblyHarness();
        harness.Handshake();
        harness.FromClient(1011, "klm");
        harness.Send(Server, Client, 5001, TcpFlags.Ack, acknowledgment: 1006);
        Assert.Equal(["gap C2S 5"], harness.Last.Events);

        // The rest of the hole may still arrive (a retransmission the receiver has not acknowledged yet).
        harness.FromClient(1006, "fghij");

        Assert.Equal(["gap C2S 5", "data C2S fghij", "data C2S klm"], harness.Last.Events);
        Assert.Equal(5, harness.Counters.GapBytes);
    }

    [Fact]
    public void Ack_over_several_holes_declares_each_and_delivers_between()
    {
        var harness = new ReassemblyHarness();
        harness.Handshake();
        harness.FromClient(1003, "c");
        harness.FromClient(1006, "f");
        harness.Send(Server, Client, 5001, TcpFlags.Ack, acknowledgment: 1007);

        Assert.Equal(["gap C2S 2", "data C2S c", "gap C2S 2", "data C2S f"], harness.Last.Events);
    }

    [Fact]
    public void Bogus_ack_far_ahead_cannot_declare_more_than_the_data_seen()
    {
        var harness = new ReassemblyHarness();
        harness.Handshake();
        harness.FromClient(1011, "klm");
        harness.Send(Server, Client, 5001, TcpFlags.Ack, acknowledgment: 1_000_000_000);

        Assert.Equal(["gap C2S 10", "data C2S klm"], harness.Last.Events);
    }

    [Fact]
    public void More_than_the_threshold_above_a_hole_declares_it()
    {
        var harness = new ReassemblyHarness(); // default 16 KiB
        harness.Handshake();
        byte[] chunk = new byte[1024];
        uint sequence = 1001 + 100; // bytes 0..99 lost
        for (int i = 0; i < 16; i++)
        {
            harness.Send(Client, Server, sequence, TcpFlags.Psh, chunk);
            sequence += 1024;
        }
        Assert.Equal(0, harness.Counters.Gaps);
        Assert.Equal(16 * 1024, harness.Counters.BufferedBytes);

        harness.Send(Client, Server, sequence, TcpFlags.Psh, [1]);

        Assert.Equal("gap C2S 100", harness.Last.Events[0]);
        Assert.Equal(1, harness.Counters.Gaps);
        Assert.Equal(100, harness.Counters.GapBytes);
        Assert.Equal(16 * 1024 + 1, harness.Last.Bytes(C2S).Length);
        Assert.Equal(0, harness.Counters.BufferedBytes);
    }

    [Fact]
    public void Fin_behind_a_hole_waits_for_the_missing_bytes()
    {
        var harness = new ReassemblyHarness();
        harness.Handshake();
        harness.Send(Client, Server, 1004, TcpFlags.Fin | TcpFlags.Psh, "def"u8.ToArray());
        Assert.Empty(harness.Last.Events);

        harness.FromClient(1001, "abc");

        Assert.Equal(["data C2S abc", "data C2S def", "eos C2S"], harness.Last.Events);
        Assert.Equal(0, harness.Counters.Gaps);
    }

    [Fact]
    public void Fin_behind_a_hole_is_resolved_by_the_ack_of_the_fin()
    {
        var harness = new ReassemblyHarness();
        harness.Handshake();
        harness.Send(Client, Server, 1004, TcpFlags.Fin, "def"u8.ToArray());
        harness.Send(Server, Client, 5001, TcpFlags.Ack, acknowledgment: 1008); // FIN consumed one number

        Assert.Equal(["gap C2S 3", "data C2S def", "eos C2S"], harness.Last.Events);
    }

    [Fact]
    public void Both_fins_flush_buffered_data_as_gap_then_close()
    {
        var harness = new ReassemblyHarness();
        harness.Handshake();
        harness.FromClient(1001, "abc");
        harness.Send(Client, Server, 1007, TcpFlags.Fin, "ghi"u8.ToArray());
        harness.Send(Server, Client, 5001, TcpFlags.Fin);

        Assert.Equal(["data C2S abc", "eos S2C", "gap C2S 3", "data C2S ghi", "eos C2S", "close Fin"], harness.Last.Events);
        Assert.Equal(0, harness.Counters.ActiveConnections);
        Assert.Equal(0, harness.Counters.BufferedBytes);
    }

    [Fact]
    public void End_of_capture_flushes_buffered_data_after_a_gap()
    {
        var harness = new ReassemblyHarness();
        harness.Handshake();
        harness.FromClient(1001, "abc");
        harness.FromClient(1007, "ghi");
        harness.FromServer(5010, "zz");

        harness.Reassembler.CloseAll(harness.Now + 1);

        Assert.Equal(
            ["data C2S abc", "gap C2S 3", "data C2S ghi", "gap S2C 9", "data S2C zz", "close EndOfCapture"],
            harness.Last.Events);
        Assert.Equal(harness.Now + 1, harness.Last.Timestamps[^1]);
        Assert.Equal(2, harness.Counters.Gaps);
        Assert.Equal(12, harness.Counters.GapBytes);
        Assert.Equal(0, harness.Counters.BufferedBytes);
        Assert.Equal(0, harness.Counters.ActiveConnections);
        Assert.Equal(0, harness.Reassembler.ConnectionCount);
    }
}
