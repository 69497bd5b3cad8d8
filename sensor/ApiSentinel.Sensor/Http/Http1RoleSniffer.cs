using ApiSentinel.Sensor.Reassembly;

namespace ApiSentinel.Sensor.Http;

/// <summary>
/// Holds the first bytes of each direction until one of them shows a request line or a status line, which
/// settles who the client is. The reassembler guesses roles from ports when it missed the SYN and can be
/// wrong. The first direction that is decisive decides: garbage (a mid-body pickup) keeps the reassembler's
/// roles rather than wait, because waiting would mean buffering an unbounded amount.
/// </summary>
internal sealed class Http1RoleSniffer
{
    private const int Window = Http1StartLineClassifier.DecisionWindow + 8;

    private readonly byte[] _clientBytes = new byte[Window];
    private readonly byte[] _serverBytes = new byte[Window];
    private int _clientLength;
    private int _serverLength;

    public long ClientFirstMicros { get; private set; }

    public long ServerFirstMicros { get; private set; }

    /// <summary>The direction whose bytes arrived first, so a replay keeps the capture order of message starts.</summary>
    public FlowDirection? FirstSpeaker { get; private set; }

    /// <summary>Forgets (and wipes) what was held, for the next connection.</summary>
    public void Reset()
    {
        _clientBytes.AsSpan(0, _clientLength).Clear();
        _serverBytes.AsSpan(0, _serverLength).Clear();
        _clientLength = 0;
        _serverLength = 0;
        ClientFirstMicros = 0;
        ServerFirstMicros = 0;
        FirstSpeaker = null;
    }

    public ReadOnlySpan<byte> Buffered(FlowDirection direction) =>
        direction == FlowDirection.ClientToServer ? _clientBytes.AsSpan(0, _clientLength) : _serverBytes.AsSpan(0, _serverLength);

    public long FirstMicros(FlowDirection direction) =>
        direction == FlowDirection.ClientToServer ? ClientFirstMicros : ServerFirstMicros;

    /// <summary>Takes up to the window of <paramref name="data"/> (<paramref name="taken"/> bytes) and guesses.</summary>
    public Http1RoleGuess Offer(FlowDirection direction, ReadOnlySpan<byte> data, long timestampMicros, out int taken)
    {
        var isClient = direction == FlowDirection.ClientToServer;
        var buffer = isClient ? _clientBytes : _serverBytes;
        ref var length = ref isClient ? ref _clientLength : ref _serverLength;
        if (length == 0 && !data.IsEmpty)
        {
            if (isClient)
            {
                ClientFirstMicros = timestampMicros;
            }
            else
            {
                ServerFirstMicros = timestampMicros;
            }
            FirstSpeaker ??= direction;
        }
        taken = Math.Min(data.Length, Window - length);
        data[..taken].CopyTo(buffer.AsSpan(length));
        length += taken;

        var start = buffer.AsSpan(0, length).TrimStart("\r\n"u8);
        if (start.IsEmpty)
        {
            return length == Window ? Http1RoleGuess.AsReassembled : Http1RoleGuess.Undecided;
        }
        var request = Http1StartLineClassifier.ClassifyRequest(start, strict: true);
        if (request == StartLineGuess.Plausible)
        {
            return isClient ? Http1RoleGuess.AsReassembled : Http1RoleGuess.Swapped;
        }
        var response = Http1StartLineClassifier.ClassifyResponse(start, strict: false);
        if (response == StartLineGuess.Plausible)
        {
            return isClient ? Http1RoleGuess.Swapped : Http1RoleGuess.AsReassembled;
        }
        if ((request == StartLineGuess.Garbage && response == StartLineGuess.Garbage) || length == Window)
        {
            return Http1RoleGuess.AsReassembled;
        }
        return Http1RoleGuess.Undecided;
    }
}
