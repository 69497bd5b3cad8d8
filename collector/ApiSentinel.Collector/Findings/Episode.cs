using ApiSentinel.Collector.Endpoints;

namespace ApiSentinel.Collector.Findings;

/// <summary>
/// What one (kind, client) episode has accumulated so far: its time span, the endpoints involved, and (in the
/// subclass) the kind's own evidence. An episode stays open while triggers keep coming within
/// <see cref="FindingOptions.EpisodeMergeGapMicros"/> of its last contributing call.
/// </summary>
internal abstract partial class Episode(long fromMicros, FindingOptions options)
{
    private readonly HashSet<EndpointKey> _endpoints = [];

    protected FindingOptions Options { get; } = options;

    public long FromMicros { get; private set; } = fromMicros;

    public long ToMicros { get; private set; } = fromMicros;

    /// <summary>Endpoints beyond <see cref="FindingOptions.MaxEndpointsPerFinding"/>, not listed.</summary>
    protected int EndpointsNotListed { get; private set; }

    protected int EndpointCount => _endpoints.Count + EndpointsNotListed;

    public bool Continues(long triggerMicros) => triggerMicros - ToMicros <= Options.EpisodeMergeGapMicros;

    /// <summary>
    /// Adds one contributing call; calls may arrive slightly out of order, so both ends can move. True when the
    /// endpoint is listed (it stays listed for the episode's life).
    /// </summary>
    protected bool Cover(long timestampMicros, EndpointKey endpoint)
    {
        Cover(timestampMicros);
        if (_endpoints.Contains(endpoint))
        {
            return true;
        }

        if (_endpoints.Count < Options.MaxEndpointsPerFinding)
        {
            _endpoints.Add(endpoint);
            return true;
        }

        EndpointsNotListed++;
        return false;
    }

    /// <summary>Adds one contributing call of an endpoint already listed.</summary>
    protected void Cover(long timestampMicros)
    {
        FromMicros = Math.Min(FromMicros, timestampMicros);
        ToMicros = Math.Max(ToMicros, timestampMicros);
    }

    public abstract Finding ToFinding(string client, string source);

    protected Finding Build(string kind, string severity, string client, string source, string summary, Dictionary<string, string> evidence)
    {
        if (EndpointsNotListed > 0)
        {
            evidence["endpointsNotListed"] = EvidenceText.Count(EndpointsNotListed);
        }

        var endpoints = _endpoints.ToArray();
        Array.Sort(endpoints, EndpointOrder.Instance);
        return new Finding(kind, severity, client, FromMicros, ToMicros, summary, evidence, endpoints) { Source = source };
    }
}
