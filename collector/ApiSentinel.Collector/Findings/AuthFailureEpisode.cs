namespace ApiSentinel.Collector.Findings;

/// <summary>Evidence of one auth-failure burst: failures by status, endpoints, and the densest window seen.</summary>
internal sealed partial class AuthFailureEpisode(long fromMicros, FindingOptions options) : Episode(fromMicros, options)
{
    private long _unauthorized;
    private long _forbidden;
    private int _peak;

    public void NotePeak(int failuresInWindow) => _peak = Math.Max(_peak, failuresInWindow);

    public void Add(in AuthFailureEvent failure)
    {
        Cover(failure.TimestampMicros, failure.Endpoint);
        if (failure.Status == 401)
        {
            _unauthorized++;
        }
        else
        {
            _forbidden++;
        }
    }

    public override Finding ToFinding(string client, string source)
    {
        var failures = _unauthorized + _forbidden;
        var evidence = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["failures"] = EvidenceText.Count(failures),
            ["status401"] = EvidenceText.Count(_unauthorized),
            ["status403"] = EvidenceText.Count(_forbidden),
            ["endpoints"] = EvidenceText.Count(EndpointCount),
            ["peakInWindow"] = EvidenceText.Count(_peak),
            ["windowLimitSeconds"] = EvidenceText.Seconds(Options.AuthFailureWindowMicros),
            ["windowSeconds"] = EvidenceText.Seconds(ToMicros - FromMicros),
        };

        var severity = failures >= Options.AuthFailureHighSeverityCount ? FindingSeverities.High : FindingSeverities.Medium;
        var summary = $"{client} got {evidence["failures"]} 401/403 answers on {evidence["endpoints"]} endpoint(s) in {evidence["windowSeconds"]} s (peak {evidence["peakInWindow"]} within {evidence["windowLimitSeconds"]} s)";
        return Build(FindingKinds.AuthFailureBurst, severity, client, source, summary, evidence);
    }
}
