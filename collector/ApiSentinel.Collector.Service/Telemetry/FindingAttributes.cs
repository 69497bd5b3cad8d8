namespace ApiSentinel.Collector.Service.Telemetry;

/// <summary>
/// The attributes of a finding record. Every value is structure the catalog already holds — kinds, severities,
/// addresses, endpoint templates, counts — never a request value: <see cref="ApiSentinel.Collector.Findings.Finding"/>
/// carries none to give.
/// </summary>
public static class FindingAttributes
{
    /// <summary>Stable across updates of one finding: hex of a hash of (kind, source, client, start), or (kind, start, endpoint) for content findings.</summary>
    public const string Id = "finding.id";

    public const string Kind = "finding.kind";

    public const string Severity = "finding.severity";

    /// <summary>The sensor or proxy whose calls showed the behaviour; absent for content findings.</summary>
    public const string Source = "finding.source";

    /// <summary>The client address; absent for content findings.</summary>
    public const string Client = "client.address";

    /// <summary>First and last contributing call, RFC 3339 UTC.</summary>
    public const string Start = "finding.start";

    public const string End = "finding.end";

    public const string Summary = "finding.summary";

    /// <summary>The endpoints involved, as <c>METHOD host/template</c> strings (an array).</summary>
    public const string Endpoints = "finding.endpoints";

    /// <summary>Prefix of one attribute per evidence entry: <c>finding.evidence.distinct_paths</c>.</summary>
    public const string EvidencePrefix = "finding.evidence.";
}
