using System.Text;
using ApiSentinel.Sensor.Decode;
using ApiSentinel.Sensor.Http;
using ApiSentinel.Sensor.Reassembly;

namespace ApiSentinel.Sensor.Tests.Http;

/// <summary>
/// The shared bound on requests awaiting their response gives up the globally oldest pending request, so stale
/// requests parked on many idle connections cannot make every later legitimate request lose its response.
/// </summary>
public sealed class PendingBudgetTests
{
    private sealed class Pipeline
    {
        public Pipeline(long maxPendingBytes) =>
            Factory = new Http1ConnectionHandlerFactory(new Http1Options { MaxPendingRequestBytes = maxPendingBytes }, Sink, Counters);

        public RecordingSink Sink { get; } = new();
        public HttpCounters Counters { get; } = new();
        public Http1ConnectionHandlerFactory Factory { get; }
        private int _connections;

        public ITcpStreamHandler Open()
        {
            var c = ++_connections;
            var client = new NetEndpoint(NetAddress.Parse($"192.0.2.{1 + c % 200}"), (ushort)(20000 + c));
            var server = new NetEndpoint(NetAddress.Parse("198.51.100.20"), 80);
            return Factory.Create(new ConnectionInfo(c, client, server, 1, handshakeSeen: true));
        }

        public void Send(ITcpStreamHandler handler, FlowDirection direction, string text, long micros) =>
            handler.OnData(direction, Encoding.ASCII.GetBytes(text), micros);
    }

    private static string Get(string path) => $"GET {path} HTTP/1.1\r\nHost: api.example\r\n\r\n";

    private const string Ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}";

    [Theory]
    [InlineData(50, 1)]     // many idle connections, one stale request each
    [InlineData(500, 1)]
    [InlineData(40, 5)]     // fewer connections, several pipelined stale requests each
    public void Stale_requests_on_many_connections_cannot_unpair_a_legitimate_exchange(int attackers, int staleEach)
    {
        // Room for about eight pending requests: the attack overfills it many times over.
        var pipeline = new Pipeline(8L * PendingRequestBudget.ExchangeOverheadBytes + 1024);
        var stale = new List<ITcpStreamHandler>();
        long micros = 1;
        for (var a = 0; a < attackers; a++)
        {
            var handler = pipeline.Open();
            stale.Add(handler);
            for (var s = 0; s < staleEach; s++)
            {
                pipeline.Send(handler, FlowDirection.ClientToServer, Get($"/probe/{a}/{s}"), micros++);
            }
        }
        var givenUpDuringAttack = pipeline.Counters.PendingBudgetOverflows;
        Assert.True(givenUpDuringAttack > 0);
        Assert.True(pipeline.Factory.Pending.HeldBytes <= pipeline.Factory.Pending.MaxBytes);

        // A legitimate client, then: each of its requests is answered and must pair with its answer.
        var legitimate = pipeline.Open();
        for (var i = 0; i < 10; i++)
        {
            pipeline.Send(legitimate, FlowDirection.ClientToServer, Get($"/api/users/{i}"), micros++);
            pipeline.Send(legitimate, FlowDirection.ServerToClient, Ok, micros++);
        }
        var paired = pipeline.Sink.Completed.Where(t => t.Client.Port == 20000 + attackers + 1).ToList();
        Assert.Equal(10, paired.Count);
        Assert.All(paired, t =>
        {
            Assert.NotNull(t.Response);
            Assert.False(t.Has(HttpTransactionFlags.PipelineOverflow));
        });

        // What was given up was the attackers' oldest requests, each delivered once, flagged and counted.
        foreach (var handler in stale)
        {
            handler.OnClose(CloseReason.Fin, micros);
        }
        legitimate.OnClose(CloseReason.Fin, micros);
        var flagged = pipeline.Sink.Completed.Where(t => t.Has(HttpTransactionFlags.PipelineOverflow)).ToList();
        Assert.Equal(pipeline.Counters.PendingBudgetOverflows, flagged.Count);
        Assert.All(flagged, t => Assert.Null(t.Response));
        Assert.Equal(attackers * staleEach + 10, pipeline.Sink.Completed.Count);
        Assert.Equal(flagged.OrderBy(t => t.StartMicros).Select(t => t.Ticket), flagged.Select(t => t.Ticket)); // oldest first
        Assert.Equal(0, pipeline.Factory.Pending.HeldBytes);
        Assert.Equal(0, pipeline.Factory.Pending.PendingCount);
        Assert.Empty(pipeline.Sink.Violations);
    }

    [Fact]
    public void A_request_whose_answer_is_arriving_is_never_given_up_mid_response()
    {
        var pipeline = new Pipeline(2L * PendingRequestBudget.ExchangeOverheadBytes + 1024);
        var slow = pipeline.Open();
        pipeline.Send(slow, FlowDirection.ClientToServer, Get("/slow"), 1);
        pipeline.Send(slow, FlowDirection.ServerToClient, "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n{}", 2); // half the body
        for (var a = 0; a < 20; a++)
        {
            pipeline.Send(pipeline.Open(), FlowDirection.ClientToServer, Get($"/probe/{a}"), 3 + a);
        }
        pipeline.Send(slow, FlowDirection.ServerToClient, "[]", 30);
        var answered = Assert.Single(pipeline.Sink.Completed, t => t.Client.Port == 20001);
        Assert.NotNull(answered.Response);
        Assert.False(answered.Has(HttpTransactionFlags.PipelineOverflow));
        Assert.True(pipeline.Counters.PendingBudgetOverflows > 0);
    }
}
