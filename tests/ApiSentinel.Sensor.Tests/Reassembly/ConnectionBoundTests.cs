using ApiSentinel.Sensor.Decode;
using ApiSentinel.Sensor.Reassembly;

namespace ApiSentinel.Sensor.Tests.Reassembly;

/// <summary>Item 14 of issue 6: the connection table is bounded; the least recently seen connection goes first.</summary>
public class ConnectionBoundTests
{
    private static NetEndpoint ClientNumber(int i) => new(NetAddress.Parse($"192.0.2.{1 + i / 1000 % 250}"), (ushort)(20000 + i % 1000));

    private static void Syn(ReassemblyHarness h, int client) =>
        h.Send(ClientNumber(client), ReassemblyHarness.Server, 1000, TcpFlags.Syn);

    [Fact]
    public void A_syn_flood_never_tracks_more_than_the_bound_and_every_eviction_is_counted()
    {
        var h = new ReassemblyHarness(new ReassemblyOptions { MaxConnections = 100 });
        for (var i = 0; i < 5_000; i++)
        {
            Syn(h, i);
            Assert.InRange(h.Reassembler.ConnectionCount, 1, 100);
            h.Now++;
        }
        Assert.Equal(5_000, h.Counters.Connections);
        Assert.Equal(4_900, h.Counters.ConnectionsEvicted);
        Assert.Equal(100, h.Counters.ActiveConnections);
        // Evicted first-come first-gone: the first 4,900 handlers are closed as evicted, the last 100 are open.
        Assert.All(h.Handlers.Take(4_900), handler => Assert.Equal(CloseReason.Evicted, handler.ClosedWith));
        Assert.All(h.Handlers.Skip(4_900), handler => Assert.Null(handler.ClosedWith));
    }

    [Fact]
    public void The_least_recently_seen_connection_is_evicted_not_the_oldest_opened()
    {
        var h = new ReassemblyHarness(new ReassemblyOptions { MaxConnections = 3 });
        Syn(h, 0);
        h.Now++;
        Syn(h, 1);
        h.Now++;
        Syn(h, 2);
        h.Now++;
        // Connection 0 speaks again: now 1 is the least recently seen.
        h.Send(ClientNumber(0), ReassemblyHarness.Server, 1001, TcpFlags.Psh, "GET / HTTP/1.1\r\n\r\n"u8.ToArray());
        h.Now++;
        Syn(h, 3);

        Assert.Equal(CloseReason.Evicted, h.Handlers[1].ClosedWith);
        Assert.Null(h.Handlers[0].ClosedWith);
        Assert.Null(h.Handlers[2].ClosedWith);
        Assert.Equal(1, h.Counters.ConnectionsEvicted);
    }

    [Fact]
    public void An_evicted_connection_delivers_what_it_had_before_closing()
    {
        var h = new ReassemblyHarness(new ReassemblyOptions { MaxConnections = 1 });
        h.Handshake();
        h.FromClient(1001, "hello");
        h.Now++;
        Syn(h, 7);

        var first = h.Handlers[0];
        Assert.Equal("hello", first.Text(FlowDirection.ClientToServer));
        Assert.Equal(CloseReason.Evicted, first.ClosedWith);
    }

    [Fact]
    public void Idle_expiry_walks_only_the_expired_end_and_keeps_recent_connections()
    {
        var options = new ReassemblyOptions { IdleTimeout = TimeSpan.FromSeconds(10) };
        var h = new ReassemblyHarness(options);
        for (var i = 0; i < 50; i++)
        {
            Syn(h, i);
        }
        h.Now += 5_000_000;
        // Half of them see traffic again, five seconds later.
        for (var i = 0; i < 50; i += 2)
        {
            h.Send(ClientNumber(i), ReassemblyHarness.Server, 1001, TcpFlags.Psh, "x"u8.ToArray());
        }
        h.Now += 7_000_000; // 12 s after the SYNs, 7 s after the second packets
        h.Reassembler.ExpireIdle(h.Now);

        Assert.Equal(25, h.Counters.IdleTimeouts);
        Assert.Equal(25, h.Reassembler.ConnectionCount);
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(i % 2 == 0 ? null : CloseReason.IdleTimeout, h.Handlers[i].ClosedWith);
        }
    }

    [Fact]
    public void A_bound_below_one_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReassemblyHarness(new ReassemblyOptions { MaxConnections = 0 }));
    }
}
