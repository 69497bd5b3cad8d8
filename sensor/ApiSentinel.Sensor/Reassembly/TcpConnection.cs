namespace ApiSentinel.Sensor.Reassembly;

/// <summary>The reassembler's state for one tracked connection: identity, handler and both half-streams.</summary>
internal sealed class TcpConnection
{
    public TcpConnection(ConnectionKey key, ConnectionInfo info, ITcpStreamHandler handler, long nowMicros)
    {
        Key = key;
        Info = info;
        Handler = handler;
        LastSeenMicros = nowMicros;
    }

    public ConnectionKey Key { get; }

    public ConnectionInfo Info { get; }

    public ITcpStreamHandler Handler { get; }

    public TcpHalfStream ClientToServer { get; } = new();

    public TcpHalfStream ServerToClient { get; } = new();

    public long LastSeenMicros { get; set; }

    /// <summary>The client's SYN sequence number, when its SYN was seen: tells a retransmitted SYN from a new connection.</summary>
    public uint? ClientInitialSequence { get; set; }

    /// <summary>The connection whose last packet came just before this one's (toward the least recently seen end).</summary>
    public TcpConnection? Older { get; set; }

    /// <summary>The connection whose last packet came just after this one's (toward the most recently seen end).</summary>
    public TcpConnection? Newer { get; set; }

    /// <summary>In the reassembler's recency list (false once closed).</summary>
    public bool Listed { get; set; }

    public long BufferedBytes => ClientToServer.BufferedBytes + ServerToClient.BufferedBytes;

    public TcpHalfStream Half(FlowDirection direction) =>
        direction == FlowDirection.ClientToServer ? ClientToServer : ServerToClient;
}
