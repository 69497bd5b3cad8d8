using ApiSentinel.Sensor.Reassembly;

namespace ApiSentinel.Sensor.Http;

/// <summary>
/// Parses one direction of a connection: requests, or responses. Every state survives a split at any byte.
/// The head of a message is parsed straight from the incoming span when it is whole there (the common case);
/// otherwise it is gathered in a per-direction buffer bounded by <see cref="Http1Options.MaxHeaderBytes"/>.
/// Bodies are never stored: counted, and their start handed to the inspector.
/// </summary>
internal sealed class Http1StreamParser
{
    private enum State : byte { StartLine, Head, FixedBody, ChunkedBody, CloseDelimitedBody, Stopped }

    private const byte CR = (byte)'\r';
    private const byte LF = (byte)'\n';

    private readonly bool _carriesRequests;
    private readonly Http1ConnectionHandler _connection;
    private readonly Http1Options _options;
    private readonly HttpCounters _counters;
    private readonly HttpBodyInspector _inspector;
    private readonly ChunkedBodyDecoder _chunked;
    private readonly int _maxHeaderBytes;

    private State _state;
    private byte[] _head = new byte[512];
    private int _headLength;
    /// <summary>Bytes of <see cref="_head"/> written since the last scrub: what must be wiped before reuse.</summary>
    private int _headHighWater;
    private int _scanPosition;
    private long _candidateStartMicros;
    private long _lastDataMicros;

    /// <summary>Resynchronising: only known methods / <c>HTTP/1.</c> open a message.</summary>
    private bool _strict;
    /// <summary>Inside a garbage line: the next candidate start is after its LF.</summary>
    private bool _inGarbageLine;
    private bool _inGarbageRun;
    /// <summary>Garbage was skipped since the last message: flag the next one.</summary>
    private bool _skippedGarbage;

    private Http1Exchange? _exchange;
    private HttpMessage? _message;
    private bool _bodyStarted;
    private bool _messageMalformed;
    private long _remaining;
    private bool _interim;
    private bool _switching;

    public Http1StreamParser(bool carriesRequests, bool midStream, Http1ConnectionHandler connection, Http1Options options, HttpCounters counters,
        InspectionBudget budget)
    {
        // Picked up mid-stream, the first bytes are most likely the middle of a body: be as picky as when
        // resynchronising, so an upper-case word followed by a space is not taken for an extension method.
        _strict = midStream;
        _carriesRequests = carriesRequests;
        _connection = connection;
        _options = options;
        _counters = counters;
        _maxHeaderBytes = Math.Max(options.MaxHeaderBytes, 64);
        _inspector = new HttpBodyInspector(counters, budget);
        _chunked = new ChunkedBodyDecoder(_maxHeaderBytes);
    }

    /// <summary>Wipes every byte this parser holds (head buffer, body inspection) once its connection is closed.</summary>
    public void Scrub()
    {
        _head.AsSpan(0, _headHighWater).Clear();
        _headHighWater = 0;
        _headLength = 0;
        _exchange = null;
        _message = null;
        _inspector.Scrub();
    }

    /// <summary>Starts over, as freshly constructed, for a new connection (after <see cref="Scrub"/>).</summary>
    public void Reopen(bool midStream)
    {
        _state = State.StartLine;
        _headLength = 0;
        _scanPosition = 0;
        _candidateStartMicros = 0;
        _lastDataMicros = 0;
        _strict = midStream;
        _inGarbageLine = false;
        _inGarbageRun = false;
        _skippedGarbage = false;
        _exchange = null;
        _message = null;
        _bodyStarted = false;
        _messageMalformed = false;
        _remaining = 0;
        _interim = false;
        _switching = false;
        _chunked.Reset();
    }

    public void OnData(ReadOnlySpan<byte> data, long timestampMicros)
    {
        _lastDataMicros = timestampMicros;
        while (!data.IsEmpty)
        {
            // Each step consumes bytes or changes state, so the loop always progresses.
            var consumed = _state switch
            {
                State.StartLine => ConsumeStartLine(data, timestampMicros),
                State.Head => ConsumeHead(data, timestampMicros),
                State.FixedBody => ConsumeFixedBody(data, timestampMicros),
                State.ChunkedBody => ConsumeChunkedBody(data, timestampMicros),
                State.CloseDelimitedBody => ConsumeCloseDelimitedBody(data),
                _ => data.Length,
            };
            data = data[consumed..];
        }
    }

    public void OnGap(long missingBytes, long timestampMicros)
    {
        if (missingBytes <= 0)
        {
            return;
        }
        switch (_state)
        {
            case State.StartLine:
                LoseSync();
                break;
            case State.Head:
                _exchange!.Transaction.Flags |= HttpTransactionFlags.Gap;
                ParseHead(_head.AsSpan(0, _headLength));
                EndMessage(complete: false, timestampMicros);
                LoseSync();
                break;
            case State.FixedBody:
                if (missingBytes < _remaining)
                {
                    BodyGap(missingBytes);
                    _remaining -= missingBytes;
                    break;
                }
                // The gap reaches the end of the body; whatever it swallowed beyond was the next message's start.
                BodyGap(_remaining);
                var overshoot = missingBytes > _remaining;
                _remaining = 0;
                EndMessage(complete: true, timestampMicros);
                if (overshoot)
                {
                    LoseSync();
                }
                break;
            case State.ChunkedBody:
                if (missingBytes <= _chunked.RemainingInChunk)
                {
                    BodyGap(missingBytes);
                    _chunked.SkipData(missingBytes);
                    break;
                }
                _exchange!.Transaction.Flags |= HttpTransactionFlags.Gap;
                EndMessage(complete: false, timestampMicros);
                LoseSync();
                break;
            case State.CloseDelimitedBody:
                // Everything up to the close is body, so a gap costs bytes, not the framing.
                BodyGap(missingBytes);
                break;
        }
    }

    public void OnEndOfStream(long timestampMicros) => Finish(closeEndsBody: true, timestampMicros);

    public void OnClose(CloseReason reason, long timestampMicros) =>
        // A reset or a capture that stops cannot prove a close-delimited body was all sent.
        Finish(closeEndsBody: reason == CloseReason.Fin, timestampMicros);

    /// <summary>The connection left HTTP/1 (101, CONNECT 2xx): the rest of this direction is not HTTP/1.</summary>
    public void StopForProtocolSwitch(long timestampMicros)
    {
        if (_message is not null)
        {
            EndMessage(complete: false, timestampMicros);
        }
        _headLength = 0;
        _state = State.Stopped;
    }

    private void Finish(bool closeEndsBody, long timestampMicros)
    {
        var end = _lastDataMicros != 0 ? _lastDataMicros : timestampMicros;
        switch (_state)
        {
            case State.StartLine:
                if (_headLength > 0)
                {
                    BeginGarbageRun();
                    SkipGarbage(_headLength);
                    _headLength = 0;
                }
                break;
            case State.Head:
                ParseHead(_head.AsSpan(0, _headLength));
                EndMessage(complete: false, end);
                break;
            case State.FixedBody:
                EndMessage(complete: false, end);
                break;
            case State.ChunkedBody:
                // "0\r\n" and then the close: only the empty trailer line is missing.
                EndMessage(complete: _chunked.AtTrailerLineStart, end);
                break;
            case State.CloseDelimitedBody:
                EndMessage(complete: closeEndsBody, end);
                break;
        }
        _state = State.Stopped;
    }

    // ---- start line -------------------------------------------------------------------------------------

    private int ConsumeStartLine(ReadOnlySpan<byte> data, long timestampMicros)
    {
        if (_headLength > 0)
        {
            return ConsumeBufferedCandidate(data);
        }
        if (_inGarbageLine)
        {
            var lf = data.IndexOf(LF);
            var skip = lf < 0 ? data.Length : lf + 1;
            SkipGarbage(skip);
            _inGarbageLine = lf < 0;
            return skip;
        }
        if (!_carriesRequests && !_strict && _connection.NextResponseMayBeSimple()
            && Http1StartLineClassifier.ClassifyResponse(data, strict: false) == StartLineGuess.Garbage)
        {
            OpenSimpleResponse(timestampMicros);
            return 0;
        }
        var first = data[0];
        if (first is CR or LF)
        {
            // Empty lines before a start line are tolerated (RFC 9112 §2.2); inside garbage they are garbage.
            if (_inGarbageRun)
            {
                SkipGarbage(1);
            }
            return 1;
        }
        switch (Classify(data))
        {
            case StartLineGuess.Plausible:
                OpenMessage(timestampMicros);
                return 0;
            case StartLineGuess.NeedMore:
                // Only possible for a short span: keep the prefix until it can be told apart.
                EnsureHeadCapacity(data.Length);
                data.CopyTo(_head);
                _headLength = data.Length;
                _candidateStartMicros = timestampMicros;
                return data.Length;
            default:
                BeginGarbageRun();
                _inGarbageLine = true;
                return 0;
        }
    }

    /// <summary>A start-line prefix too short to classify is buffered; add to it until it can be.</summary>
    private int ConsumeBufferedCandidate(ReadOnlySpan<byte> data)
    {
        var before = _headLength;
        var take = Math.Min(data.Length, Http1StartLineClassifier.DecisionWindow + 1 - before);
        EnsureHeadCapacity(before + take);
        data[..take].CopyTo(_head.AsSpan(before));
        var candidate = _head.AsSpan(0, before + take);

        if (!_carriesRequests && !_strict && _connection.NextResponseMayBeSimple()
            && Http1StartLineClassifier.ClassifyResponse(candidate, strict: false) == StartLineGuess.Garbage)
        {
            // It was the start of an HTTP/0.9 response body after all: hand the held bytes to the body.
            _headLength = 0;
            OpenSimpleResponse(_candidateStartMicros);
            WriteBody(_head.AsSpan(0, before));
            return 0;
        }
        switch (Classify(candidate))
        {
            case StartLineGuess.NeedMore:
                _headLength += take;
                return take;
            case StartLineGuess.Plausible:
                // Keep only the held prefix (token bytes, no LF); the head scan takes the rest from data, so the
                // head's end is never inside bytes already counted as consumed.
                OpenMessage(_candidateStartMicros);
                return 0;
            default:
                // The held prefix had no LF (it was all token bytes), so the garbage line goes on into data.
                _headLength = 0;
                BeginGarbageRun();
                SkipGarbage(before);
                _inGarbageLine = true;
                return 0;
        }
    }

    private StartLineGuess Classify(ReadOnlySpan<byte> data) => _carriesRequests
        ? Http1StartLineClassifier.ClassifyRequest(data, _strict)
        : Http1StartLineClassifier.ClassifyResponse(data, _strict);

    private void OpenMessage(long startMicros)
    {
        var exchange = _carriesRequests ? _connection.OpenRequest(startMicros) : _connection.OpenResponse(startMicros);
        _exchange = exchange;
        _message = _carriesRequests ? exchange.Request : exchange.Response;
        _message.StartMicros = startMicros;
        _bodyStarted = false;
        _messageMalformed = false;
        _interim = false;
        _switching = false;
        if (_skippedGarbage)
        {
            exchange.Transaction.Flags |= HttpTransactionFlags.Resynchronised;
            _skippedGarbage = false;
        }
        _inGarbageRun = false;
        _scanPosition = 0;
        _state = State.Head;
    }

    /// <summary>HTTP/0.9 response: no status line, everything until the close is body.</summary>
    private void OpenSimpleResponse(long startMicros)
    {
        OpenMessage(startMicros);
        var response = (ParsedResponse)_message!;
        response.Version = HttpProtocolVersion.Http09;
        response.StatusCode = 0;
        StartBody(Http1BodyFraming.UntilClose, 0, startMicros);
    }

    // ---- head ------------------------------------------------------------------------------------------

    private int ConsumeHead(ReadOnlySpan<byte> data, long timestampMicros)
    {
        if (_headLength == 0)
        {
            // Fast path: the whole head is in this span; parse it where it lies.
            var window = data.Length > _maxHeaderBytes ? data[.._maxHeaderBytes] : data;
            var scan = 0;
            if (TryFindHeadEnd(window, ref scan, out var end))
            {
                CompleteHead(data[..end], timestampMicros);
                return end;
            }
            if (data.Length >= _maxHeaderBytes)
            {
                OversizedHead(window, timestampMicros);
                return _maxHeaderBytes;
            }
            EnsureHeadCapacity(data.Length);
            data.CopyTo(_head);
            _headLength = data.Length;
            _scanPosition = scan;
            return data.Length;
        }

        var before = _headLength;
        var take = Math.Min(data.Length, _maxHeaderBytes - before);
        EnsureHeadCapacity(before + take);
        data[..take].CopyTo(_head.AsSpan(before));
        _headLength += take;
        if (TryFindHeadEnd(_head.AsSpan(0, _headLength), ref _scanPosition, out var bufferedEnd))
        {
            _headLength = 0;
            CompleteHead(_head.AsSpan(0, bufferedEnd), timestampMicros);
            return bufferedEnd - before;
        }
        if (_headLength >= _maxHeaderBytes)
        {
            var length = _headLength;
            _headLength = 0;
            OversizedHead(_head.AsSpan(0, length), timestampMicros);
        }
        return take;
    }

    /// <summary>
    /// Finds the end of the head: the empty line after the header block, or the end of the first line for a
    /// versionless request. <paramref name="scanPosition"/> is the start of the first line not yet seen whole.
    /// </summary>
    private bool TryFindHeadEnd(ReadOnlySpan<byte> buffer, ref int scanPosition, out int end)
    {
        while (true)
        {
            var lf = buffer[scanPosition..].IndexOf(LF);
            if (lf < 0)
            {
                end = 0;
                return false;
            }
            var lineEnd = scanPosition + lf;
            if (scanPosition == 0)
            {
                if (_carriesRequests && IsVersionless(buffer[..lineEnd]))
                {
                    end = lineEnd + 1;
                    return true;
                }
            }
            else if (lf == 0 || (lf == 1 && buffer[scanPosition] == CR))
            {
                end = lineEnd + 1;
                return true;
            }
            scanPosition = lineEnd + 1;
        }
    }

    private static bool IsVersionless(ReadOnlySpan<byte> line) =>
        Http1StartLineParser.IsVersionless(line.TrimEnd((byte)'\r'));

    /// <summary>
    /// Parses the start line and every whole header line of <paramref name="head"/> (which may be cut short
    /// when the head is incomplete). Returns true for a versionless request.
    /// </summary>
    private bool ParseHead(ReadOnlySpan<byte> head)
    {
        var message = _message!;
        message.HeaderBytes = head.Length;
        var malformed = false;
        var lf = head.IndexOf(LF);
        var startLine = lf < 0 ? head : head[..lf];
        if (!startLine.IsEmpty && startLine[^1] == CR)
        {
            startLine = startLine[..^1];
        }
        else if (lf >= 0)
        {
            malformed = true;
        }

        var simple = false;
        if (_carriesRequests)
        {
            simple = Http1StartLineParser.ParseRequestLine(startLine, (ParsedRequest)message);
        }
        else if (!Http1StartLineParser.ParseStatusLine(startLine, (ParsedResponse)message))
        {
            malformed = true;
        }

        if (lf >= 0 && !simple)
        {
            var rest = head[(lf + 1)..];
            while (true)
            {
                var next = rest.IndexOf(LF);
                if (next < 0)
                {
                    break;
                }
                var line = rest[..next];
                rest = rest[(next + 1)..];
                if (!line.IsEmpty && line[^1] == CR)
                {
                    line = line[..^1];
                }
                else
                {
                    malformed = true;
                }
                if (line.IsEmpty)
                {
                    break;
                }
                if (!Http1HeaderFieldParser.TryAdd(line, message.Headers))
                {
                    malformed = true;
                }
            }
        }
        if (malformed)
        {
            FlagMalformed();
        }
        return simple;
    }

    private void CompleteHead(ReadOnlySpan<byte> head, long timestampMicros)
    {
        var simple = ParseHead(head);
        var exchange = _exchange!;
        Http1FramingDecision framing;
        if (_carriesRequests)
        {
            if (simple)
            {
                exchange.SimpleRequest = true;
                EndMessage(complete: true, timestampMicros);
                return;
            }
            framing = Http1FramingRules.Decide(_message!.Headers, isRequest: true);
        }
        else
        {
            var response = (ParsedResponse)_message!;
            var status = response.StatusCode;
            var request = exchange.Transaction.Request;
            if (status is >= 100 and < 200)
            {
                // 1xx has no body. 101 hands the connection to another protocol; the others are interim.
                _switching = status == 101;
                _interim = !_switching;
                EndMessage(complete: true, timestampMicros);
                return;
            }
            if (status is >= 200 and < 300 && request is not null && request.Method.SequenceEqual("CONNECT"u8))
            {
                _switching = true;
                EndMessage(complete: true, timestampMicros);
                return;
            }
            if (status is 204 or 304 || (request is not null && request.Method.SequenceEqual("HEAD"u8)))
            {
                EndMessage(complete: true, timestampMicros);
                return;
            }
            framing = Http1FramingRules.Decide(response.Headers, isRequest: false);
        }

        if (framing.Ambiguous)
        {
            exchange.Transaction.Flags |= HttpTransactionFlags.AmbiguousFraming;
            _counters.AmbiguousFraming++;
        }
        if (framing.InvalidContentLength)
        {
            FlagMalformed();
        }
        StartBody(framing.Framing, framing.Length, timestampMicros);
    }

    private void OversizedHead(ReadOnlySpan<byte> partialHead, long timestampMicros)
    {
        _counters.OversizedHeaders++;
        ParseHead(partialHead);
        EndMessage(complete: false, timestampMicros);
        // The rest of the oversized head is garbage up to the next start line.
        BeginGarbageRun();
        _inGarbageLine = true;
    }

    private void FlagMalformed()
    {
        if (!_messageMalformed)
        {
            _messageMalformed = true;
            _exchange!.Transaction.Flags |= HttpTransactionFlags.MalformedHeaders;
            _counters.MalformedHeaders++;
        }
    }

    // ---- body ------------------------------------------------------------------------------------------

    private void StartBody(Http1BodyFraming framing, long length, long timestampMicros)
    {
        if (framing == Http1BodyFraming.None)
        {
            EndMessage(complete: true, timestampMicros);
            return;
        }
        _bodyStarted = true;
        _inspector.Begin(_message!.Body, _message.Headers, _options.BodyInspectionLimit);
        switch (framing)
        {
            case Http1BodyFraming.ContentLength:
                _remaining = length;
                _state = State.FixedBody;
                break;
            case Http1BodyFraming.Chunked:
                _chunked.Reset();
                _state = State.ChunkedBody;
                break;
            default:
                _state = State.CloseDelimitedBody;
                break;
        }
    }

    private int ConsumeFixedBody(ReadOnlySpan<byte> data, long timestampMicros)
    {
        var n = (int)Math.Min(_remaining, data.Length);
        WriteBody(data[..n]);
        _remaining -= n;
        if (_remaining == 0)
        {
            EndMessage(complete: true, timestampMicros);
        }
        return n;
    }

    private int ConsumeChunkedBody(ReadOnlySpan<byte> data, long timestampMicros)
    {
        var input = data;
        while (!input.IsEmpty)
        {
            switch (_chunked.Next(ref input, out var payload))
            {
                case ChunkedStep.Data:
                    WriteBody(payload);
                    break;
                case ChunkedStep.Done:
                    EndMessage(complete: true, timestampMicros);
                    return data.Length - input.Length;
                case ChunkedStep.Error:
                    _counters.ChunkedFramingErrors++;
                    EndMessage(complete: false, timestampMicros);
                    // The offending byte starts garbage that runs to the next start line.
                    BeginGarbageRun();
                    _inGarbageLine = true;
                    return data.Length - input.Length;
            }
        }
        return data.Length;
    }

    private int ConsumeCloseDelimitedBody(ReadOnlySpan<byte> data)
    {
        WriteBody(data);
        return data.Length;
    }

    private void WriteBody(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }
        _message!.Body.Length += data.Length;
        _inspector.Write(data);
    }

    private void BodyGap(long missingBytes)
    {
        if (missingBytes <= 0)
        {
            return;
        }
        var body = _message!.Body;
        body.Length += missingBytes;
        body.MissingBytes += missingBytes;
        _exchange!.Transaction.Flags |= HttpTransactionFlags.Gap;
        _counters.BodyGaps++;
        _inspector.MarkGap();
    }

    // ---- message end and resynchronisation ---------------------------------------------------------------

    private void EndMessage(bool complete, long timestampMicros)
    {
        var message = _message!;
        var exchange = _exchange!;
        message.EndMicros = timestampMicros;
        message.Body.Complete = complete;
        if (_bodyStarted)
        {
            _inspector.Finish(complete);
            _bodyStarted = false;
        }
        if (!complete)
        {
            exchange.Transaction.Flags |= HttpTransactionFlags.Incomplete;
        }
        _message = null;
        _exchange = null;
        _headLength = 0;
        _state = State.StartLine;
        // After a clean message any start line is believed; after a broken one only well-known ones.
        _strict = !complete;
        _inGarbageLine = false;
        // Callbacks last: they may deliver (and recycle) the exchange, or stop this parser (protocol switch).
        if (_carriesRequests)
        {
            _connection.RequestEnded(exchange);
        }
        else
        {
            _connection.ResponseEnded(exchange, _interim, _switching, timestampMicros);
        }
    }

    /// <summary>A gap took the framing with it: parse nothing until a start line turns up after it.</summary>
    private void LoseSync()
    {
        _counters.HeaderGaps++;
        if (_headLength > 0)
        {
            BeginGarbageRun();
            SkipGarbage(_headLength);
            _headLength = 0;
        }
        _strict = true;
        _inGarbageLine = false;
    }

    private void BeginGarbageRun()
    {
        if (!_inGarbageRun)
        {
            _inGarbageRun = true;
            _strict = true;
            _counters.Resynchronisations++;
        }
    }

    private void SkipGarbage(int count)
    {
        _counters.SkippedGarbageBytes += count;
        _skippedGarbage = true;
    }

    /// <summary>Called before every copy into <see cref="_head"/>, with the end of that copy.</summary>
    private void EnsureHeadCapacity(int needed)
    {
        _headHighWater = Math.Max(_headHighWater, needed);
        if (needed > _head.Length)
        {
            Array.Resize(ref _head, Math.Min(Math.Max(needed, _head.Length * 2), Math.Max(needed, _maxHeaderBytes + 64)));
        }
    }
}
