using ApiSentinel.Sensor.Http;

namespace ApiSentinel.Sensor.Tests.Http;

public class ResynchronisationTests
{
    [Fact]
    public void Garbage_before_a_request_is_skipped_and_flagged()
    {
        var h = new Http1Harness();
        h.Client("\x16\x03\x01binary junk\r\nmore junk GET\r\nGET /real HTTP/1.1\r\n\r\n").Close();

        var tx = Assert.Single(h.Transactions);
        Assert.Equal("/real", tx.Request!.Target);
        Assert.True(tx.Has(HttpTransactionFlags.Resynchronised));
        Assert.Equal(1, h.Counters.Resynchronisations);
        Assert.Equal("\x16\x03\x01binary junk\r\nmore junk GET\r\n".Length, h.Counters.SkippedGarbageBytes);
    }

    [Fact]
    public void Resynchronisation_only_accepts_known_methods()
    {
        var h = new Http1Harness();
        h.Client("garbage\r\nFOO /not-a-request HTTP/1.1\r\n\r\nPOST /yes HTTP/1.1\r\n\r\n").Close();

        Assert.Equal("/yes", Assert.Single(h.Transactions).Request!.Target);
    }

    [Fact]
    public void Desynchronised_response_stream_like_corpus_desync_5()
    {
        // http__http-desync-request-response-5.pcap: the server sends three responses to one request, then
        // one each; Zeek logs the two extra ones without request.
        const string request = "GET / HTTP/1.1\r\nHost: localhost:8080\r\nAccept: */*\r\n\r\n";
        const string response = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 19\r\n\r\n<html>root\n</html>\n";
        var t = Http1Harness.RunBothWays(h =>
        {
            h.Client(request).Server("HTTP/1.1 200 OK\r\n").Server("Content-Type: text/html\r\n").Server("Content-Length: 19\r\n\r\n")
                .Server("<html>root\n</html>\n" + response + response);
            for (var i = 0; i < 4; i++)
            {
                h.Client(request).Server(response);
            }
            h.Close();
        });

        Assert.Equal(7, t.Count);
        Assert.Equal([true, false, false, true, true, true, true], t.Select(x => x.Request is not null));
        Assert.All(t, x => Assert.Equal(200, x.Response!.StatusCode));
        // Ticket order is start order: the fourth request started after the two unsolicited responses.
        Assert.Equal("localhost:8080", t[3].Request!.Header("host"));
    }

    [Fact]
    public void Garbage_in_the_response_stream_resynchronises_on_http_1()
    {
        var h = new Http1Harness();
        h.Client("GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\n\r\n")
            .Server("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nabEXTRA BYTES\r\nHTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
            .Close();

        var t = h.Transactions;
        Assert.Equal(404, t[1].Response!.StatusCode);
        Assert.True(t[1].Has(HttpTransactionFlags.Resynchronised));
        Assert.Equal(13, h.Counters.SkippedGarbageBytes);
    }

    [Fact]
    public void Status_less_response_to_a_versioned_request_is_garbage_like_curl_http_09()
    {
        // http__curl_http_09.pcap: an HTTP/1.1 request answered with bare HTML; Zeek logs no status.
        var h = new Http1Harness();
        h.Client("GET /zeek.html HTTP/1.1\r\nHost: localhost\r\n\r\n")
            .Server("<html>\n  The Zeek Network Security Monitor\n</html>\n")
            .Close();

        var tx = Assert.Single(h.Transactions);
        Assert.Equal("/zeek.html", tx.Request!.Target);
        Assert.Null(tx.Response);
        Assert.True(h.Counters.SkippedGarbageBytes > 0);
    }
}
