using ApiSentinel.Sensor.Http;

namespace ApiSentinel.Sensor.Tests.Http;

public class InterimAndProtocolSwitchTests
{
    [Fact]
    public void Expect_100_continue_interim_response_does_not_complete_the_exchange()
    {
        var h = new Http1Harness();
        h.Client("PUT /upload HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n")
            .Server("HTTP/1.1 100 Continue\r\n\r\n");
        Assert.Empty(h.Sink.Completed);
        h.Client("12345")
            .Server("HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n");
        Assert.Single(h.Sink.Completed);
        h.Close();

        var tx = Assert.Single(h.Transactions);
        Assert.Equal(201, tx.Response!.StatusCode);
        Assert.Equal(1, tx.InterimResponseCount);
        Assert.True(tx.Has(HttpTransactionFlags.InterimResponses));
        Assert.Equal(5, tx.Request!.Body.Length);
    }

    [Fact]
    public void Several_interim_responses_then_final()
    {
        var t = Http1Harness.RunBothWays(h => h
            .Client("GET / HTTP/1.1\r\n\r\n")
            .Server("HTTP/1.1 102 Processing\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </s.css>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx")
            .Close());

        var tx = Assert.Single(t);
        Assert.Equal(2, tx.InterimResponseCount);
        Assert.Equal(200, tx.Response!.StatusCode);
        Assert.Null(tx.Response.Header("Link"));
    }

    [Fact]
    public void Interim_response_without_final_leaves_response_null_at_close()
    {
        var h = new Http1Harness();
        h.Client("POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\nx").Server("HTTP/1.1 100 Continue\r\n\r\n").Close();

        var tx = Assert.Single(h.Transactions);
        Assert.Null(tx.Response);
        Assert.Equal(1, tx.InterimResponseCount);
        Assert.Equal(1, h.Counters.UnansweredRequests);
    }

    [Theory]
    [InlineData("websocket")]
    [InlineData("h2c")]
    public void Switching_protocols_stops_http1_parsing_on_both_directions(string protocol)
    {
        var h = new Http1Harness();
        h.Client($"GET /chat HTTP/1.1\r\nHost: h\r\nConnection: Upgrade\r\nUpgrade: {protocol}\r\n\r\n")
            .Server($"HTTP/1.1 101 Switching Protocols\r\nUpgrade: {protocol}\r\nConnection: Upgrade\r\n\r\n\x81\x05hello")
            .Client("\x81\x85\x00\x00\x00\x00hello GET /not-http HTTP/1.1\r\n\r\n")
            .Server("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
            .Close();

        var tx = Assert.Single(h.Transactions);
        Assert.Equal(101, tx.Response!.StatusCode);
        Assert.True(tx.Has(HttpTransactionFlags.ProtocolSwitch));
        Assert.Equal(1, h.Counters.ProtocolSwitches);
        Assert.Equal(0, h.Counters.SkippedGarbageBytes);
        Assert.Equal(0, h.Counters.UnmatchedResponses);
    }

    [Fact]
    public void Connect_2xx_is_a_protocol_switch()
    {
        var h = new Http1Harness();
        h.Client("CONNECT mail.example:25 HTTP/1.1\r\nHost: mail.example:25\r\n\r\n")
            .Server("HTTP/1.1 200 Connection established\r\n\r\n220 smtp ready\r\n")
            .Client("EHLO me\r\n")
            .Close();

        var tx = Assert.Single(h.Transactions);
        Assert.Equal("CONNECT", tx.Request!.Method);
        Assert.Equal("mail.example:25", tx.Request.Target);
        Assert.Equal(200, tx.Response!.StatusCode);
        Assert.True(tx.Has(HttpTransactionFlags.ProtocolSwitch));
        Assert.Equal(0, tx.Response.Body.Length);
    }

    [Fact]
    public void Connect_refused_keeps_parsing_http()
    {
        var t = Http1Harness.RunBothWays(h => h
            .Client("CONNECT a:443 HTTP/1.1\r\n\r\nGET / HTTP/1.1\r\n\r\n")
            .Server("HTTP/1.1 407 Proxy Auth\r\nContent-Length: 0\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
            .Close());

        Assert.Equal(2, t.Count);
        Assert.False(t[0].Has(HttpTransactionFlags.ProtocolSwitch));
        Assert.Equal(200, t[1].Response!.StatusCode);
    }
}
