namespace ApiSentinel.Collector.Specs;

/// <summary>
/// One operation of a spec, reduced to what the collector compares against traffic.
/// </summary>
/// <param name="Method">Upper-case HTTP method.</param>
/// <param name="PathTemplate">Path with the server base path prefixed, parameters as <c>{name}</c>.</param>
/// <param name="ResponseStatuses">Declared response keys as written: <c>200</c>, <c>4XX</c>, <c>default</c>.</param>
/// <param name="RequestFields">Body field path (<c>$.a.b</c>, <c>$.items[*].c</c>, <c>$.map.*</c>) → type expression.</param>
/// <param name="ResponseFields">Same, merged over all responses and JSON-like media types.</param>
/// <param name="SecuritySchemes">
/// Kinds of credential the operation accepts (<see cref="SecuritySchemeKinds"/>): <c>basic</c>, <c>bearer</c>, <c>digest</c>,
/// <c>api-key</c>, <c>oauth2</c>, <c>openid</c>, <c>mtls</c>, <c>none</c> (anonymous allowed). Empty when the spec says nothing.
/// </param>
public sealed record SpecOperation(
    string Method,
    string PathTemplate,
    string? OperationId,
    bool Deprecated,
    IReadOnlyList<SpecParameter> Parameters,
    IReadOnlySet<string> ResponseStatuses,
    IReadOnlyDictionary<string, string> RequestFields,
    IReadOnlyDictionary<string, string> ResponseFields,
    IReadOnlyList<string> SecuritySchemes)
{
    /// <summary>Header names used by the operation's api-key schemes (lower-case); such headers are documented.</summary>
    public IReadOnlySet<string> CredentialHeaders { get; init; } = new HashSet<string>();

    /// <summary>Query parameter names used by the operation's api-key schemes; such parameters are documented.</summary>
    public IReadOnlySet<string> CredentialQueryParameters { get; init; } = new HashSet<string>();
}
