using ApiSentinel.Sensor.Capture;
using ApiSentinel.Sensor.Decode;
using ApiSentinel.Sensor.Tests.Infrastructure;

namespace ApiSentinel.Sensor.Tests.Pipeline;

/// <summary>
/// One TCP connection fed straight into a frame sink, with sequence numbers kept: handshake, data either way, FIN.
/// Timestamps are whatever the caller passes (µs), so tests control capture time exactly.
/// </summary>
internal sealed class TcpConversation(IFrameSink sink, string client, string server)
{
    private uint _clientSeq = 1000;
    private uint _serverSeq = 5000;

    public string Client { get; } = client;

    public string Server { get; } = server;

    public TcpConversation Open(long micros)
    {
        Send(TestFrames.EthernetIPv4Tcp(Client, Server, _clientSeq, 0, TcpFlags.Syn), micros);
        Send(TestFrames.EthernetIPv4Tcp(Server, Client, _serverSeq, _clientSeq + 1, TcpFlags.Syn | TcpFlags.Ack), micros);
        _clientSeq++;
        _serverSeq++;
        Send(TestFrames.EthernetIPv4Tcp(Client, Server, _clientSeq, _serverSeq, TcpFlags.Ack), micros);
        return this;
    }

    public TcpConversation ClientSends(string text, long micros) => ClientSends(System.Text.Encoding.ASCII.GetBytes(text), micros);

    public TcpConversation ClientSends(byte[] payload, long micros)
    {
        Send(TestFrames.EthernetIPv4Tcp(Client, Server, _clientSeq, _serverSeq, TcpFlags.Ack | TcpFlags.Psh, payload), micros);
        _clientSeq += (uint)payload.Length;
        return this;
    }

    public TcpConversation ServerSends(string text, long micros)
    {
        var payload = System.Text.Encoding.ASCII.GetBytes(text);
        Send(TestFrames.EthernetIPv4Tcp(Server, Client, _serverSeq, _clientSeq, TcpFlags.Ack | TcpFlags.Psh, payload), micros);
        _serverSeq += (uint)payload.Length;
        return this;
    }

    public TcpConversation Close(long micros)
    {
        Send(TestFrames.EthernetIPv4Tcp(Client, Server, _clientSeq, _serverSeq, TcpFlags.Fin | TcpFlags.Ack), micros);
        Send(TestFrames.EthernetIPv4Tcp(Server, Client, _serverSeq, _clientSeq + 1, TcpFlags.Fin | TcpFlags.Ack), micros);
        Send(TestFrames.EthernetIPv4Tcp(Client, Server, _clientSeq + 1, _serverSeq + 1, TcpFlags.Ack), micros);
        return this;
    }

    /// <summary>A request and its complete response (Content-Length framed).</summary>
    public TcpConversation Exchange(string path, long requestMicros, long responseMicros, string body = "{}") =>
        ClientSends($"GET {path} HTTP/1.1\r\nHost: api.example\r\n\r\n", requestMicros)
            .ServerSends($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n{body}", responseMicros);

    private void Send(byte[] frame, long micros) => sink.OnFrame(new CapturedFrame(frame, frame.Length, micros, LinkType.Ethernet));
}
