using System.IO.Compression;
using System.Reflection;
using System.Text;
using ApiSentinel.Sensor.Decode;
using ApiSentinel.Sensor.Http;
using ApiSentinel.Sensor.Reassembly;

namespace ApiSentinel.Sensor.Tests.Http;

/// <summary>The factory recycles closed handlers: a reused one must behave, and hold bytes, exactly like a new one.</summary>
public class HandlerReuseTests
{
    private const string Secret = "S3CRET-7f1c9a";

    private static readonly NetEndpoint ClientA = new(NetAddress.Parse("192.0.2.10"), 40000);
    private static readonly NetEndpoint ServerA = new(NetAddress.Parse("198.51.100.20"), 80);
    private static readonly NetEndpoint ClientB = new(NetAddress.Parse("192.0.2.11"), 40001);
    private static readonly NetEndpoint ServerB = new(NetAddress.Parse("198.51.100.21"), 8080);

    /// <summary>Records what the harness records, plus the connection each transaction names.</summary>
    private sealed class ConnectionRecordingSink : IHttpTransactionSink
    {
        public RecordingSink Inner { get; } = new();

        public List<ConnectionInfo> Connections { get; } = [];

        public long OnTransactionStarted(long timestampMicros) => Inner.OnTransactionStarted(timestampMicros);

        public void OnTransactionCompleted(HttpTransaction transaction)
        {
            Connections.Add(transaction.Connection);
            Inner.OnTransactionCompleted(transaction);
        }
    }

    private static byte[] Gzip(string text)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Encoding.ASCII.GetBytes(text));
        }
        return output.ToArray();
    }

    /// <summary>A conversation that puts the secret everywhere the handler keeps bytes, and leaves it mid-message.</summary>
    private static void DirtyConversation(ITcpStreamHandler handler)
    {
        var gz = Gzip($"{{\"token\":\"{Secret}\"}}");
        handler.OnData(FlowDirection.ClientToServer, Encoding.ASCII.GetBytes(
            $"POST /items?key={Secret} HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer {Secret}\r\nContent-Length: 20\r\n\r\n{{\"p\":\"{Secret}\"}}  "), 1);
        handler.OnData(FlowDirection.ServerToClient, [
            .. Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nSet-Cookie: id={Secret}\r\nContent-Encoding: gzip\r\nContent-Length: {gz.Length}\r\n\r\n"), .. gz], 2);
        // A chunked body cut mid-chunk, and a request head cut mid-line: both still held at close.
        handler.OnData(FlowDirection.ClientToServer, Encoding.ASCII.GetBytes($"GET /next HTTP/1.1\r\nX-Api-Key: {Secret}"), 3);
        handler.OnData(FlowDirection.ServerToClient, Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n40\r\n{Secret}"), 4);
        handler.OnClose(CloseReason.Reset, 5);
    }

    private static void CleanConversation(ITcpStreamHandler handler)
    {
        handler.OnData(FlowDirection.ClientToServer, "GET /b HTTP/1.1\r\nHost: b\r\n\r\n"u8, 10);
        handler.OnData(FlowDirection.ServerToClient, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"u8, 11);
        handler.OnData(FlowDirection.ClientToServer, "POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"u8, 12);
        handler.OnData(FlowDirection.ServerToClient, "HTTP/1.1 204 No Content\r\n\r\n"u8, 13);
        handler.OnClose(CloseReason.Fin, 14);
    }

    [Fact]
    public void A_closed_handler_serves_the_next_connection()
    {
        var sink = new ConnectionRecordingSink();
        var factory = new Http1ConnectionHandlerFactory(new Http1Options(), sink, new HttpCounters());
        var first = factory.Create(new ConnectionInfo(1, ClientA, ServerA, 0, true));
        CleanConversation(first);
        Assert.Equal(1, factory.PooledHandlers);

        var secondConnection = new ConnectionInfo(2, ClientB, ServerB, 0, true);
        var second = factory.Create(secondConnection);
        Assert.Same(first, second);
        Assert.Equal(0, factory.PooledHandlers);
        CleanConversation(second);

        Assert.Equal(4, sink.Connections.Count);
        Assert.All(sink.Connections.Skip(2), c => Assert.Same(secondConnection, c));
        Assert.All(sink.Inner.Completed.Skip(2), t => Assert.Equal(ClientB, t.Client));
        Assert.Empty(sink.Inner.Violations);
        Assert.Equal(0, sink.Inner.OpenTickets);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_reused_handler_parses_like_a_new_one(bool handshakeSeen)
    {
        // Reference: a brand-new handler.
        var freshSink = new RecordingSink();
        var fresh = new Http1ConnectionHandlerFactory(new Http1Options(), freshSink, new HttpCounters());
        CleanConversation(fresh.Create(new ConnectionInfo(2, ClientB, ServerB, 0, handshakeSeen)));

        // Reused: the previous connection ended mid-message, with roles swapped and garbage skipped.
        var reusedSink = new RecordingSink();
        var factory = new Http1ConnectionHandlerFactory(new Http1Options(), reusedSink, new HttpCounters());
        var dirty = factory.Create(new ConnectionInfo(1, ClientA, ServerA, 0, handshakeSeen: false));
        dirty.OnData(FlowDirection.ServerToClient, "GET /swapped HTTP/1.1\r\nHost: a\r\n\r\n"u8, 1);
        dirty.OnData(FlowDirection.ClientToServer, "garbage\r\nHTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial"u8, 2);
        dirty.OnData(FlowDirection.ServerToClient, "POST /x HTTP/1.1\r\nContent-Le"u8, 3);
        dirty.OnClose(CloseReason.Reset, 4);
        var countBefore = reusedSink.Completed.Count;
        var reused = factory.Create(new ConnectionInfo(2, ClientB, ServerB, 0, handshakeSeen));
        Assert.Same(dirty, reused);
        CleanConversation(reused);

        var again = reusedSink.InTicketOrder.Where(t => t.Ticket > countBefore).ToList();
        Assert.Equal(Http1Harness.Describe(freshSink.InTicketOrder), Http1Harness.Describe(again));
        Assert.False(((Http1ConnectionHandler)reused).RolesSwapped);
    }

    [Fact]
    public void A_pooled_handler_holds_no_byte_of_its_previous_connection()
    {
        var marker = Encoding.ASCII.GetBytes(Secret);

        // The search must be able to find the secret, or its "not found" below would prove nothing.
        var unpooled = new Http1ConnectionHandler(new ConnectionInfo(1, ClientA, ServerA, 0, true), new Http1Options(), new RecordingSink(), new HttpCounters());
        DirtyConversation(unpooled);
        Assert.True(ReachableBytesContain(unpooled, marker));

        var factory = new Http1ConnectionHandlerFactory(new Http1Options(), new RecordingSink(), new HttpCounters());
        var pooled = factory.Create(new ConnectionInfo(1, ClientA, ServerA, 0, true));
        DirtyConversation(pooled);
        Assert.Equal(1, factory.PooledHandlers);
        Assert.False(ReachableBytesContain(pooled, marker));
    }

    [Fact]
    public void The_pool_is_bounded()
    {
        var factory = new Http1ConnectionHandlerFactory(new Http1Options(), new RecordingSink(), new HttpCounters());
        var open = Enumerable.Range(0, Http1ConnectionHandlerPool.MaxPooledHandlers + 10)
            .Select(i => factory.Create(new ConnectionInfo(i, ClientA, ServerA, 0, true)))
            .ToList();
        foreach (var handler in open)
        {
            handler.OnClose(CloseReason.Fin, 1);
        }
        Assert.Equal(Http1ConnectionHandlerPool.MaxPooledHandlers, factory.PooledHandlers);
    }

    [Fact]
    public void Connection_churn_does_not_allocate_per_connection_in_steady_state()
    {
        var sink = new RecordingSinkWithoutCopies();
        var factory = new Http1ConnectionHandlerFactory(new Http1Options(), sink, new HttpCounters());
        var connections = Enumerable.Range(0, 2200).Select(i => new ConnectionInfo(i, ClientA, ServerA, 0, true)).ToArray();
        for (var i = 0; i < 200; i++)
        {
            CleanConversation(factory.Create(connections[i]));
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 200; i < connections.Length; i++)
        {
            CleanConversation(factory.Create(connections[i]));
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(2200 * 2, sink.Completed);
        // A per-item allocation would be ≥ 48 KB here (one object per item); fixed costs such as tiered-JIT
        // recompilation during the loop stay far below that.
        Assert.True(allocated < 16_000, $"allocated {allocated} bytes for 2000 connections");
    }

    [Fact]
    public void With_no_inspection_window_encoded_bodies_are_neither_kept_nor_decoded()
    {
        var counters = new HttpCounters();
        var h = new Http1Harness(new Http1Options { BodyInspectionLimit = 0 });
        var corrupt = Encoding.ASCII.GetBytes("this is not gzip at all");
        h.Client("GET / HTTP/1.1\r\n\r\n")
            .Server([.. Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: {corrupt.Length}\r\n\r\n"), .. corrupt])
            .Close();
        var body = Assert.Single(h.Transactions).Response!.Body;
        Assert.Empty(body.Inspected);
        Assert.True(body.InspectionTruncated);
        Assert.True(body.Complete);
        Assert.Equal(corrupt.Length, body.Length);
        Assert.Equal("gzip", body.ContentEncoding);
        Assert.Equal(0, h.Counters.DecodeErrors);
        Assert.Equal(0, counters.DecodeErrors);
    }

    private sealed class RecordingSinkWithoutCopies : IHttpTransactionSink
    {
        private long _ticket;
        public long Completed;

        public long OnTransactionStarted(long timestampMicros) => ++_ticket;

        public void OnTransactionCompleted(HttpTransaction transaction) => Completed++;
    }

    /// <summary>
    /// Walks every object reachable from <paramref name="root"/> through fields and looks into each byte array.
    /// The sink is not walked: the test's sink keeps copies of what it was given, on purpose.
    /// </summary>
    private static bool ReachableBytesContain(object root, byte[] marker)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<object>();
        pending.Push(root);
        while (pending.TryPop(out var current))
        {
            if (!seen.Add(current) || current is string or Type or Delegate or Pointer or IHttpTransactionSink)
            {
                continue;
            }
            if (current is byte[] bytes)
            {
                if (bytes.AsSpan().IndexOf(marker) >= 0)
                {
                    return true;
                }
                continue;
            }
            if (current is Array array)
            {
                foreach (var element in array)
                {
                    if (element is not null && !element.GetType().IsPrimitive)
                    {
                        pending.Push(element);
                    }
                }
                continue;
            }
            for (var type = current.GetType(); type is not null; type = type.BaseType)
            {
                foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (!field.FieldType.IsPrimitive && !field.FieldType.IsPointer && field.GetValue(current) is { } value)
                    {
                        pending.Push(value);
                    }
                }
            }
        }
        return false;
    }
}
