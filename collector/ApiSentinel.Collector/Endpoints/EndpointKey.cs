namespace ApiSentinel.Collector.Endpoints;

/// <summary>
/// The identity of an endpoint: host, method and path template (<c>/users/{userId}</c>). It lives apart from the
/// catalog so that the stages the catalog composes (findings, risk) can name endpoints without depending on it.
/// </summary>
public readonly record struct EndpointKey(string Host, string Method, string PathTemplate)
{
    public override string ToString() => $"{Method} {Host}{PathTemplate}";
}
