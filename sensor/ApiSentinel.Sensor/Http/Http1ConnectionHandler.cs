using ApiSentinel.Sensor.Reassembly;

namespace ApiSentinel.Sensor.Http;

/// <summary>
/// HTTP/1.x for one TCP connection: a request parser and a response parser, paired into transactions.
/// Requests queue in order (pipelining); each response pairs with the oldest unanswered request. Exchange
/// objects are pooled per connection and reused after delivery. Handlers made by the factory are themselves
/// reused: once closed, a handler wipes what it held and goes back to the factory's pool for the next connection.
/// The two parsers are made on the first byte, so a connection that never carries data (a SYN flood) costs only
/// this object. Requests awaiting a response are charged to the pipeline's <see cref="PendingRequestBudget"/>.
/// </summary>
public sealed class Http1ConnectionHandler : ITcpStreamHandler
{
    /// <summary>Exchanges a closed handler keeps for its next connection; pipelining bursts beyond it are let go.</summary>
    internal const int SpareExchangesKeptOnRelease = 2;

    /// <summary>
    /// Delivered exchanges kept for reuse while the connection lives: enough for request/response ping-pong and
    /// short pipelines; a burst of 100 pipelined requests does not leave 100 exchanges (and their storage) behind.
    /// </summary>
    internal const int SpareExchangesKept = 4;

    private readonly Http1ConnectionHandlerPool? _owner;
    private ConnectionInfo _connection;
    private readonly IHttpTransactionSink _sink;
    private readonly HttpCounters _counters;
    private readonly int _maxInFlight;
    private readonly Http1Options _options;
    private readonly InspectionBudget _inspection;
    private readonly PendingRequestBudget _pending;
    private Http1StreamParser? _requests;
    private Http1StreamParser? _responses;
    private readonly Queue<Http1Exchange> _awaitingResponse = new();
    private readonly Stack<Http1Exchange> _pool = new();
    private readonly Http1RoleSniffer _snifferStorage = new();
    private Http1RoleSniffer? _sniffer;
    private Http1Exchange? _responding;
    private bool _swapped;
    private bool _closed;

    public Http1ConnectionHandler(ConnectionInfo connection, Http1Options options, IHttpTransactionSink sink, HttpCounters counters)
        : this(connection, options, sink, counters, owner: null,
            new InspectionBudget(options?.InspectionBudgetBytes ?? 0, counters!), new PendingRequestBudget(options?.MaxPendingRequestBytes ?? 0))
    {
    }

    internal Http1ConnectionHandler(ConnectionInfo connection, Http1Options options, IHttpTransactionSink sink, HttpCounters counters,
        Http1ConnectionHandlerPool? owner, InspectionBudget inspection, PendingRequestBudget pending)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(counters);
        _owner = owner;
        _connection = connection;
        _sniffer = _snifferStorage;
        _sink = sink;
        _counters = counters;
        _maxInFlight = Math.Max(options.MaxInFlightRequests, 1);
        _options = options;
        _inspection = inspection;
        _pending = pending;
    }

    private Http1StreamParser Requests =>
        _requests ??= new Http1StreamParser(carriesRequests: true, !_connection.HandshakeSeen, this, _options, _counters, _inspection);

    private Http1StreamParser Responses =>
        _responses ??= new Http1StreamParser(carriesRequests: false, !_connection.HandshakeSeen, this, _options, _counters, _inspection);

    /// <summary>True when the side the reassembler called the server turned out to send the requests.</summary>
    public bool RolesSwapped => _swapped;

    public void OnData(FlowDirection direction, ReadOnlySpan<byte> data, long timestampMicros)
    {
        if (_closed || data.IsEmpty)
        {
            return;
        }
        if (_sniffer is not null)
        {
            var guess = _sniffer.Offer(direction, data, timestampMicros, out var taken);
            if (guess == Http1RoleGuess.Undecided)
            {
                return;
            }
            SettleRoles(guess == Http1RoleGuess.Swapped, direction, data[taken..], timestampMicros);
            return;
        }
        ParserFor(direction).OnData(data, timestampMicros);
    }

    public void OnGap(FlowDirection direction, long missingBytes, long timestampMicros)
    {
        if (_closed)
        {
            return;
        }
        SettleRolesAsReassembled();
        ParserFor(direction).OnGap(missingBytes, timestampMicros);
    }

    public void OnEndOfStream(FlowDirection direction, long timestampMicros)
    {
        if (_closed)
        {
            return;
        }
        SettleRolesAsReassembled();
        ParserFor(direction).OnEndOfStream(timestampMicros);
    }

    public void OnClose(CloseReason reason, long timestampMicros)
    {
        if (_closed)
        {
            return;
        }
        SettleRolesAsReassembled();
        _closed = true;
        _requests?.OnClose(reason, timestampMicros);
        _responses?.OnClose(reason, timestampMicros);
        if (_responding is { } responding)
        {
            // Interim responses came, the final one never did.
            _responding = null;
            _counters.UnansweredRequests++;
            responding.RequestDone = true;
            responding.ResponseDone = true;
            Deliver(responding);
        }
        while (_awaitingResponse.TryDequeue(out var unanswered))
        {
            _counters.UnansweredRequests++;
            unanswered.RequestDone = true;
            unanswered.ResponseDone = true;
            Deliver(unanswered);
        }
        // Last, and skipped if the sink threw above: a handler goes back to the pool only once all is delivered.
        _owner?.Return(this);
    }

    /// <summary>
    /// After <see cref="OnClose"/>: wipes every byte the handler held (heads, header values, inspected bodies,
    /// sniffed prefixes) so nothing of this connection can surface in the next one, and drops surplus exchanges.
    /// </summary>
    internal void Scrub()
    {
        _requests?.Scrub();
        _responses?.Scrub();
        _snifferStorage.Reset();
        _sniffer = null;
        _responding = null;
        // Normally empty after OnClose; emptied anyway so no stale exchange can pair with the next connection,
        // nor stay in the shared budget's list.
        while (_awaitingResponse.TryDequeue(out var stale))
        {
            _pending.Discharge(stale);
        }
        while (_pool.Count > SpareExchangesKeptOnRelease)
        {
            _pool.Pop();
        }
        foreach (var exchange in _pool)
        {
            exchange.Scrub();
        }
    }

    /// <summary>Makes a scrubbed handler serve <paramref name="connection"/>, in the state a new one would be in.</summary>
    internal void Reopen(ConnectionInfo connection)
    {
        _connection = connection;
        _sniffer = _snifferStorage;
        _swapped = false;
        _closed = false;
        _requests?.Reopen(!connection.HandshakeSeen);
        _responses?.Reopen(!connection.HandshakeSeen);
    }

    // ---- called by the parsers ----------------------------------------------------------------------

    internal Http1Exchange OpenRequest(long startMicros)
    {
        var exchange = Rent();
        exchange.Transaction.Request = exchange.Request;
        exchange.Transaction.Ticket = _sink.OnTransactionStarted(startMicros);
        _counters.Requests++;
        _awaitingResponse.Enqueue(exchange);
        if (_awaitingResponse.Count > _maxInFlight)
        {
            // The oldest request has long been parsed (the request stream is sequential): give up on its answer.
            _counters.PipelineOverflows++;
            GiveUpOnOldest();
        }
        return exchange;
    }

    /// <summary>The oldest request awaiting a response is delivered without one.</summary>
    private void GiveUpOnOldest()
    {
        var oldest = _awaitingResponse.Dequeue();
        oldest.Transaction.Flags |= HttpTransactionFlags.PipelineOverflow;
        oldest.ResponseDone = true;
        TryDeliver(oldest);
    }

    internal Http1Exchange OpenResponse(long startMicros)
    {
        Http1Exchange exchange;
        if (_responding is not null)
        {
            exchange = _responding;
        }
        else if (_awaitingResponse.TryDequeue(out var next))
        {
            // Its answer is arriving: no longer pending, and so never given up while the response parser fills it.
            _pending.Discharge(next);
            exchange = next;
        }
        else
        {
            exchange = Rent();
            exchange.RequestDone = true;
            exchange.Transaction.Ticket = _sink.OnTransactionStarted(startMicros);
            _counters.UnmatchedResponses++;
        }
        _responding = exchange;
        exchange.Response.Reset();
        exchange.Transaction.Response = exchange.Response;
        _counters.Responses++;
        return exchange;
    }

    /// <summary>The response about to start answers a versionless request, so it may have no status line.</summary>
    internal bool NextResponseMayBeSimple()
    {
        var target = _responding ?? (_awaitingResponse.Count > 0 ? _awaitingResponse.Peek() : null);
        return target is { SimpleRequest: true };
    }

    internal void RequestEnded(Http1Exchange exchange)
    {
        exchange.RequestDone = true;
        if (!exchange.ResponseDone && exchange != _responding)
        {
            // Parsed, now waiting for its answer: from here on what it holds counts against the shared bound.
            _pending.Charge(exchange, this);
            while (_pending.Exceeded && _pending.Oldest is { } oldest)
            {
                // The globally oldest pending request is given up, whichever connection holds it: stale requests on
                // idle connections cannot fill the bound and make every later request lose its response.
                _counters.PendingBudgetOverflows++;
                oldest.PendingOwner!.GiveUpPending(oldest);
            }
        }
        TryDeliver(exchange);
    }

    /// <summary>
    /// Gives up on <paramref name="exchange"/>, the budget's oldest pending request. Requests are charged in the
    /// order they are queued, and the answered one leaves the queue uncharged, so it is this connection's queue head.
    /// </summary>
    private void GiveUpPending(Http1Exchange exchange)
    {
        if (_awaitingResponse.TryPeek(out var head) && ReferenceEquals(head, exchange))
        {
            GiveUpOnOldest();
        }
        else
        {
            _pending.Discharge(exchange); // not expected; it stops counting, so the loop above always progresses
        }
    }

    internal void ResponseEnded(Http1Exchange exchange, bool interim, bool switchesProtocol, long timestampMicros)
    {
        var transaction = exchange.Transaction;
        if (interim)
        {
            // The exchange keeps waiting for its final response; the interim one is only counted.
            transaction.InterimResponseCount++;
            transaction.Flags |= HttpTransactionFlags.InterimResponses;
            transaction.Response = null;
            return;
        }
        _responding = null;
        if (switchesProtocol)
        {
            transaction.Flags |= HttpTransactionFlags.ProtocolSwitch;
            _counters.ProtocolSwitches++;
            // Stopping the request side may end this exchange's request: mark the response done only after,
            // so the exchange is delivered once, below.
            Requests.StopForProtocolSwitch(timestampMicros);
            Responses.StopForProtocolSwitch(timestampMicros);
        }
        exchange.ResponseDone = true;
        TryDeliver(exchange);
    }

    // ---- internals ----------------------------------------------------------------------------------

    private Http1StreamParser ParserFor(FlowDirection direction) =>
        (direction == FlowDirection.ClientToServer) != _swapped ? Requests : Responses;

    private void SettleRolesAsReassembled()
    {
        if (_sniffer is not null)
        {
            SettleRoles(swap: false, FlowDirection.ClientToServer, default, 0);
        }
    }

    /// <summary>Fixes the roles and replays what the sniffer held, in the order the directions first spoke.</summary>
    private void SettleRoles(bool swap, FlowDirection current, ReadOnlySpan<byte> rest, long timestampMicros)
    {
        var sniffer = _sniffer!;
        _sniffer = null;
        _swapped = swap;
        if (swap)
        {
            _counters.RoleSwaps++;
        }
        var other = current == FlowDirection.ClientToServer ? FlowDirection.ServerToClient : FlowDirection.ClientToServer;
        if (sniffer.FirstSpeaker == other)
        {
            Replay(sniffer, other);
            Replay(sniffer, current);
            Feed(current, rest, timestampMicros);
        }
        else
        {
            Replay(sniffer, current);
            Feed(current, rest, timestampMicros);
            Replay(sniffer, other);
        }
    }

    private void Replay(Http1RoleSniffer sniffer, FlowDirection direction) =>
        Feed(direction, sniffer.Buffered(direction), sniffer.FirstMicros(direction));

    private void Feed(FlowDirection direction, ReadOnlySpan<byte> data, long timestampMicros)
    {
        if (!data.IsEmpty)
        {
            ParserFor(direction).OnData(data, timestampMicros);
        }
    }

    private Http1Exchange Rent()
    {
        var exchange = _pool.Count > 0 ? _pool.Pop() : new Http1Exchange(_connection);
        exchange.Reset();
        exchange.Transaction.Connection = _connection;
        exchange.Transaction.Client = _swapped ? _connection.Server : _connection.Client;
        exchange.Transaction.Server = _swapped ? _connection.Client : _connection.Server;
        return exchange;
    }

    private void TryDeliver(Http1Exchange exchange)
    {
        if (exchange.RequestDone && exchange.ResponseDone)
        {
            Deliver(exchange);
        }
    }

    private void Deliver(Http1Exchange exchange)
    {
        _counters.Transactions++;
        _pending.Discharge(exchange);
        _sink.OnTransactionCompleted(exchange.Transaction);
        if (_pool.Count < SpareExchangesKept)
        {
            exchange.Reset();
            _pool.Push(exchange);
        }
        else
        {
            exchange.Scrub(); // wiped before it is let go
        }
    }
}
