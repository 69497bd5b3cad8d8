using ApiSentinel.Sensor.Http;

namespace ApiSentinel.Sensor.Tests.Http;

public class MidStreamPickupTests
{
    [Fact]
    public void Mid_stream_pickup_skips_body_tail_that_looks_like_an_extension_method()
    {
        var h = new Http1Harness(handshakeSeen: false);
        h.Client("DATA 42 more body\r\nPOST /real HTTP/1.1\r\nContent-Length: 0\r\n\r\n").Close();

        var tx = Assert.Single(h.Transactions);
        Assert.Equal("/real", tx.Request!.Target);
        Assert.True(tx.Has(HttpTransactionFlags.Resynchronised));
    }

    [Fact]
    public void With_the_handshake_seen_an_extension_method_is_a_request()
    {
        var h = new Http1Harness(handshakeSeen: true);
        h.Client("BREW /pot HTTP/1.1\r\n\r\n").Close();

        Assert.Equal("BREW", Assert.Single(h.Transactions).Request!.Method);
    }

    [Fact]
    public void Response_body_tail_before_the_first_status_line_is_skipped()
    {
        var h = new Http1Harness(handshakeSeen: false);
        h.Server("tail of a previous body</html>\n")
            .Client("GET /x HTTP/1.1\r\n\r\n")
            .Server("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
            .Close();

        var tx = Assert.Single(h.Transactions);
        Assert.Equal("/x", tx.Request!.Target);
        Assert.Equal(200, tx.Response!.StatusCode);
        Assert.Equal(0, h.Counters.RoleSwaps);
    }
}
