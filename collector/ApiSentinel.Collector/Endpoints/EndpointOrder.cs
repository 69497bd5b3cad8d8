namespace ApiSentinel.Collector.Endpoints;

/// <summary>Ordinal order of endpoints (host, template, method) so listings never depend on hash order.</summary>
public sealed class EndpointOrder : IComparer<EndpointKey>
{
    public static readonly EndpointOrder Instance = new();

    private EndpointOrder()
    {
    }

    public int Compare(EndpointKey x, EndpointKey y)
    {
        var byHost = string.CompareOrdinal(x.Host, y.Host);
        if (byHost != 0)
        {
            return byHost;
        }

        var byPath = string.CompareOrdinal(x.PathTemplate, y.PathTemplate);
        return byPath != 0 ? byPath : string.CompareOrdinal(x.Method, y.Method);
    }
}
