namespace ApiSentinel.Collector.Catalog;

/// <summary>The identity of an endpoint: host, method and path template (<c>/users/{userId}</c>).</summary>
public readonly record struct EndpointKey(string Host, string Method, string PathTemplate)
{
    public override string ToString() => $"{Method} {Host}{PathTemplate}";
}
