using ApiSentinel.Sensor.Http;

namespace ApiSentinel.Sensor.Tests.Http;

public class PipeliningTests
{
    [Fact]
    public void Pipelined_responses_pair_with_requests_in_order()
    {
        var t = Http1Harness.RunBothWays(h => h
            .Client("GET /1 HTTP/1.1\r\n\r\nGET /2 HTTP/1.1\r\n\r\nGET /3 HTTP/1.1\r\n\r\n")
            .Server("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\naHTTP/1.1 201 OK\r\nContent-Length: 1\r\n\r\nb")
            .Server("HTTP/1.1 202 OK\r\nContent-Length: 1\r\n\r\nc")
            .Close());

        Assert.Equal(["/1", "/2", "/3"], t.Select(x => x.Request!.Target));
        Assert.Equal([200, 201, 202], t.Select(x => x.Response!.StatusCode));
        Assert.Equal(["a", "b", "c"], t.Select(x => x.Response!.Body.InspectedText));
        Assert.Equal([1L, 2L, 3L], t.Select(x => x.Ticket));
    }

    [Fact]
    public void In_flight_overflow_completes_the_oldest_without_response()
    {
        var h = new Http1Harness(new Http1Options { MaxInFlightRequests = 2 });
        h.Client("GET /1 HTTP/1.1\r\n\r\nGET /2 HTTP/1.1\r\n\r\nGET /3 HTTP/1.1\r\n\r\n");
        var first = Assert.Single(h.Sink.Completed);
        Assert.Equal("/1", first.Request!.Target);
        Assert.Null(first.Response);
        Assert.True(first.Has(HttpTransactionFlags.PipelineOverflow));

        h.Server("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n").Close();
        var t = h.Transactions;
        Assert.Equal(3, t.Count);
        Assert.Equal(200, t[1].Response!.StatusCode);
        Assert.Null(t[2].Response);
        Assert.Equal(1, h.Counters.PipelineOverflows);
        Assert.Equal(1, h.Counters.UnansweredRequests);
    }

    [Fact]
    public void Response_without_request_is_unmatched()
    {
        var h = new Http1Harness();
        h.Client("GET / HTTP/1.1\r\n\r\n")
            .Server("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na")
            .Server("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nb")
            .Close();

        var t = h.Transactions;
        Assert.Equal(2, t.Count);
        Assert.Null(t[1].Request);
        Assert.Equal("b", t[1].Response!.Body.InspectedText);
        Assert.Equal(t[1].Response!.StartMicros, t[1].StartMicros);
        Assert.Equal(1, h.Counters.UnmatchedResponses);
        Assert.Equal(2, h.Counters.Transactions);
    }

    [Fact]
    public void Unanswered_requests_complete_at_close()
    {
        var h = new Http1Harness();
        h.Client("GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\n\r\n");
        Assert.Empty(h.Sink.Completed);
        h.Close();

        Assert.Equal(2, h.Transactions.Count);
        Assert.All(h.Transactions, x => Assert.Null(x.Response));
        Assert.Equal(2, h.Counters.UnansweredRequests);
    }

    [Fact]
    public void Early_response_waits_for_the_end_of_its_request()
    {
        var h = new Http1Harness();
        h.Client("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\n12345")
            .Server("HTTP/1.1 413 Too Large\r\nContent-Length: 0\r\n\r\n");
        Assert.Empty(h.Sink.Completed);
        h.Client("67890");
        var tx = Assert.Single(h.Sink.Completed);
        Assert.Equal(10, tx.Request!.Body.Length);
        Assert.Equal(413, tx.Response!.StatusCode);
        h.Close();
    }

    [Fact]
    public void Objects_are_reused_across_messages_without_leaking_state()
    {
        var h = new Http1Harness();
        for (var i = 0; i < 50; i++)
        {
            var extra = i % 2 == 0 ? "X-Even: yes\r\n" : "";
            h.Client($"POST /{i} HTTP/1.1\r\n{extra}Content-Length: 1\r\n\r\n{i % 10}")
                .Server($"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{i:00}");
        }
        h.Close();

        var t = h.Transactions;
        Assert.Equal(50, t.Count);
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal($"/{i}", t[i].Request!.Target);
            Assert.Equal(i % 2 == 0 ? 2 : 1, t[i].Request!.Headers.Count);
            Assert.Equal($"{i:00}", t[i].Response!.Body.InspectedText);
            Assert.Equal(HttpTransactionFlags.None, t[i].Flags);
        }
    }
}
