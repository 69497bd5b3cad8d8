namespace ApiSentinel.Bench.Adversarial.Inputs;

/// <summary>A handshaken TCP connection on a <see cref="PcapWriter"/>: payloads are cut into MSS segments.</summary>
public sealed class TcpConversation
{
    private readonly PcapWriter _pcap;
    private readonly uint _client;
    private readonly ushort _clientPort;
    private uint _clientSeq = 1000;
    private uint _serverSeq = 5000;

    public TcpConversation(PcapWriter pcap, uint client, ushort clientPort, long micros)
    {
        _pcap = pcap;
        _client = client;
        _clientPort = clientPort;
        Micros = micros;
        _pcap.Segment(Micros, _client, _clientPort, PcapWriter.ServerAddress, 80, _clientSeq++, 0, PcapWriter.Syn, default);
        _pcap.Segment(++Micros, PcapWriter.ServerAddress, 80, _client, _clientPort, _serverSeq++, _clientSeq, PcapWriter.Syn | PcapWriter.Ack, default);
        _pcap.Segment(++Micros, _client, _clientPort, PcapWriter.ServerAddress, 80, _clientSeq, _serverSeq, PcapWriter.Ack, default);
    }

    public long Micros { get; private set; }

    public void ClientSends(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            var n = Math.Min(data.Length, PcapWriter.MaxPayload);
            _pcap.Segment(++Micros, _client, _clientPort, PcapWriter.ServerAddress, 80, _clientSeq, _serverSeq, PcapWriter.Ack | PcapWriter.Psh, data[..n]);
            _clientSeq += (uint)n;
            data = data[n..];
        }
    }

    public void ServerSends(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            var n = Math.Min(data.Length, PcapWriter.MaxPayload);
            _pcap.Segment(++Micros, PcapWriter.ServerAddress, 80, _client, _clientPort, _serverSeq, _clientSeq, PcapWriter.Ack | PcapWriter.Psh, data[..n]);
            _serverSeq += (uint)n;
            data = data[n..];
        }
    }

    public void Close()
    {
        _pcap.Segment(++Micros, _client, _clientPort, PcapWriter.ServerAddress, 80, _clientSeq++, _serverSeq, PcapWriter.Fin | PcapWriter.Ack, default);
        _pcap.Segment(++Micros, PcapWriter.ServerAddress, 80, _client, _clientPort, _serverSeq++, _clientSeq, PcapWriter.Fin | PcapWriter.Ack, default);
        _pcap.Segment(++Micros, _client, _clientPort, PcapWriter.ServerAddress, 80, _clientSeq, _serverSeq, PcapWriter.Ack, default);
    }
}
