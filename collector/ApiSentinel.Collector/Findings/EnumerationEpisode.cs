using System.Globalization;

namespace ApiSentinel.Collector.Findings;

/// <summary>
/// Evidence of one enumeration episode: per endpoint parameter, the id range the near-sequential runs covered;
/// overall, the distinct ids and how many of the calls succeeded (a high success ratio means records were
/// actually returned — the difference between a probe and a breach).
/// </summary>
internal sealed partial class EnumerationEpisode(long fromMicros, FindingOptions options) : Episode(fromMicros, options)
{
    /// <summary>
    /// What the episode holds for one id stream: its distinct ids, its range, whether its endpoint is listed. The
    /// tracker keeps a stream's evidence next to the stream while the episode lasts, so a call adds to it without
    /// hashing the stream's (host, method, template, position) — an episode keyed by the stream's value hashed three
    /// strings twice or thrice per call and walked a sorted tree per new id (bench/CatalogThroughput's busiest
    /// clients stay in episodes for the whole run).
    /// </summary>
    internal sealed class StreamEvidence(IdStreamKey stream)
    {
        public IdStreamKey Stream { get; } = stream;

        public HashSet<long> Ids { get; } = [];

        public IdRun Range;

        public bool Ranged;

        /// <summary>The stream's endpoint is among the episode's listed endpoints (listing only grows).</summary>
        public bool Listed;
    }

    private readonly Dictionary<IdStreamKey, StreamEvidence> _streams = [];
    private int _ranged;
    private int _distinctIds;
    private bool _idsCapped;
    private long _calls;
    private long _answered;
    private long _succeeded;

    /// <summary>
    /// The evidence of one stream, created on first need; null when the stream could add nothing but counts (every
    /// id and range place taken), which keeps the streams held bounded by the id and range caps.
    /// </summary>
    public StreamEvidence? EvidenceFor(IdStreamKey stream)
    {
        if (_streams.TryGetValue(stream, out var evidence))
        {
            return evidence;
        }

        if (_distinctIds >= Options.MaxDistinctPerEpisode && _ranged >= Options.MaxEndpointsPerFinding)
        {
            return null;
        }

        evidence = new StreamEvidence(stream);
        _streams.Add(stream, evidence);
        return evidence;
    }

    public void AddRun(StreamEvidence? stream, IdRun run)
    {
        if (stream is null)
        {
            return;
        }

        if (stream.Ranged)
        {
            var known = stream.Range;
            stream.Range = new IdRun(Math.Min(known.First, run.First), Math.Max(known.Last, run.Last), Math.Max(known.Length, run.Length));
        }
        else if (_ranged < Options.MaxEndpointsPerFinding)
        {
            stream.Range = run;
            stream.Ranged = true;
            _ranged++;
        }
    }

    public void Add(IdStreamKey key, StreamEvidence? stream, in IdEvent call)
    {
        if (stream is not null && stream.Listed)
        {
            Cover(call.TimestampMicros);
        }
        else
        {
            var listed = Cover(call.TimestampMicros, key.Endpoint);
            if (stream is not null)
            {
                stream.Listed = listed;
            }
        }

        _calls++;
        _answered += call.Answered ? 1 : 0;
        _succeeded += call.Succeeded ? 1 : 0;
        if (stream is null)
        {
            // Every id place is taken and this stream holds none.
            _idsCapped = true;
        }
        else if (_distinctIds < Options.MaxDistinctPerEpisode)
        {
            _distinctIds += stream.Ids.Add(call.Id) ? 1 : 0;
        }
        else if (!stream.Ids.Contains(call.Id))
        {
            _idsCapped = true;
        }
    }

    /// <summary>The streams with a range, in stream order (what the finding and the state list).</summary>
    private List<StreamEvidence> Ranges()
    {
        var ranged = _streams.Values.Where(s => s.Ranged).ToList();
        ranged.Sort((x, y) => IdStreamOrder.Instance.Compare(x.Stream, y.Stream));
        return ranged;
    }

    public override Finding ToFinding(string client, string source)
    {
        var ranged = Ranges();
        var single = ranged.Count == 1;
        var ranges = string.Join("; ", ranged.Select(s => single
            ? Range(s.Range)
            : $"{s.Stream.Endpoint} {ParameterName(s.Stream)}: {Range(s.Range)}"));
        var parameters = string.Join(", ", ranged.Select(s => ParameterName(s.Stream)).Distinct(StringComparer.Ordinal));
        var evidence = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["distinctIds"] = EvidenceText.Count(_distinctIds, _idsCapped),
            ["idRange"] = ranges,
            ["parameter"] = parameters,
            ["requests"] = EvidenceText.Count(_calls),
            ["successRatio"] = EvidenceText.Ratio(_succeeded, _answered),
            ["windowSeconds"] = EvidenceText.Seconds(ToMicros - FromMicros),
        };

        var severity = _answered > 0 && (double)_succeeded / _answered >= Options.EnumerationHighSeveritySuccessRatio
            ? FindingSeverities.High
            : FindingSeverities.Medium;
        var target = single ? $"{ranged[0].Stream.Endpoint}" : $"{ranged.Count} endpoint parameters";
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
