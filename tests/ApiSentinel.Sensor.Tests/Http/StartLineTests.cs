using ApiSentinel.Sensor.Http;

namespace ApiSentinel.Sensor.Tests.Http;

public class StartLineTests
{
    [Fact]
    public void Parses_request_line_and_status_line()
    {
        var t = Http1Harness.RunBothWays(h => h
            .Client("GET /users/42?x=1 HTTP/1.1\r\nHost: api.example\r\n\r\n")
            .Server("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi")
            .Close());

        var tx = Assert.Single(t);
        Assert.Equal("GET", tx.Request!.Method);
        Assert.Equal("/users/42?x=1", tx.Request.Target);
        Assert.Equal(HttpProtocolVersion.Http11, tx.Request.Version);
        Assert.Equal(200, tx.Response!.StatusCode);
        Assert.Equal(HttpProtocolVersion.Http11, tx.Response.Version);
        Assert.Equal("hi", tx.Response.Body.InspectedText);
        Assert.Equal(HttpTransactionFlags.None, tx.Flags);
    }

    [Fact]
    public void Status_line_without_reason_phrase_is_valid()
    {
        var t = Http1Harness.RunBothWays(h => h
            .Client("GET / HTTP/1.0\r\n\r\n")
            .Server("HTTP/1.0 404\r\nContent-Length: 0\r\n\r\n")
            .Close());

        var tx = Assert.Single(t);
        Assert.Equal(404, tx.Response!.StatusCode);
        Assert.Equal(HttpProtocolVersion.Http10, tx.Response.Version);
        Assert.False(tx.Has(HttpTransactionFlags.MalformedHeaders));
    }

    [Fact]
    public void Empty_target_is_kept_empty_like_corpus_no_uri()
    {
        // http__no-uri.pcap: "GET HTTP/1.1" — Zeek logs no URI, host bro.org, status 200.
        var t = Http1Harness.RunBothWays(h => h
            .Client("GET HTTP/1.1\r\nUser-Agent: Wget/1.14\r\nHost: bro.org\r\n\r\n")
            .Server("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc")
            .Close());

        var tx = Assert.Single(t);
        Assert.Equal("GET", tx.Request!.Method);
        Assert.Equal("", tx.Request.Target);
        Assert.Equal(HttpProtocolVersion.Http11, tx.Request.Version);
        Assert.Equal("bro.org", tx.Request.Header("host"));
        Assert.Equal(200, tx.Response!.StatusCode);
    }

    [Fact]
    public void Http09_simple_request_gets_status_less_response_until_close()
    {
        // http__no-version.pcap: "GET /cgi-bin/formmail.pl?...\r\n" answered by bare HTML; Zeek logs status 0.
        var t = Http1Harness.RunBothWays(h => h
            .Client("GET /cgi-bin/formmail.pl?msg=w00t\r\n")
            .Server("<HTML><HEAD><TITLE>404 Not Found</TITLE></HEAD>\n")
            .Server("<BODY>gone</BODY></HTML>\n")
            .EndOfStream(ApiSentinel.Sensor.Reassembly.FlowDirection.ServerToClient)
            .Close());

        var tx = Assert.Single(t);
        Assert.Equal("/cgi-bin/formmail.pl?msg=w00t", tx.Request!.Target);
        Assert.Equal(HttpProtocolVersion.Http09, tx.Request.Version);
        Assert.Empty(tx.Request.Headers);
        Assert.Equal(0, tx.Response!.StatusCode);
        Assert.Equal(HttpProtocolVersion.Http09, tx.Response.Version);
        Assert.Equal(73, tx.Response.Body.Length);
        Assert.True(tx.Response.Body.Complete);
        Assert.StartsWith("<HTML>", tx.Response.Body.InspectedText, StringComparison.Ordinal);
        Assert.Equal(HttpTransactionFlags.None, tx.Flags);
    }

    [Fact]
    public void Http09_request_answered_with_a_status_line_is_parsed_normally()
    {
        var t = Http1Harness.RunBothWays(h => h
            .Client("GET /x\r\n")
            .Server("HTTP/1.0 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
            .Close());

        Assert.Equal(400, Assert.Single(t).Response!.StatusCode);
    }

    [Fact]
    public void Versionless_non_get_request_has_unknown_version()
    {
        var t = Http1Harness.RunBothWays(h => h.Client("POST /form\r\n").Close());

        var tx = Assert.Single(t);
        Assert.Equal("POST", tx.Request!.Method);
        Assert.Equal("/form", tx.Request.Target);
        Assert.Equal(HttpProtocolVersion.Unknown, tx.Request.Version);
        Assert.Null(tx.Response);
    }

    [Fact]
    public void Garbled_version_is_unknown_but_headers_still_parse()
    {
        var t = Http1Harness.RunBothWays(h => h
            .Client("GET /a HTTX/1.1\r\nHost: h\r\n\r\n")
            .Server("HTTP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n")
            .Close());

        var tx = Assert.Single(t);
        Assert.Equal("/a", tx.Request!.Target);
        Assert.Equal(HttpProtocolVersion.Unknown, tx.Request.Version);
        Assert.Equal("h", tx.Request.Header("Host"));
        Assert.Equal(HttpProtocolVersion.Unknown, tx.Response!.Version);
        Assert.Equal(200, tx.Response.StatusCode);
    }

    [Fact]
    public void Status_line_without_three_digit_code_is_flagged_malformed()
    {
        var t = Http1Harness.RunBothWays(h => h
            .Client("GET / HTTP/1.1\r\n\r\n")
            .Server("HTTP/1.1 2x0 Odd\r\nContent-Length: 1\r\n\r\nZ")
            .Close());

        var tx = Assert.Single(t);
        Assert.Equal(0, tx.Response!.StatusCode);
        Assert.True(tx.Has(HttpTransactionFlags.MalformedHeaders));
        Assert.Equal(1, tx.Response.Body.Length);
    }

    [Fact]
    public void Extension_method_on_a_clean_stream_is_accepted()
    {
        var t = Http1Harness.RunBothWays(h => h
            .Client("FROBNICATE /thing HTTP/1.1\r\n\r\n")
            .Server("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
            .Close());

        Assert.Equal("FROBNICATE", Assert.Single(t).Request!.Method);
    }

    [Fact]
    public void Leading_empty_lines_before_a_request_are_not_garbage()
    {
        var h = new Http1Harness();
        h.Client("\r\n\r\nGET / HTTP/1.1\r\n\r\n").Close();

        Assert.Equal("GET", Assert.Single(h.Transactions).Request!.Method);
        Assert.Equal(0, h.Counters.SkippedGarbageBytes);
        Assert.False(h.Transactions[0].Has(HttpTransactionFlags.Resynchronised));
    }

    [Fact]
    public void Timing_and_header_bytes_come_from_the_data_callbacks()
    {
        var h = new Http1Harness();
        h.Client("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        var requestTs = h.Now;
        h.Server("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nab");
        var responseStart = h.Now;
        h.Server("cd");
        var responseEnd = h.Now;
        h.Close();

        var tx = Assert.Single(h.Transactions);
        Assert.Equal(requestTs, tx.Request!.StartMicros);
        Assert.Equal(requestTs, tx.Request.EndMicros);
        Assert.Equal(requestTs, tx.StartMicros);
        Assert.Equal(responseStart, tx.Response!.StartMicros);
        Assert.Equal(responseEnd, tx.Response.EndMicros);
        Assert.Equal("GET / HTTP/1.1\r\nHost: a\r\n\r\n".Length, tx.Request.HeaderBytes);
        Assert.Equal(new[] { requestTs }, h.Sink.StartTimestamps);
    }
}
