namespace ApiSentinel.Sensor.Daemon.Metrics;

/// <summary>
/// The <c>reason</c> label values of the labelled loss counters (<see cref="CounterNames.HttpLosses"/>,
/// <see cref="CounterNames.ExtractionLosses"/>, <see cref="CounterNames.ExchangesPassedOver"/>), one home for
/// /metrics, the counter log line and SensorStatus (<c>NAME.REASON</c>).
/// </summary>
internal static class LossReasons
{
    // HTTP/1.x parsing (HttpCounters).
    public const string UnansweredRequests = "unanswered_requests";
    public const string UnmatchedResponses = "unmatched_responses";
    public const string PipelineOverflows = "pipeline_overflows";
    public const string PendingBudgetOverflows = "pending_budget_overflows";
    public const string OversizedHeaders = "oversized_headers";
    public const string DecodeErrors = "decode_errors";
    public const string HeaderGaps = "header_gaps";
    public const string BodyGaps = "body_gaps";
    public const string InspectionBudgetExhausted = "inspection_budget_exhausted";
    public const string Resynchronisations = "resynchronisations";
    public const string AmbiguousFraming = "ambiguous_framing";
    public const string MalformedHeaders = "malformed_headers";
    public const string ChunkedFramingErrors = "chunked_framing_errors";

    // Exchange extraction (ExtractionCounters, packets and access logs).
    public const string BodiesTruncatedForInspection = "bodies_truncated_for_inspection";
    public const string InvalidMethods = "invalid_methods";
    public const string InvalidHosts = "invalid_hosts";
    public const string RedactedHosts = "redacted_hosts";
    public const string NamesWithheld = "names_withheld";
    public const string DataKeys = "data_keys";

    // The exchange orderer's bounds (ExchangeOrderer).
    public const string Wait = "wait";
    public const string Count = "count";
}
