using ApiSentinel.Sensor.Http;
using ApiSentinel.Sensor.Reassembly;

namespace ApiSentinel.Sensor.Tests.Http;

public class RoleDetectionTests
{
    [Fact]
    public void Roles_are_swapped_when_the_server_side_sends_requests()
    {
        var t = Http1Harness.RunBothWays(h => h
            .Send(FlowDirection.ServerToClient, "GET /swapped HTTP/1.1\r\nHost: h\r\n\r\n"u8.ToArray())
            .Send(FlowDirection.ClientToServer, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"u8.ToArray())
            .Close());

        var tx = Assert.Single(t);
        Assert.Equal("/swapped", tx.Request!.Target);
        Assert.Equal(200, tx.Response!.StatusCode);
        Assert.Equal(Http1Harness.ServerEndpoint, tx.Client);
        Assert.Equal(Http1Harness.ClientEndpoint, tx.Server);
    }

    [Fact]
    public void Roles_are_swapped_when_the_client_side_starts_with_a_status_line()
    {
        var h = new Http1Harness(handshakeSeen: false);
        h.Send(FlowDirection.ClientToServer, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"u8.ToArray())
            .Send(FlowDirection.ServerToClient, "GET /next HTTP/1.1\r\n\r\n"u8.ToArray())
            .Send(FlowDirection.ClientToServer, "HTTP/1.1 204 No Content\r\n\r\n"u8.ToArray())
            .Close();

        Assert.Equal(1, h.Counters.RoleSwaps);
        Assert.True(h.Handler.RolesSwapped);
        var t = h.Transactions;
        Assert.Equal(2, t.Count);
        Assert.Null(t[0].Request);
        Assert.Equal("/next", t[1].Request!.Target);
        Assert.Equal(204, t[1].Response!.StatusCode);
    }

    [Fact]
    public void Normal_roles_are_kept()
    {
        var h = new Http1Harness();
        h.Client("GET / HTTP/1.1\r\n\r\n").Server("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n").Close();

        Assert.Equal(0, h.Counters.RoleSwaps);
        Assert.Equal(Http1Harness.ClientEndpoint, Assert.Single(h.Transactions).Client);
    }

    [Fact]
    public void Bytes_held_while_sniffing_are_replayed_in_both_directions()
    {
        var h = new Http1Harness(byteByByte: true);
        h.Server("HT").Client("GET / HTTP/1.1\r\n\r\n").Server("TP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx").Close();

        var tx = Assert.Single(h.Transactions);
        Assert.Equal("GET", tx.Request!.Method);
        Assert.Equal(200, tx.Response!.StatusCode);
        Assert.Equal("x", tx.Response.Body.InspectedText);
        Assert.Equal(0, h.Counters.RoleSwaps);
    }
}
