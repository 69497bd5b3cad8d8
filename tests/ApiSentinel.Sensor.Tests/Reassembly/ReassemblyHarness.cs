using System.Text;
using ApiSentinel.Sensor.Decode;
using ApiSentinel.Sensor.Reassembly;

namespace ApiSentinel.Sensor.Tests.Reassembly;

/// <summary>A reassembler wired to recording handlers, with helpers that build segments directly.</summary>
internal sealed class ReassemblyHarness : ITcpStreamHandlerFactory
{
    public static readonly NetEndpoint Client = new(NetAddress.Parse("192.0.2.10"), 50123);
    public static readonly NetEndpoint Server = new(NetAddress.Parse("198.51.100.20"), 80);

    public ReassemblyHarness(ReassemblyOptions? options = null)
    {
        Reassembler = new TcpReassembler(options ?? new ReassemblyOptions(), this, Counters);
    }

    public ReassemblyCounters Counters { get; } = new();

    public TcpReassembler Reassembler { get; }

    public List<RecordingStreamHandler> Handlers { get; } = [];

    /// <summary>The most recently created handler.</summary>
    public RecordingStreamHandler Last => Handlers[^1];

    /// <summary>Capture time used by the helpers; tests advance it explicitly.</summary>
    public long Now { get; set; } = 1_700_000_000_000_000;

    public ITcpStreamHandler Create(ConnectionInfo connection)
    {
        var handler = new RecordingStreamHandler(connection);
        Handlers.Add(handler);
        return handler;
    }

    public void Send(NetEndpoint from, NetEndpoint to, uint sequence, TcpFlags flags, byte[]? payload = null,
        uint acknowledgment = 0)
    {
        var segment = new TcpSegment(from, to, sequence, acknowledgment, flags, 65535, payload ?? [], Now);
        Reassembler.Process(in segment);
    }

    /// <summary>Data from the client without an ACK flag, so it never acknowledges anything by accident.</summary>
    public void FromClient(uint sequence, string text, TcpFlags flags = TcpFlags.Psh) =>
        Send(Client, Server, sequence, flags, Encoding.ASCII.GetBytes(text));

    public void FromServer(uint sequence, string text, TcpFlags flags = TcpFlags.Psh) =>
        Send(Server, Client, sequence, flags, Encoding.ASCII.GetBytes(text));

    /// <summary>SYN, SYN-ACK, ACK: client data starts at clientIsn + 1, server data at serverIsn + 1.</summary>
    public void Handshake(uint clientIsn = 1000, uint serverIsn = 5000)
    {
        Send(Client, Server, clientIsn, TcpFlags.Syn);
        Send(Server, Client, serverIsn, TcpFlags.Syn | TcpFlags.Ack, acknowledgment: clientIsn + 1);
        Send(Client, Server, clientIsn + 1, TcpFlags.Ack, acknowledgment: serverIsn + 1);
    }
}
