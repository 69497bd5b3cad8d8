using ApiSentinel.Sensor.Decode;
using ApiSentinel.Sensor.Http;
using ApiSentinel.Sensor.Reassembly;

namespace ApiSentinel.Sensor.Tests.Http;

public class AllocationTests
{
    /// <summary>Counts without copying: the sink itself must not allocate for the measurement to mean anything.</summary>
    private sealed class CountingSink : IHttpTransactionSink
    {
        private long _ticket;
        public long Completed;
        public long BodyBytes;

        public long OnTransactionStarted(long timestampMicros) => ++_ticket;

        public void OnTransactionCompleted(HttpTransaction transaction)
        {
            Completed++;
            BodyBytes += transaction.Response?.Body.Length ?? 0;
        }
    }

    [Fact]
    public void Steady_state_keep_alive_traffic_does_not_allocate_per_message()
    {
        var sink = new CountingSink();
        var connection = new ConnectionInfo(1, new NetEndpoint(NetAddress.Parse("192.0.2.1"), 1234), new NetEndpoint(NetAddress.Parse("192.0.2.2"), 80), 0, true);
        var handler = new Http1ConnectionHandler(connection, new Http1Options(), sink, new HttpCounters());
        var request = "POST /api/v1/items?page=2 HTTP/1.1\r\nHost: api.example\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n{\"name\":\"x\"}\n"u8.ToArray();
        var response = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n7\r\n{\"id\":1\r\n1\r\n}\r\n0\r\n\r\n"u8.ToArray();

        void Exchange(long ts)
        {
            handler.OnData(FlowDirection.ClientToServer, request, ts);
            handler.OnData(FlowDirection.ServerToClient, response.AsSpan(0, 40), ts);
            handler.OnData(FlowDirection.ServerToClient, response.AsSpan(40), ts);
        }

        for (var i = 0; i < 200; i++)
        {
            Exchange(i);
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 2000; i++)
        {
            Exchange(i);
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(2200, sink.Completed);
        Assert.Equal(2200 * 8, sink.BodyBytes);
        // A per-item allocation would be ≥ 48 KB here (one object per item); fixed costs such as tiered-JIT
        // recompilation during the loop stay far below that.
        Assert.True(allocated < 16_000, $"allocated {allocated} bytes for 2000 exchanges");
    }
}
