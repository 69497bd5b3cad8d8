namespace ApiSentinel.Bench.Accuracy.SpecModel;

/// <summary>An operation's authentication: the kind and, for API keys, the header or query parameter name.</summary>
internal sealed record OperationAuth(AuthKind Kind, string? ParameterName)
{
    public static readonly OperationAuth None = new(AuthKind.None, null);

    /// <summary>The catalog location (as the engine names it) where this credential travels; null without auth.</summary>
    public string? Location => Kind switch
    {
        AuthKind.BearerJwt or AuthKind.Basic => "request.header.authorization",
        AuthKind.ApiKeyHeader => "request.header." + ParameterName!.ToLowerInvariant(),
        AuthKind.ApiKeyQuery => "request.query." + ParameterName,
        _ => null,
    };
}
