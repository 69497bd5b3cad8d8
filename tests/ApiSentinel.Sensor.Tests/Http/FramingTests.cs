using ApiSentinel.Sensor.Http;
using ApiSentinel.Sensor.Reassembly;

namespace ApiSentinel.Sensor.Tests.Http;

public class FramingTests
{
    [Fact]
    public void Content_length_bodies_in_both_directions()
    {
        var t = Http1Harness.RunBothWays(h => h
            .Client("POST /items HTTP/1.1\r\nContent-Length: 11\r\n\r\n{\"a\":12345}")
            .Server("HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n")
            .Close());

        var tx = Assert.Single(t);
        Assert.Equal(11, tx.Request!.Body.Length);
        Assert.Equal("{\"a\":12345}", tx.Request.Body.InspectedText);
        Assert.True(tx.Request.Body.Complete);
        Assert.Equal(0, tx.Response!.Body.Length);
    }

    [Fact]
    public void Duplicate_identical_content_lengths_are_fine()
    {
        var t = Http1Harness.RunBothWays(h => h
            .Client("POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabcGET /2 HTTP/1.1\r\n\r\n")
            .Client("POST /3 HTTP/1.1\r\nContent-Length: 2, 2\r\n\r\nxy")
            .Close());

        Assert.Equal(3, t.Count);
        Assert.Equal(3, t[0].Request!.Body.Length);
        Assert.Equal("/2", t[1].Request!.Target);
        Assert.Equal(2, t[2].Request!.Body.Length);
        Assert.All(t, x => Assert.False(x.Has(HttpTransactionFlags.AmbiguousFraming)));
    }

    [Fact]
    public void Conflicting_content_lengths_are_ambiguous_and_the_request_has_no_body()
    {
        var h = new Http1Harness();
        h.Client("POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 5\r\n\r\na=1\r\nGET /after HTTP/1.1\r\n\r\n").Close();

        var t = h.Transactions;
        Assert.Equal(2, t.Count);
        Assert.True(t[0].Has(HttpTransactionFlags.AmbiguousFraming));
        Assert.Equal(0, t[0].Request!.Body.Length);
        // The would-be body is resynchronised past as garbage; the next request is still found.
        Assert.Equal("/after", t[1].Request!.Target);
        Assert.True(t[1].Has(HttpTransactionFlags.Resynchronised));
        Assert.Equal(1, h.Counters.AmbiguousFraming);
        Assert.Equal(5, h.Counters.SkippedGarbageBytes);
    }

    [Fact]
    public void Conflicting_content_lengths_make_a_response_close_delimited()
    {
        var t = Http1Harness.RunBothWays(h => h
            .Client("GET / HTTP/1.1\r\n\r\n")
            .Server("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nabcdef")
            .EndOfStream(FlowDirection.ServerToClient)
            .Close());

        var tx = Assert.Single(t);
        Assert.True(tx.Has(HttpTransactionFlags.AmbiguousFraming));
        Assert.Equal(6, tx.Response!.Body.Length);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("99999999999999999999999")]
    [InlineData("")]
    [InlineData("1 2")]
    public void Invalid_content_length_request_has_no_body_and_is_flagged(string value)
    {
        var h = new Http1Harness();
        h.Client($"POST / HTTP/1.1\r\nContent-Length: {value}\r\n\r\nGET /next HTTP/1.1\r\n\r\n").Close();

        var t = h.Transactions;
        Assert.Equal(2, t.Count);
        Assert.Equal(0, t[0].Request!.Body.Length);
        Assert.True(t[0].Has(HttpTransactionFlags.MalformedHeaders));
        Assert.False(t[0].Has(HttpTransactionFlags.AmbiguousFraming));
        Assert.Equal("/next", t[1].Request!.Target);
    }

    [Fact]
    public void Invalid_content_length_response_is_close_delimited()
    {
        var t = Http1Harness.RunBothWays(h => h
            .Client("GET / HTTP/1.1\r\n\r\n")
            .Server("HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\nhello world")
            .EndOfStream(FlowDirection.ServerToClient)
            .Close());

        var tx = Assert.Single(t);
        Assert.Equal(11, tx.Response!.Body.Length);
        Assert.True(tx.Response.Body.Complete);
        Assert.True(tx.Has(HttpTransactionFlags.MalformedHeaders));
    }

    [Fact]
    public void Transfer_encoding_chunked_wins_over_content_length_and_is_ambiguous()
    {
        var h = new Http1Harness();
        h.Client("POST / HTTP/1.1\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\nGET /2 HTTP/1.1\r\n\r\n").Close();

        var t = h.Transactions;
        Assert.Equal(2, t.Count);
        Assert.True(t[0].Has(HttpTransactionFlags.AmbiguousFraming));
        Assert.Equal(5, t[0].Request!.Body.Length);
        Assert.Equal("hello", t[0].Request!.Body.InspectedText);
        Assert.Equal("/2", t[1].Request!.Target);
        Assert.Equal(1, h.Counters.AmbiguousFraming);
    }

    [Fact]
    public void Transfer_encoding_not_ending_in_chunked_makes_a_response_close_delimited()
    {
        var t = Http1Harness.RunBothWays(h => h
            .Client("GET / HTTP/1.1\r\n\r\n")
            .Server("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, identity\r\n\r\n5\r\nhello")
            .EndOfStream(FlowDirection.ServerToClient)
            .Close());

        Assert.Equal("5\r\nhello".Length, Assert.Single(t).Response!.Body.Length);
    }

    [Fact]
    public void Close_delimited_response_ends_at_end_of_stream()
    {
        var t = Http1Harness.RunBothWays(h => h
            .Client("GET / HTTP/1.0\r\n\r\n")
            .Server("HTTP/1.0 200 OK\r\n\r\nfirst part, ")
            .Server("second part")
            .EndOfStream(FlowDirection.ServerToClient)
            .Close());

        var tx = Assert.Single(t);
        Assert.Equal(23, tx.Response!.Body.Length);
        Assert.Equal("first part, second part", tx.Response.Body.InspectedText);
        Assert.True(tx.Response.Body.Complete);
        Assert.False(tx.Has(HttpTransactionFlags.Incomplete));
    }

    [Fact]
    public void Close_delimited_response_cut_by_a_reset_is_incomplete()
    {
        var h = new Http1Harness();
        h.Client("GET / HTTP/1.0\r\n\r\n").Server("HTTP/1.0 200 OK\r\n\r\npartial").Close(CloseReason.Reset);

        var tx = Assert.Single(h.Transactions);
        Assert.Equal(7, tx.Response!.Body.Length);
        Assert.False(tx.Response.Body.Complete);
        Assert.True(tx.Has(HttpTransactionFlags.Incomplete));
    }

    [Fact]
    public void Request_without_length_has_no_body()
    {
        var t = Http1Harness.RunBothWays(h => h
            .Client("POST /x HTTP/1.1\r\nHost: h\r\n\r\nGET /y HTTP/1.1\r\n\r\n")
            .Close());

        Assert.Equal(2, t.Count);
        Assert.Equal(0, t[0].Request!.Body.Length);
        Assert.Equal("/y", t[1].Request!.Target);
    }

    [Theory]
    [InlineData("HEAD", "200 OK")]
    [InlineData("GET", "204 No Content")]
    [InlineData("GET", "304 Not Modified")]
    public void Responses_that_never_have_a_body(string method, string status)
    {
        var t = Http1Harness.RunBothWays(h => h
            .Client($"{method} /a HTTP/1.1\r\n\r\n{method} /b HTTP/1.1\r\n\r\n")
            .Server($"HTTP/1.1 {status}\r\nContent-Length: 1234\r\n\r\nHTTP/1.1 {status}\r\nContent-Length: 99\r\n\r\n")
            .Close());

        Assert.Equal(2, t.Count);
        Assert.All(t, x =>
        {
            Assert.NotNull(x.Response);
            Assert.Equal(0, x.Response!.Body.Length);
            Assert.True(x.Response.Body.Complete);
        });
        Assert.Equal("/b", t[1].Request!.Target);
    }

    [Fact]
    public void Incomplete_content_length_body_at_close_is_incomplete()
    {
        var h = new Http1Harness();
        h.Client("POST / HTTP/1.1\r\nContent-Length: 100\r\n\r\nonly-some").Close();

        var tx = Assert.Single(h.Transactions);
        Assert.Equal(9, tx.Request!.Body.Length);
        Assert.False(tx.Request.Body.Complete);
        Assert.True(tx.Has(HttpTransactionFlags.Incomplete));
        Assert.Equal(1, h.Counters.UnansweredRequests);
    }
}
