using ApiSentinel.Sensor.Decode;

namespace ApiSentinel.Sensor.Reassembly;

/// <summary>
/// Identity of one TCP connection. <see cref="Client"/> is the side that sent the SYN; when the capture starts
/// mid-stream (<see cref="HandshakeSeen"/> false) the reassembler guesses from the ports, and the application
/// layer may know better (it sees who sends requests) — see <c>Http1ConnectionHandler</c>.
/// </summary>
public sealed class ConnectionInfo
{
    public ConnectionInfo(long id, NetEndpoint client, NetEndpoint server, long startMicros, bool handshakeSeen)
    {
        Id = id;
        Client = client;
        Server = server;
        StartMicros = startMicros;
        HandshakeSeen = handshakeSeen;
    }

    /// <summary>Sequence number of the connection within this run, in order of first packet.</summary>
    public long Id { get; }

    public NetEndpoint Client { get; }

    public NetEndpoint Server { get; }

    public long StartMicros { get; }

    public bool HandshakeSeen { get; }

    /// <summary>
    /// <paramref name="endpoint"/> (one of this connection's two) as <c>ip:port</c> text, formatted once per
    /// connection rather than once per exchange.
    /// </summary>
    public string TextOf(NetEndpoint endpoint) =>
        endpoint == Client ? _clientText ??= Client.ToString()
        : endpoint == Server ? _serverText ??= Server.ToString()
        : endpoint.ToString();

    private string? _clientText;
    private string? _serverText;

    public override string ToString() => $"#{Id} {Client} -> {Server}";
}
