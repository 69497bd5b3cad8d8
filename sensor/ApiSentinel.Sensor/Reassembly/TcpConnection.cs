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

    public long BufferedBytes => ClientToServer.BufferedBytes + ServerToClient.BufferedBytes;

    public TcpHalfStream Half(FlowDirection direction) =>
        direction == FlowDirection.ClientToServer ? ClientToServer : ServerToClient;
}
