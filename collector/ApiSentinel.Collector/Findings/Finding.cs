using ApiSentinel.Collector.Endpoints;

namespace ApiSentinel.Collector.Findings;

/// <summary>
/// One behavioural episode of one client: what was seen (<see cref="Kind"/>), how bad (<see cref="Severity"/>),
/// when (µs since the Unix epoch, first and last contributing call) and why (<see cref="Evidence"/>). Evidence
/// holds structure only — counts, ratios, path templates, tool names — never request values. <see cref="Client"/>
/// is null for content findings (<see cref="FindingKinds.IsBehavioural"/> false), which no one client caused.
/// <see cref="Source"/> is the sensor or proxy whose calls showed the behaviour: windows run on each source's own
/// event time, so a client seen by two sources has an episode per source.
/// </summary>
public sealed record Finding(
    string Kind,
    string Severity,
    string? Client,
    long FromMicros,
    long ToMicros,
    string Summary,
    IReadOnlyDictionary<string, string> Evidence,
    IReadOnlyList<EndpointKey> Endpoints)
{
    /// <summary>The source (<see cref="ApiSentinel.Contract.ApiCall.Source"/>) whose calls made the episode; null for content findings.</summary>
    public string? Source { get; init; }
}
