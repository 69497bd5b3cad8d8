namespace ApiSentinel.Sensor.Http;

/// <summary>Bounds of HTTP/1.x parsing; defaults are DESIGN.md's.</summary>
public sealed class Http1Options
{
    /// <summary>Requests awaiting their response per connection (pipelining); beyond it the oldest is delivered unanswered.</summary>
    public int MaxInFlightRequests { get; set; } = 100;

    /// <summary>
    /// The default of <see cref="BodyInspectionLimit"/>, 64 KiB: DESIGN.md's; an API body past it is rare, and its
    /// start holds the schema. The one home of the number — the HTTP layer, HAR input and the sensitive-data text scan
    /// all take the configured limit, never a copy of their own.
    /// </summary>
    public const int DefaultBodyInspectionLimit = 64 * 1024;

    /// <summary>
    /// Decoded body bytes kept per message for inspection (sensitive data, schema), packets and HAR alike; the
    /// pipeline hands the same value to the extractor's text scan (<c>--body-limit</c>).
    /// </summary>
    public int BodyInspectionLimit { get; set; } = DefaultBodyInspectionLimit;

    /// <summary>
    /// Body-inspection memory (decoded windows and encoded prefixes) across all connections and messages in
    /// flight: one pool, so pipelining cannot multiply <see cref="BodyInspectionLimit"/>. Default 64 MiB (1,024
    /// full windows). Exhausted, a message is inspected with less and counted (<see cref="HttpCounters.InspectionBudgetExhausted"/>).
    /// </summary>
    public long InspectionBudgetBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// Memory held by requests awaiting their response, across all connections (their header storage and
    /// inspected body). Beyond it the globally oldest pending request, on whichever connection, is given up (delivered
    /// unanswered, counted in <see cref="HttpCounters.PendingBudgetOverflows"/>), as at <see cref="MaxInFlightRequests"/>.
    /// Default 32 MiB: half the inspection pool, so unanswered requests cannot starve the messages being answered.
    /// </summary>
    public long MaxPendingRequestBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>Largest start line plus header block; a longer one is treated as garbage and resynchronised past.</summary>
    public int MaxHeaderBytes { get; set; } = 64 * 1024;
}
