namespace ApiSentinel.Sensor.Http;

/// <summary>Running totals of HTTP/1.x parsing. Loss and damage each have their own counter.</summary>
public sealed class HttpCounters
{
    public long Requests;
    public long Responses;
    public long Transactions;
    /// <summary>Responses with no request to pair with.</summary>
    public long UnmatchedResponses;
    /// <summary>Requests that never got a response.</summary>
    public long UnansweredRequests;
    /// <summary>Times the parser skipped bytes to find the next start line.</summary>
    public long Resynchronisations;
    public long SkippedGarbageBytes;
    /// <summary>Gaps inside a header block: that direction stops being parsed until a new start line is found.</summary>
    public long HeaderGaps;
    /// <summary>Gaps inside a body, skipped by length.</summary>
    public long BodyGaps;
    public long AmbiguousFraming;
    public long ProtocolSwitches;
    public long DecodeErrors;
    /// <summary>Header blocks over <see cref="Http1Options.MaxHeaderBytes"/>.</summary>
    public long OversizedHeaders;
    /// <summary>Times the in-flight bound bit.</summary>
    public long PipelineOverflows;
    /// <summary>Messages inspected with less than their window (or not at all) because the shared inspection pool was exhausted.</summary>
    public long InspectionBudgetExhausted;
    /// <summary>Requests delivered unanswered because requests awaiting responses held more than <see cref="Http1Options.MaxPendingRequestBytes"/>.</summary>
    public long PendingBudgetOverflows;
    /// <summary>Connections on which the first request came from the side the reassembler called the server.</summary>
    public long RoleSwaps;
    /// <summary>Messages whose header block had lines the parser skipped or tolerated (bad field line, invalid name, bare LF, invalid Content-Length).</summary>
    public long MalformedHeaders;
    /// <summary>Chunked bodies whose framing broke (bad or overflowing size, garbage after chunk data): the body stopped there and the stream resynchronised.</summary>
    public long ChunkedFramingErrors;
}
