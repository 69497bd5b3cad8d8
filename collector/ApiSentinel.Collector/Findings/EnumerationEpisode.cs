using System.Globalization;

namespace ApiSentinel.Collector.Findings;

/// <summary>
/// Evidence of one enumeration episode: per endpoint parameter, the id range the near-sequential runs covered;
/// overall, the distinct ids and how many of the calls succeeded (a high success ratio means records were
/// actually returned — the difference between a probe and a breach).
/// </summary>
internal sealed partial class EnumerationEpisode(long fromMicros, FindingOptions options) : Episode(fromMicros, options)
{
    private readonly SortedDictionary<IdStreamKey, IdRun> _ranges = new(IdStreamOrder.Instance);
    private readonly HashSet<(IdStreamKey, long)> _ids = [];
    private bool _idsCapped;
    private long _calls;
    private long _answered;
    private long _succeeded;

    public void AddRun(IdStreamKey stream, IdRun run)
    {
        if (_ranges.TryGetValue(stream, out var known))
        {
            _ranges[stream] = new IdRun(Math.Min(known.First, run.First), Math.Max(known.Last, run.Last), Math.Max(known.Length, run.Length));
        }
        else if (_ranges.Count < Options.MaxEndpointsPerFinding)
        {
            _ranges.Add(stream, run);
        }
    }

    public void Add(IdStreamKey stream, in IdEvent call)
    {
        Cover(call.TimestampMicros, stream.Endpoint);
        _calls++;
        _answered += call.Answered ? 1 : 0;
        _succeeded += call.Succeeded ? 1 : 0;
        if (_ids.Count < Options.MaxDistinctPerEpisode)
        {
            _ids.Add((stream, call.Id));
        }
        else if (!_ids.Contains((stream, call.Id)))
        {
            _idsCapped = true;
        }
    }

    public override Finding ToFinding(string client, string source)
    {
        var single = _ranges.Count == 1;
        var ranges = string.Join("; ", _ranges.Select(pair => single
            ? Range(pair.Value)
            : $"{pair.Key.Endpoint} {ParameterName(pair.Key)}: {Range(pair.Value)}"));
        var parameters = string.Join(", ", _ranges.Keys.Select(ParameterName).Distinct(StringComparer.Ordinal));
        var evidence = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["distinctIds"] = EvidenceText.Count(_ids.Count, _idsCapped),
            ["idRange"] = ranges,
            ["parameter"] = parameters,
            ["requests"] = EvidenceText.Count(_calls),
            ["successRatio"] = EvidenceText.Ratio(_succeeded, _answered),
            ["windowSeconds"] = EvidenceText.Seconds(ToMicros - FromMicros),
        };

        var severity = _answered > 0 && (double)_succeeded / _answered >= Options.EnumerationHighSeveritySuccessRatio
            ? FindingSeverities.High
            : FindingSeverities.Medium;
        var target = single ? $"{_ranges.Keys.First().Endpoint}" : $"{_ranges.Count} endpoint parameters";
        var summary = $"{client} walked {evidence["distinctIds"]} near-sequential ids ({ranges}) on {target}; {EvidenceText.Percent(_succeeded, _answered)} succeeded";
        return Build(FindingKinds.Enumeration, severity, client, source, summary, evidence);
    }

    private static string Range(IdRun run) =>
        string.Create(CultureInfo.InvariantCulture, $"{run.First}-{run.Last}");

    private static string ParameterName(IdStreamKey stream)
    {
        var segments = stream.Endpoint.PathTemplate.Split('/');
        return stream.Position < segments.Length ? segments[stream.Position] : "?";
    }
}
