namespace ApiSentinel.EndToEnd.Tests.Privacy;

/// <summary>OTLP/HTTP paths and the names the positive controls look for in the raw payloads.</summary>
internal static class OtlpPaths
{
    public const string Metrics = "/v1/metrics";
    public const string Logs = "/v1/logs";
    public const string CallsIngestedMetric = "apisentinel.collector.calls.ingested";
    public const string FindingKindAttribute = "finding.kind";
}
