using ApiSentinel.Sensor.Http;
using ApiSentinel.Sensor.Reassembly;

namespace ApiSentinel.Sensor.Tests.Http;

public class GapTests
{
    private const FlowDirection Up = FlowDirection.ClientToServer;
    private const FlowDirection Down = FlowDirection.ServerToClient;

    [Fact]
    public void Gap_inside_a_content_length_body_is_skipped_by_length()
    {
        var h = new Http1Harness();
        h.Client("GET / HTTP/1.1\r\n\r\nGET /2 HTTP/1.1\r\n\r\n")
            .Server("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc")
            .Gap(Down, 4)
            .Server("hij")
            .Server("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
            .Close();

        var t = h.Transactions;
        Assert.Equal(2, t.Count);
        var body = t[0].Response!.Body;
        Assert.Equal(10, body.Length);
        Assert.Equal(4, body.MissingBytes);
        Assert.True(body.Complete);
        Assert.True(body.InspectionTruncated);
        Assert.Equal("abc", body.InspectedText);
        Assert.True(t[0].Has(HttpTransactionFlags.Gap));
        Assert.False(t[1].Has(HttpTransactionFlags.Gap));
        Assert.Equal(200, t[1].Response!.StatusCode);
        Assert.Equal(1, h.Counters.BodyGaps);
        Assert.Equal(0, h.Counters.HeaderGaps);
    }

    [Fact]
    public void Gap_inside_a_chunk_with_known_remaining_is_skipped()
    {
        var h = new Http1Harness();
        h.Client("GET / HTTP/1.1\r\n\r\n")
            .Server("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n8\r\nab")
            .Gap(Down, 3)
            .Server("fgh\r\n0\r\n\r\n")
            .Close();

        var tx = Assert.Single(h.Transactions);
        Assert.Equal(8, tx.Response!.Body.Length);
        Assert.Equal(3, tx.Response.Body.MissingBytes);
        Assert.True(tx.Response.Body.Complete);
        Assert.Equal(1, h.Counters.BodyGaps);
    }

    [Fact]
    public void Gap_in_a_header_block_stops_the_direction_until_the_next_start_line()
    {
        var h = new Http1Harness();
        h.Client("GET /first HTTP/1.1\r\nHost: a\r\nX-")
            .Gap(Up, 100)
            .Client("rest of lost header\r\n\r\nGET /second HTTP/1.1\r\n\r\n")
            .Server("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
            .Close();

        var t = h.Transactions;
        Assert.Equal(2, t.Count);
        Assert.Equal("/first", t[0].Request!.Target);
        Assert.Equal("a", t[0].Request!.Header("host"));
        Assert.True(t[0].Has(HttpTransactionFlags.Gap | HttpTransactionFlags.Incomplete));
        Assert.Equal("/second", t[1].Request!.Target);
        Assert.True(t[1].Has(HttpTransactionFlags.Resynchronised));
        Assert.Equal(1, h.Counters.HeaderGaps);
    }

    [Fact]
    public void Gap_in_a_chunked_body_beyond_the_chunk_stops_the_message()
    {
        var h = new Http1Harness();
        h.Client("GET / HTTP/1.1\r\n\r\nGET /2 HTTP/1.1\r\n\r\n")
            .Server("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nab")
            .Gap(Down, 50)
            .Server("zz\r\n0\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n")
            .Close();

        var t = h.Transactions;
        Assert.True(t[0].Has(HttpTransactionFlags.Gap | HttpTransactionFlags.Incomplete));
        Assert.False(t[0].Response!.Body.Complete);
        Assert.Equal(204, t[1].Response!.StatusCode);
        Assert.Equal(1, h.Counters.HeaderGaps);
    }

    [Fact]
    public void Gap_in_a_close_delimited_body_is_counted_as_missing_bytes()
    {
        var h = new Http1Harness();
        h.Client("GET / HTTP/1.0\r\n\r\n")
            .Server("HTTP/1.0 200 OK\r\n\r\nabc")
            .Gap(Down, 1000)
            .Server("xyz")
            .EndOfStream(Down)
            .Close();

        var body = Assert.Single(h.Transactions).Response!.Body;
        Assert.Equal(1006, body.Length);
        Assert.Equal(1000, body.MissingBytes);
        Assert.True(body.Complete);
    }

    [Fact]
    public void Gap_running_past_the_end_of_a_body_loses_the_next_start_line()
    {
        var h = new Http1Harness();
        h.Client("POST /a HTTP/1.1\r\nContent-Length: 5\r\n\r\nab")
            .Gap(Up, 20)
            .Client("ost: x\r\n\r\nGET /c HTTP/1.1\r\n\r\n")
            .Close();

        var t = h.Transactions;
        Assert.Equal(2, t.Count);
        Assert.Equal(5, t[0].Request!.Body.Length);
        Assert.Equal(3, t[0].Request!.Body.MissingBytes);
        Assert.Equal("/c", t[1].Request!.Target);
        Assert.Equal(1, h.Counters.HeaderGaps);
        Assert.Equal(1, h.Counters.BodyGaps);
    }
}
