using System.Buffers;
using System.IO.Compression;
using System.Text;
using ApiSentinel.Sensor.Decode;
using ApiSentinel.Sensor.Http;
using ApiSentinel.Sensor.Reassembly;

namespace ApiSentinel.Sensor.Tests.Http;

/// <summary>
/// Item 15 of issue 6: body-inspection memory is one pool for all connections and pipelined messages, and what
/// unanswered requests hold is bounded too. Exhaustion inspects less and is counted; nothing is dropped.
/// </summary>
public class InspectionBudgetTests
{
    private const int Window = 64 * 1024;

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(data);
        }
        return output.ToArray();
    }

    /// <summary>A POST whose small gzip body inflates to a full inspection window.</summary>
    private static byte[] InflatingPost()
    {
        var body = Gzip(Encoding.ASCII.GetBytes("{\"v\":\"" + new string('a', Window) + "\"}"));
        return [.. Encoding.ASCII.GetBytes($"POST /upload HTTP/1.1\r\nHost: api.example\r\nContent-Encoding: gzip\r\nContent-Length: {body.Length}\r\n\r\n"), .. body];
    }

    private sealed class Flood
    {
        public Flood(Http1Options options) => Factory = new Http1ConnectionHandlerFactory(options, Sink, Counters);

        public RecordingSink Sink { get; } = new();
        public HttpCounters Counters { get; } = new();
        public Http1ConnectionHandlerFactory Factory { get; }
        public long MaxInspectionHeld { get; private set; }
        public long MaxPendingHeld { get; private set; }

        public List<ITcpStreamHandler> Open(int connections)
        {
            var handlers = new List<ITcpStreamHandler>();
            for (var c = 0; c < connections; c++)
            {
                var client = new NetEndpoint(NetAddress.Parse($"192.0.2.{1 + c % 200}"), (ushort)(30000 + c));
                var server = new NetEndpoint(NetAddress.Parse("198.51.100.20"), 80);
                handlers.Add(Factory.Create(new ConnectionInfo(c + 1, client, server, 1, handshakeSeen: true)));
            }
            return handlers;
        }

        public void Send(ITcpStreamHandler handler, FlowDirection direction, byte[] data)
        {
            handler.OnData(direction, data, 2);
            MaxInspectionHeld = Math.Max(MaxInspectionHeld, Factory.Inspection.HeldBytes);
            MaxPendingHeld = Math.Max(MaxPendingHeld, Factory.Pending.HeldBytes);
        }
    }

    [Fact]
    public void Pipelined_unanswered_requests_share_one_bounded_pool_and_exhaustion_is_counted_not_dropped()
    {
        var options = new Http1Options { InspectionBudgetBytes = 4 * Window, MaxPendingRequestBytes = long.MaxValue };
        var flood = new Flood(options);
        var handlers = flood.Open(10);
        var post = InflatingPost();
        for (var r = 0; r < 5; r++)
        {
            foreach (var handler in handlers)
            {
                flood.Send(handler, FlowDirection.ClientToServer, post);
            }
        }
        Assert.InRange(flood.Factory.Inspection.PeakHeldBytes, 1, options.InspectionBudgetBytes);
        foreach (var handler in handlers)
        {
            handler.OnClose(CloseReason.Fin, 3);
        }

        var all = flood.Sink.Completed;
        Assert.Equal(50, all.Count); // none dropped
        var full = all.Count(t => t.Request!.Body.Inspected.Length == Window);
        Assert.InRange(full, 1, 4);
        Assert.True(flood.Counters.InspectionBudgetExhausted >= 50 - 4, $"{flood.Counters.InspectionBudgetExhausted} counted");
        Assert.All(all.Where(t => t.Request!.Body.Inspected.Length < Window), t => Assert.True(t.Request!.Body.InspectionTruncated));
        Assert.Equal(0, flood.Factory.Inspection.HeldBytes); // everything went back
        Assert.Equal(0, flood.Factory.Pending.HeldBytes);
    }

    [Fact]
    public void Answered_exchanges_give_their_window_back_so_a_pool_of_one_window_serves_every_message()
    {
        var options = new Http1Options { InspectionBudgetBytes = 2 * Window + 2 * 4096 };
        var flood = new Flood(options);
        var handler = flood.Open(1)[0];
        var json = "{\"v\":\"" + new string('b', Window) + "\"}";
        for (var i = 0; i < 20; i++)
        {
            flood.Send(handler, FlowDirection.ClientToServer, Encoding.ASCII.GetBytes("GET /a HTTP/1.1\r\n\r\n"));
            flood.Send(handler, FlowDirection.ServerToClient, Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Length: {json.Length}\r\n\r\n{json}"));
        }
        handler.OnClose(CloseReason.Fin, 3);

        Assert.Equal(20, flood.Sink.Completed.Count);
        Assert.All(flood.Sink.Completed, t => Assert.Equal(Window, t.Response!.Body.Inspected.Length));
        Assert.Equal(0, flood.Counters.InspectionBudgetExhausted);
        Assert.Equal(0, flood.Factory.Inspection.HeldBytes);
    }

    [Fact]
    public void Requests_awaiting_responses_are_bounded_across_connections_and_given_up_oldest_first()
    {
        var options = new Http1Options { MaxPendingRequestBytes = 256 * 1024 };
        var flood = new Flood(options);
        var handlers = flood.Open(50);
        var post = InflatingPost();
        for (var r = 0; r < 20; r++)
        {
            foreach (var handler in handlers)
            {
                flood.Send(handler, FlowDirection.ClientToServer, post);
            }
        }
        // Over by at most the request that was just added.
        Assert.InRange(flood.MaxPendingHeld, 1, options.MaxPendingRequestBytes + Window * 2 + PendingRequestBudget.ExchangeOverheadBytes);
        Assert.True(flood.Counters.PendingBudgetOverflows > 0);
        foreach (var handler in handlers)
        {
            handler.OnClose(CloseReason.Fin, 3);
        }
        Assert.Equal(1000, flood.Sink.Completed.Count); // given up early, never dropped
        Assert.Equal(flood.Counters.PendingBudgetOverflows, flood.Sink.Completed.Count(t => t.Has(HttpTransactionFlags.PipelineOverflow)));
        Assert.Equal(0, flood.Factory.Pending.HeldBytes);
        Assert.Empty(flood.Sink.Violations);
    }

    [Fact]
    public void A_delivered_window_is_wiped_before_it_goes_back_to_the_pool()
    {
        var flood = new Flood(new Http1Options());
        var handler = flood.Open(1)[0];
        // A marker no other test writes: the shared pool holds other tests' bytes too, so only this exact run counts.
        var marker = string.Concat(Enumerable.Range(0, 94).Select(_ => Guid.NewGuid().ToString("N")))[..3000];
        flood.Send(handler, FlowDirection.ClientToServer, Encoding.ASCII.GetBytes($"POST /a HTTP/1.1\r\nContent-Length: {marker.Length}\r\n\r\n{marker}"));
        flood.Send(handler, FlowDirection.ServerToClient, Encoding.ASCII.GetBytes("HTTP/1.1 204 No Content\r\n\r\n"));
        Assert.Single(flood.Sink.Completed);

        // The shared pool hands the most recently returned array of a size back first (same thread).
        var next = ArrayPool<byte>.Shared.Rent(3000);
        try
        {
            Assert.True(next.AsSpan().IndexOf(Encoding.ASCII.GetBytes(marker[..32])) < 0, "the delivered body is still in the pooled array");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(next);
        }
    }
}
