using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Text;
using ApiSentinel.Bench.Accuracy.Generation;

namespace ApiSentinel.Bench.Accuracy.Output;

/// <summary>
/// Writes the exchanges as a classic pcap of HTTP/1.1 keep-alive connections: handshake, requests and responses
/// cut at 1448 bytes (MSS 1460 minus timestamps, what Linux sends), pure ACKs, FIN exchange. A client reuses its
/// connection to a server until it has been idle 15 s or carried 25 requests; frames of all connections are
/// merged in time order.
/// </summary>
internal static class PcapWriter
{
    private const int SegmentSize = 1448;
    private const int MaxRequestsPerConnection = 25;
    private static readonly TimeSpan IdleClose = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Hop = TimeSpan.FromMicroseconds(150);

    // TEST-NET-1 for the first 200 servers (the own specs keep 192.0.2.10–14), then the benchmarking range 198.18/15.
    public static IPAddress ServerAddress(int index) =>
        index < 200 ? new([192, 0, 2, (byte)(10 + index)]) : new([198, 18, (byte)((index - 200) / 250), (byte)(1 + ((index - 200) % 250))]);

    public static IPAddress ClientAddress(int index) => new([198, 51, 100, (byte)(20 + index)]);

    public static void Write(string path, TrafficPlan plan, int seed)
    {
        var random = new Random(seed ^ 0x5eed);
        var packets = new List<CapturedPacket>(plan.Exchanges.Count * 6);
        var open = new Dictionary<(int Client, int Server), Connection>();
        var nextPort = 40000;
        foreach (var exchange in plan.Exchanges)
        {
            var key = (exchange.ClientIndex, exchange.ServerIndex);
            if (open.TryGetValue(key, out var connection) &&
                (connection.Requests >= MaxRequestsPerConnection || exchange.Start - connection.LastActivity > IdleClose))
            {
                connection.Close(packets);
                open.Remove(key);
                connection = null;
            }
            if (connection is null)
            {
                connection = new Connection(ClientAddress(exchange.ClientIndex), nextPort++, ServerAddress(exchange.ServerIndex), exchange.ServerPort, random);
                connection.Open(packets, exchange.Start - TimeSpan.FromMilliseconds(2));
                open[key] = connection;
            }
            connection.Carry(packets, exchange);
        }
        foreach (var connection in open.Values)
        {
            connection.Close(packets);
        }

        packets.Sort((a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.Order.CompareTo(b.Order));
        using var stream = new BufferedStream(File.Create(path), 1 << 20);
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xA1B2C3D4);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 262144);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], 1);
        stream.Write(header);
        Span<byte> record = stackalloc byte[16];
        foreach (var packet in packets)
        {
            var sinceEpoch = packet.Time - DateTime.UnixEpoch;
            BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)(sinceEpoch.Ticks / TimeSpan.TicksPerSecond));
            BinaryPrimitives.WriteUInt32LittleEndian(record[4..], (uint)(sinceEpoch.Ticks % TimeSpan.TicksPerSecond / 10));
            BinaryPrimitives.WriteUInt32LittleEndian(record[8..], (uint)packet.Frame.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(record[12..], (uint)packet.Frame.Length);
            stream.Write(record);
            stream.Write(packet.Frame);
        }
    }

    private static byte[] RequestBytes(HttpExchange exchange)
    {
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"{exchange.Method} {exchange.Target} HTTP/1.1\r\n");
        foreach (var (name, value) in exchange.RequestHeaders)
        {
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }
        return WithBody(head.Append("\r\n").ToString(), exchange.RequestBody);
    }

    private static byte[] ResponseBytes(HttpExchange exchange, DateTime time)
    {
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {exchange.Status} {ReasonPhrase.Of(exchange.Status)}\r\n");
        head.Append(CultureInfo.InvariantCulture, $"Date: {time:R}\r\n");
        foreach (var (name, value) in exchange.ResponseHeaders)
        {
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }
        return WithBody(head.Append("\r\n").ToString(), exchange.ResponseBody);
    }

    private static byte[] WithBody(string head, byte[]? body) => body is null
        ? Encoding.ASCII.GetBytes(head)
        : [.. Encoding.ASCII.GetBytes(head), .. body];

    /// <summary>One TCP connection's state: sequence numbers of both sides and the time of its last frame.</summary>
    private sealed class Connection(IPAddress client, int clientPort, IPAddress server, int serverPort, Random random)
    {
        private uint _clientSequence = (uint)random.NextInt64(uint.MaxValue);
        private uint _serverSequence = (uint)random.NextInt64(uint.MaxValue);
        private ushort _clientIpId = (ushort)random.Next(ushort.MaxValue);
        private ushort _serverIpId = (ushort)random.Next(ushort.MaxValue);
        private long _order;

        public int Requests { get; private set; }

        public DateTime LastActivity { get; private set; }

        public void Open(List<CapturedPacket> packets, DateTime time)
        {
            FromClient(packets, time, TcpFrameBuilder.Syn, []);
            _clientSequence++;
            FromServer(packets, time + Hop, TcpFrameBuilder.Syn | TcpFrameBuilder.Ack, []);
            _serverSequence++;
            FromClient(packets, time + Hop + Hop, TcpFrameBuilder.Ack, []);
            LastActivity = time + Hop + Hop;
        }

        public void Carry(List<CapturedPacket> packets, HttpExchange exchange)
        {
            // HTTP/1.1 without pipelining: a request never starts before the previous response ended.
            var time = exchange.Start > LastActivity ? exchange.Start : LastActivity + Hop;
            time = Send(packets, time, RequestBytes(exchange), fromClient: true);
            FromServer(packets, time + Hop, TcpFrameBuilder.Ack, []);
            time = Send(packets, time + exchange.Wait, ResponseBytes(exchange, time), fromClient: false);
            FromClient(packets, time + Hop, TcpFrameBuilder.Ack, []);
            LastActivity = time + Hop;
            Requests++;
        }

        public void Close(List<CapturedPacket> packets)
        {
            var time = LastActivity + TimeSpan.FromSeconds(5);
            FromClient(packets, time, TcpFrameBuilder.Fin | TcpFrameBuilder.Ack, []);
            _clientSequence++;
            FromServer(packets, time + Hop, TcpFrameBuilder.Fin | TcpFrameBuilder.Ack, []);
            _serverSequence++;
            FromClient(packets, time + Hop + Hop, TcpFrameBuilder.Ack, []);
        }

        private DateTime Send(List<CapturedPacket> packets, DateTime time, byte[] message, bool fromClient)
        {
            for (var offset = 0; offset < message.Length; offset += SegmentSize)
            {
                var segment = message.AsSpan(offset, Math.Min(SegmentSize, message.Length - offset));
                var flags = (byte)(TcpFrameBuilder.Ack | (offset + SegmentSize >= message.Length ? TcpFrameBuilder.Push : 0));
                if (fromClient)
                {
                    FromClient(packets, time, flags, segment);
                }
                else
                {
                    FromServer(packets, time, flags, segment);
                }
                time += TimeSpan.FromMicroseconds(12);
            }
            return time;
        }

        private void FromClient(List<CapturedPacket> packets, DateTime time, byte flags, ReadOnlySpan<byte> payload)
        {
            var acknowledgement = (flags & TcpFrameBuilder.Syn) != 0 && (flags & TcpFrameBuilder.Ack) == 0 ? 0 : _serverSequence;
            packets.Add(new CapturedPacket(time, _order++, TcpFrameBuilder.Build(client, clientPort, server, serverPort, _clientSequence, acknowledgement, flags, payload, _clientIpId++)));
            _clientSequence += (uint)payload.Length;
        }

        private void FromServer(List<CapturedPacket> packets, DateTime time, byte flags, ReadOnlySpan<byte> payload)
        {
            packets.Add(new CapturedPacket(time, _order++, TcpFrameBuilder.Build(server, serverPort, client, clientPort, _serverSequence, _clientSequence, flags, payload, _serverIpId++)));
            _serverSequence += (uint)payload.Length;
        }
    }
}
