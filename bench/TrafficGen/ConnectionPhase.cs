namespace ApiSentinel.Bench.TrafficGen;

/// <summary>Where a simulated connection is in its life; each step emits the packet(s) of one phase.</summary>
internal enum ConnectionPhase
{
    Syn,
    SynAck,
    HandshakeAck,
    Request,
    Response,

    // Client-initiated close (keep-alive client done): FIN from client, FIN+ACK from server, last ACK.
    ClientFin,
    ServerFinAfterClientFin,
    ClientLastAck,

    // Server-initiated close after "Connection: close": FIN from server, FIN+ACK from client, last ACK.
    ServerFin,
    ClientFinAfterServerFin,
    ServerLastAck,

    Closed,
}
