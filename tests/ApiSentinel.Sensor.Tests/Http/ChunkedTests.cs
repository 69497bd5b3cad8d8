using ApiSentinel.Sensor.Http;
using ApiSentinel.Sensor.Reassembly;

namespace ApiSentinel.Sensor.Tests.Http;

public class ChunkedTests
{
    [Fact]
    public void Chunk_extensions_and_trailers_are_skipped()
    {
        var t = Http1Harness.RunBothWays(h => h
            .Client("GET / HTTP/1.1\r\n\r\n")
            .Server("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4;name=value\r\nWiki\r\n"
                + "5 ; ext\r\npedia\r\n"
                + "E;a=\"quoted;x\"\r\n in\r\n\r\nchunks.\r\n"
                + "0;last\r\nX-Checksum: abc\r\nX-Other: 1\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
            .Close());

        Assert.Equal(2, t.Count);
        var body = t[0].Response!.Body;
        Assert.Equal(23, body.Length);
        Assert.Equal("Wikipedia in\r\n\r\nchunks.", body.InspectedText);
        Assert.True(body.Complete);
        Assert.Null(t[1].Request);
    }

    [Fact]
    public void Upper_case_hex_and_leading_zeros()
    {
        var t = Http1Harness.RunBothWays(h => h
            .Client("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n000A\r\n0123456789\r\n00\r\n\r\n")
            .Close());

        Assert.Equal(10, Assert.Single(t).Request!.Body.Length);
    }

    [Fact]
    public void Overflowing_chunk_size_stops_the_body_and_resynchronises()
    {
        var h = new Http1Harness();
        h.Client("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\nFFFFFFFFFFFFFFFFFFFF\r\nxyz\r\nGET /next HTTP/1.1\r\n\r\n").Close();

        var t = h.Transactions;
        Assert.Equal(2, t.Count);
        Assert.Equal(3, t[0].Request!.Body.Length);
        Assert.False(t[0].Request!.Body.Complete);
        Assert.True(t[0].Has(HttpTransactionFlags.Incomplete));
        Assert.Equal("/next", t[1].Request!.Target);
        Assert.True(t[1].Has(HttpTransactionFlags.Resynchronised));
        Assert.Equal(1, h.Counters.ChunkedFramingErrors);
        Assert.Equal(1, h.Counters.Resynchronisations);
    }

    [Fact]
    public void Garbage_size_line_is_a_framing_error()
    {
        var h = new Http1Harness();
        h.Client("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n").Close();

        var tx = Assert.Single(h.Transactions);
        Assert.True(tx.Has(HttpTransactionFlags.Incomplete));
        Assert.Equal(1, h.Counters.ChunkedFramingErrors);
    }

    [Fact]
    public void Missing_crlf_after_chunk_data_is_tolerated_when_a_size_follows()
    {
        var t = Http1Harness.RunBothWays(h => h
            .Client("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc2\r\nde\r\n0\r\n\r\nGET /2 HTTP/1.1\r\n\r\n")
            .Close());

        Assert.Equal(2, t.Count);
        Assert.Equal("abcde", t[0].Request!.Body.InspectedText);
        Assert.True(t[0].Request!.Body.Complete);
    }

    [Fact]
    public void Bare_lf_chunk_lines_are_tolerated()
    {
        var t = Http1Harness.RunBothWays(h => h
            .Client("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\nabc\n0\n\n")
            .Close());

        Assert.Equal("abc", Assert.Single(t).Request!.Body.InspectedText);
        Assert.True(t[0].Request!.Body.Complete);
    }

    [Fact]
    public void Last_chunk_without_final_crlf_then_close_is_complete()
    {
        var h = new Http1Harness();
        h.Client("GET / HTTP/1.1\r\n\r\n")
            .Server("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n")
            .EndOfStream(FlowDirection.ServerToClient)
            .Close();

        var tx = Assert.Single(h.Transactions);
        Assert.True(tx.Response!.Body.Complete);
        Assert.False(tx.Has(HttpTransactionFlags.Incomplete));
    }

    [Fact]
    public void Chunked_is_case_insensitive_and_only_as_final_coding()
    {
        var t = Http1Harness.RunBothWays(h => h
            .Client("POST / HTTP/1.1\r\nTransfer-Encoding: gzip, CHUNKED\r\n\r\n1\r\nz\r\n0\r\n\r\n")
            .Close());

        Assert.Equal(1, Assert.Single(t).Request!.Body.Length);
    }
}
