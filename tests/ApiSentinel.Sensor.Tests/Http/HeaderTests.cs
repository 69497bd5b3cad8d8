using ApiSentinel.Sensor.Http;

namespace ApiSentinel.Sensor.Tests.Http;

public class HeaderTests
{
    [Fact]
    public void Header_names_are_case_insensitive_and_values_trimmed()
    {
        var t = Http1Harness.RunBothWays(h => h
            .Client("GET / HTTP/1.1\r\nHOST:   api.example \t\r\ncontent-TYPE:text/plain\r\n\r\n")
            .Close());

        var req = Assert.Single(t).Request!;
        Assert.Equal("api.example", req.Header("host"));
        Assert.Equal("text/plain", req.Header("Content-Type"));
        Assert.Equal("HOST", req.Headers[0].Name);
    }

    [Fact]
    public void Obs_fold_is_appended_to_the_previous_value()
    {
        var t = Http1Harness.RunBothWays(h => h
            .Client("GET / HTTP/1.1\r\nX-Long: first\r\n   second\r\n\tthird\r\nHost: h\r\n\r\n")
            .Close());

        var req = Assert.Single(t).Request!;
        Assert.Equal("first second third", req.Header("x-long"));
        Assert.Equal("h", req.Header("host"));
        Assert.Equal(2, req.Headers.Count);
    }

    [Fact]
    public void Bare_lf_is_tolerated_and_flagged()
    {
        var h = new Http1Harness();
        h.Client("GET /lf HTTP/1.1\nHost: h\n\n")
            .Server("HTTP/1.1 200 OK\nContent-Length: 2\n\nok")
            .Close();

        var tx = Assert.Single(h.Transactions);
        Assert.Equal("/lf", tx.Request!.Target);
        Assert.Equal("h", tx.Request.Header("Host"));
        Assert.Equal("ok", tx.Response!.Body.InspectedText);
        Assert.True(tx.Has(HttpTransactionFlags.MalformedHeaders));
        Assert.Equal(2, h.Counters.MalformedHeaders);
    }

    [Fact]
    public void Invalid_header_lines_are_skipped_counted_and_flagged()
    {
        var h = new Http1Harness();
        h.Client("GET / HTTP/1.1\r\nno colon here\r\nBad Name: x\r\n: empty\r\nGood: yes\r\n\r\n").Close();

        var tx = Assert.Single(h.Transactions);
        Assert.Equal(("Good", "yes"), Assert.Single(tx.Request!.Headers));
        Assert.True(tx.Has(HttpTransactionFlags.MalformedHeaders));
        Assert.Equal(1, h.Counters.MalformedHeaders);
    }

    [Fact]
    public void Fold_with_nothing_before_it_is_malformed()
    {
        var h = new Http1Harness();
        h.Client("GET / HTTP/1.1\r\n  dangling\r\nA: b\r\n\r\n").Close();

        var tx = Assert.Single(h.Transactions);
        Assert.Equal(("A", "b"), Assert.Single(tx.Request!.Headers));
        Assert.True(tx.Has(HttpTransactionFlags.MalformedHeaders));
    }

    [Fact]
    public void Oversized_header_block_is_counted_and_the_stream_resynchronises()
    {
        var options = new Http1Options { MaxHeaderBytes = 256 };
        var big = "GET /big HTTP/1.1\r\n" + string.Concat(Enumerable.Repeat("X-Filler: 0123456789abcdef\r\n", 30)) + "\r\n";
        var t = Http1Harness.RunBothWays(h => h
            .Client(big + "GET /next HTTP/1.1\r\n\r\n")
            .Server("HTTP/1.1 431 Too Large\r\nContent-Length: 0\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
            .Close(), options);

        Assert.Equal(2, t.Count);
        Assert.Equal("/big", t[0].Request!.Target);
        Assert.True(t[0].Has(HttpTransactionFlags.Incomplete));
        Assert.Equal(431, t[0].Response!.StatusCode);
        Assert.Equal("/next", t[1].Request!.Target);
        Assert.True(t[1].Has(HttpTransactionFlags.Resynchronised));
        Assert.Equal(200, t[1].Response!.StatusCode);

        var counted = new Http1Harness(options);
        counted.Client(big).Close();
        Assert.Equal(1, counted.Counters.OversizedHeaders);
        Assert.True(counted.Counters.SkippedGarbageBytes > 0);
    }
}
