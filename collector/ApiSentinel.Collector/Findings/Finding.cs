using ApiSentinel.Collector.Catalog;

namespace ApiSentinel.Collector.Findings;

/// <summary>
/// One behavioural episode of one client: what was seen (<see cref="Kind"/>), how bad (<see cref="Severity"/>),
/// when (µs since the Unix epoch, first and last contributing call) and why (<see cref="Evidence"/>). Evidence
/// holds structure only — counts, ratios, path templates, tool names — never request values.
/// </summary>
public sealed record Finding(
    string Kind,
    string Severity,
    string Client,
    long FromMicros,
    long ToMicros,
    string Summary,
    IReadOnlyDictionary<string, string> Evidence,
    IReadOnlyList<EndpointKey> Endpoints);
