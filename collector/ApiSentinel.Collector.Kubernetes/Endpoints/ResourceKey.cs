namespace ApiSentinel.Collector.Kubernetes.Endpoints;

/// <summary>Where one <c>ApiEndpoint</c> lives: the same name in another namespace is another resource.</summary>
public readonly record struct ResourceKey(string Namespace, string Name)
{
    public override string ToString() => Namespace + "/" + Name;
}
