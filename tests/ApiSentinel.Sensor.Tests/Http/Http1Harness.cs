using System.Text;
using ApiSentinel.Sensor.Decode;
using ApiSentinel.Sensor.Http;
using ApiSentinel.Sensor.Reassembly;

namespace ApiSentinel.Sensor.Tests.Http;

/// <summary>Drives one <see cref="Http1ConnectionHandler"/> directly, as the reassembler would.</summary>
public sealed class Http1Harness
{
    public static readonly NetEndpoint ClientEndpoint = new(NetAddress.Parse("192.0.2.10"), 40000);
    public static readonly NetEndpoint ServerEndpoint = new(NetAddress.Parse("198.51.100.20"), 80);

    private long _clock = 1_000_000;

    public Http1Harness(Http1Options? options = null, bool byteByByte = false, bool handshakeSeen = true)
    {
        Options = options ?? new Http1Options();
        ByteByByte = byteByByte;
        Connection = new ConnectionInfo(1, ClientEndpoint, ServerEndpoint, _clock, handshakeSeen);
        Handler = (Http1ConnectionHandler)new Http1ConnectionHandlerFactory(Options, Sink, Counters).Create(Connection);
    }

    public Http1Options Options { get; }

    public bool ByteByByte { get; }

    public ConnectionInfo Connection { get; }

    public RecordingSink Sink { get; } = new();

    public HttpCounters Counters { get; } = new();

    public Http1ConnectionHandler Handler { get; }

    public IReadOnlyList<RecordedTransaction> Transactions => Sink.InTicketOrder;

    public long Now => _clock;

    public Http1Harness Client(string latin1) => Client(Encoding.Latin1.GetBytes(latin1));

    public Http1Harness Server(string latin1) => Server(Encoding.Latin1.GetBytes(latin1));

    public Http1Harness Client(byte[] data) => Send(FlowDirection.ClientToServer, data);

    public Http1Harness Server(byte[] data) => Send(FlowDirection.ServerToClient, data);

    public Http1Harness Send(FlowDirection direction, byte[] data)
    {
        var ts = Tick();
        if (ByteByByte)
        {
            for (var i = 0; i < data.Length; i++)
            {
                Handler.OnData(direction, data.AsSpan(i, 1), ts);
            }
        }
        else
        {
            Handler.OnData(direction, data, ts);
        }
        return this;
    }

    public Http1Harness Gap(FlowDirection direction, long missing)
    {
        Handler.OnGap(direction, missing, Tick());
        return this;
    }

    public Http1Harness EndOfStream(FlowDirection direction)
    {
        Handler.OnEndOfStream(direction, Tick());
        return this;
    }

    public Http1Harness Close(CloseReason reason = CloseReason.Fin)
    {
        Handler.OnClose(reason, Tick());
        Assert.Empty(Sink.Violations);
        Assert.Equal(0, Sink.OpenTickets);
        return this;
    }

    /// <summary>Runs the same conversation whole and byte by byte; both must give the same transactions.</summary>
    public static IReadOnlyList<RecordedTransaction> RunBothWays(Action<Http1Harness> conversation, Http1Options? options = null)
    {
        var whole = new Http1Harness(options);
        conversation(whole);
        var split = new Http1Harness(options, byteByByte: true);
        conversation(split);
        Assert.Equal(Describe(whole.Transactions), Describe(split.Transactions));
        return whole.Transactions;
    }

    /// <summary>Everything a transaction carries except timing, which depends on how bytes were split.</summary>
    public static string Describe(IEnumerable<RecordedTransaction> transactions)
    {
        var sb = new StringBuilder();
        foreach (var t in transactions)
        {
            sb.Append(t.Flags).Append(" interim=").Append(t.InterimResponseCount).Append(' ').Append(t.Client).Append('\n');
            DescribeMessage(sb, "req", t.Request);
            DescribeMessage(sb, "rsp", t.Response);
        }
        return sb.ToString();
    }

    private static void DescribeMessage(StringBuilder sb, string label, RecordedMessage? m)
    {
        if (m is null)
        {
            sb.Append(label).Append(" null\n");
            return;
        }
        sb.Append(label).Append(' ').Append(m.Method).Append(' ').Append(m.Target).Append(' ').Append(m.StatusCode)
            .Append(' ').Append(m.Version).Append(" hb=").Append(m.HeaderBytes).Append('\n');
        foreach (var (name, value) in m.Headers)
        {
            sb.Append("  ").Append(name).Append(": ").Append(value).Append('\n');
        }
        var b = m.Body;
        sb.Append("  body len=").Append(b.Length).Append(" missing=").Append(b.MissingBytes).Append(" complete=").Append(b.Complete)
            .Append(" enc=").Append(b.ContentEncoding).Append(" ok=").Append(b.DecodedOk).Append(" trunc=").Append(b.InspectionTruncated)
            .Append(" inspected=").Append(Convert.ToHexString(b.Inspected)).Append('\n');
    }

    private long Tick() => _clock += 1000;
}
