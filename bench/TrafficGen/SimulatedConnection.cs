namespace ApiSentinel.Bench.TrafficGen;

/// <summary>
/// One keep-alive HTTP/1.1 connection as a Linux client and server would put it on the wire: 3-way handshake,
/// requests and responses cut into 1448-byte segments with in-order sequence numbers, an ACK-only segment from
/// the receiver after every second data segment (RFC 1122 delayed ACK) and after each response, the request's
/// last data acknowledged by the response's first segment, and a FIN close from whichever side ends it.
/// Every ACK covers only bytes already written to the capture, so analysers see no lost or unseen segments.
/// A slot object is reused for connection after connection: no allocation in the packet loop.
/// </summary>
internal sealed class SimulatedConnection(TcpFrameWriter frames, HttpExchangeComposer composer, SimulatedClock clock, GenerationSummary summary)
{
    private const int HeadCapacity = 4096;
    private const int MaxSegmentsPerStep = 4;
    private const int SegmentsPerDelayedAck = 2;
    private const double SingleRequestConnectionShare = 0.2;
    private const double ServerClosesShare = 0.3;

    private readonly byte[] _requestHead = new byte[HeadCapacity];
    private readonly byte[] _responseHead = new byte[HeadCapacity];

    private ApiServer _server = null!;
    private ClientProfile _client;
    private uint _clientIp;
    private ushort _clientPort;
    private uint _clientNext;
    private uint _serverNext;
    private uint _clientTsOffset;
    private uint _serverTsOffset;
    private uint _clientLastTs;
    private uint _serverLastTs;
    private ushort _clientIpId;
    private ushort _serverIpId;
    private ConnectionPhase _phase;
    private int _exchangesLeft;
    private ExchangePlan _plan;

    // The message in flight: a head in this slot's buffer followed by a shared body template.
    private byte[] _head = [];
    private int _headLength;
    private byte[] _body = [];
    private int _messageLength;
    private int _sent;
    private int _unackedSegments;

    public void Open(uint clientIp, ushort clientPort, DeterministicRandom random)
    {
        _server = composer.PickServer();
        _client = composer.PickClient();
        _clientIp = clientIp;
        _clientPort = clientPort;
        _clientNext = (uint)random.NextUInt64();
        _serverNext = (uint)random.NextUInt64();
        _clientTsOffset = (uint)random.NextUInt64();
        _serverTsOffset = (uint)random.NextUInt64();
        _clientLastTs = 0;
        _serverLastTs = 0;
        _clientIpId = (ushort)random.Next(65_536);
        _serverIpId = (ushort)random.Next(65_536);
        _exchangesLeft = random.Chance(SingleRequestConnectionShare) ? 1 : random.Next(2, 16);
        _phase = ConnectionPhase.Syn;
        summary.Connections++;
    }

    /// <summary>Emits the next packet(s) of this connection; returns true once it is fully closed.</summary>
    public bool Step(DeterministicRandom random, bool draining)
    {
        switch (_phase)
        {
            case ConnectionPhase.Syn:
                FromClient(TcpFlag.Syn, [], []);
                _clientNext++;
                _phase = ConnectionPhase.SynAck;
                break;
            case ConnectionPhase.SynAck:
                FromServer(TcpFlag.Syn | TcpFlag.Ack, [], []);
                _serverNext++;
                _phase = ConnectionPhase.HandshakeAck;
                break;
            case ConnectionPhase.HandshakeAck:
                FromClient(TcpFlag.Ack, [], []);
                BeginRequest(random);
                break;
            case ConnectionPhase.Request:
                if (SendSegments(fromClient: true, random))
                {
                    BeginResponse();
                }

                break;
            case ConnectionPhase.Response:
                if (SendSegments(fromClient: false, random))
                {
                    FinishResponse(random, draining);
                }

                break;
            case ConnectionPhase.ClientFin:
                FromClient(TcpFlag.Fin | TcpFlag.Ack, [], []);
                _clientNext++;
                _phase = ConnectionPhase.ServerFinAfterClientFin;
                break;
            case ConnectionPhase.ServerFinAfterClientFin:
                FromServer(TcpFlag.Fin | TcpFlag.Ack, [], []);
                _serverNext++;
                _phase = ConnectionPhase.ClientLastAck;
                break;
            case ConnectionPhase.ClientLastAck:
                FromClient(TcpFlag.Ack, [], []);
                _phase = ConnectionPhase.Closed;
                break;
            case ConnectionPhase.ServerFin:
                FromServer(TcpFlag.Fin | TcpFlag.Ack, [], []);
                _serverNext++;
                _phase = ConnectionPhase.ClientFinAfterServerFin;
                break;
            case ConnectionPhase.ClientFinAfterServerFin:
                FromClient(TcpFlag.Fin | TcpFlag.Ack, [], []);
                _clientNext++;
                _phase = ConnectionPhase.ServerLastAck;
                break;
            case ConnectionPhase.ServerLastAck:
                FromServer(TcpFlag.Ack, [], []);
                _phase = ConnectionPhase.Closed;
                break;
        }

        return _phase == ConnectionPhase.Closed;
    }

    private void BeginRequest(DeterministicRandom random)
    {
        _exchangesLeft--;
        bool closeAfter = _exchangesLeft == 0 && random.Chance(ServerClosesShare);
        _headLength = composer.ComposeRequest(_requestHead, _server, _client, closeAfter, out EncodedBody? body, out _plan);
        summary.CountRequest(body);
        StartMessage(_requestHead, body);
        _phase = ConnectionPhase.Request;
    }

    private void BeginResponse()
    {
        _headLength = composer.ComposeResponse(_responseHead, _plan, _server, clock.Now, out EncodedBody? body, out int status);
        summary.CountResponse(status, body);
        StartMessage(_responseHead, body);

        // The response's first segment acknowledges whatever of the request was still unacknowledged.
        _unackedSegments = 0;
        _phase = ConnectionPhase.Response;
    }

    private void FinishResponse(DeterministicRandom random, bool draining)
    {
        if (_unackedSegments > 0)
        {
            FromClient(TcpFlag.Ack, [], []);
            _unackedSegments = 0;
        }

        if (_plan.CloseAfter)
        {
            _phase = ConnectionPhase.ServerFin;
        }
        else if (_exchangesLeft > 0 && !draining)
        {
            BeginRequest(random);
        }
        else
        {
            _phase = ConnectionPhase.ClientFin;
        }
    }

    private void StartMessage(byte[] head, EncodedBody? body)
    {
        _head = head;
        _body = body?.Wire ?? [];
        _messageLength = _headLength + _body.Length;
        _sent = 0;
        _unackedSegments = 0;
    }

    /// <summary>Sends a burst of the current message's segments; returns true when the message is complete.</summary>
    private bool SendSegments(bool fromClient, DeterministicRandom random)
    {
        int burst = random.Next(1, MaxSegmentsPerStep + 1);
        for (int i = 0; i < burst && _sent < _messageLength; i++)
        {
            int length = Math.Min(TcpFrameWriter.MaxSegmentPayload, _messageLength - _sent);
            int end = _sent + length;
            ReadOnlySpan<byte> headPart = _sent < _headLength ? _head.AsSpan(_sent, Math.Min(end, _headLength) - _sent) : [];
            ReadOnlySpan<byte> bodyPart = end > _headLength ? _body.AsSpan(Math.Max(_sent, _headLength) - _headLength, end - Math.Max(_sent, _headLength)) : [];
            TcpFlag flags = end == _messageLength ? TcpFlag.Ack | TcpFlag.Psh : TcpFlag.Ack;
            if (fromClient)
            {
                FromClient(flags, headPart, bodyPart);
                _clientNext += (uint)length;
            }
            else
            {
                FromServer(flags, headPart, bodyPart);
                _serverNext += (uint)length;
            }

            _sent = end;
            if (++_unackedSegments == SegmentsPerDelayedAck)
            {
                if (fromClient)
                {
                    FromServer(TcpFlag.Ack, [], []);
                }
                else
                {
                    FromClient(TcpFlag.Ack, [], []);
                }

                _unackedSegments = 0;
            }
        }

        return _sent == _messageLength;
    }

    private void FromClient(TcpFlag flags, ReadOnlySpan<byte> head, ReadOnlySpan<byte> body)
    {
        long now = Tick();
        uint timestamp = (uint)(now / 1000) + _clientTsOffset;
        frames.Write(now, _clientIp, _server.Address, _clientPort, _server.Port, _clientIpId++, _clientNext, _serverNext, flags, timestamp, _serverLastTs, head, body);
        _clientLastTs = timestamp;
    }

    private void FromServer(TcpFlag flags, ReadOnlySpan<byte> head, ReadOnlySpan<byte> body)
    {
        long now = Tick();
        uint timestamp = (uint)(now / 1000) + _serverTsOffset;
        frames.Write(now, _server.Address, _clientIp, _server.Port, _clientPort, _serverIpId++, _serverNext, _clientNext, flags, timestamp, _clientLastTs, head, body);
        _serverLastTs = timestamp;
    }

    /// <summary>Back-to-back packets of one burst are a few microseconds apart (about line rate at 1–10 Gb/s).</summary>
    private long Tick()
    {
        clock.Advance(2);
        return clock.Now;
    }
}
