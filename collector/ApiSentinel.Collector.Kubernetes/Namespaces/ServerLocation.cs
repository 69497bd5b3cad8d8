namespace ApiSentinel.Collector.Kubernetes.Namespaces;

/// <summary>The Service an address belongs to: its namespace (where the endpoint's resource goes) and name.</summary>
public readonly record struct ServerLocation(string Namespace, string Service) : IComparable<ServerLocation>
{
    public int CompareTo(ServerLocation other)
    {
        var byNamespace = string.CompareOrdinal(Namespace, other.Namespace);
        return byNamespace != 0 ? byNamespace : string.CompareOrdinal(Service, other.Service);
    }
}
