namespace ApiSentinel.Collector.Findings;

/// <summary>Evidence of one scanning episode: calls, 404/405 share, distinct templates (with a sample) and tools named.</summary>
internal sealed partial class ScannerEpisode(long fromMicros, FindingOptions options) : Episode(fromMicros, options)
{
    private readonly HashSet<string> _templates = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _tools = new(StringComparer.Ordinal);
    private bool _templatesCapped;
    private long _calls;
    private long _answered;
    private long _notFound;

    public void Add(in ScanEvent scan)
    {
        Cover(scan.TimestampMicros, scan.Endpoint);
        _calls++;
        _answered += scan.Answered ? 1 : 0;
        _notFound += scan.NotFound ? 1 : 0;
        if (scan.Tool is not null && _tools.Count < Options.ScannerSamplePaths)
        {
            _tools.Add(scan.Tool);
        }

        if (_templates.Count < Options.MaxDistinctPerEpisode)
        {
            _templates.Add(scan.Endpoint.PathTemplate);
        }
        else if (!_templates.Contains(scan.Endpoint.PathTemplate))
        {
            _templatesCapped = true;
        }
    }

    public override Finding ToFinding(string client, string source)
    {
        var sample = _templates.Order(StringComparer.Ordinal).Take(Options.ScannerSamplePaths);
        var tool = _tools.Count == 0 ? "none" : string.Join(", ", _tools);
        var evidence = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["distinctPaths"] = EvidenceText.Count(_templates.Count, _templatesCapped),
            ["requests"] = EvidenceText.Count(_calls),
            ["notFoundResponses"] = EvidenceText.Count(_notFound),
            ["errorRatio"] = EvidenceText.Ratio(_notFound, _answered),
            ["tool"] = tool,
            ["samplePaths"] = string.Join(", ", sample),
            ["windowSeconds"] = EvidenceText.Seconds(ToMicros - FromMicros),
        };

        var severity = _tools.Count > 0 || _templates.Count >= Options.ScannerHighSeverityDistinctPaths
            ? FindingSeverities.High
            : FindingSeverities.Medium;
        var summary = _tools.Count > 0
            ? $"{client} used {tool}: {evidence["requests"]} requests to {evidence["distinctPaths"]} distinct paths, {EvidenceText.Percent(_notFound, _answered)} answered 404/405"
            : $"{client} probed {evidence["distinctPaths"]} distinct paths in {evidence["windowSeconds"]} s, {EvidenceText.Percent(_notFound, _answered)} answered 404/405";
        return Build(FindingKinds.Scanner, severity, client, source, summary, evidence);
    }
}
