using ApiSentinel.Collector.Endpoints;

namespace ApiSentinel.Collector.Findings;

/// <summary>Ordinal order of id streams (endpoint, then parameter position) for deterministic evidence.</summary>
internal sealed class IdStreamOrder : IComparer<IdStreamKey>
{
    public static readonly IdStreamOrder Instance = new();

    public int Compare(IdStreamKey x, IdStreamKey y)
    {
        var byEndpoint = EndpointOrder.Instance.Compare(x.Endpoint, y.Endpoint);
        return byEndpoint != 0 ? byEndpoint : x.Position.CompareTo(y.Position);
    }
}
