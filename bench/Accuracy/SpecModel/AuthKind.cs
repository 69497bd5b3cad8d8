namespace ApiSentinel.Bench.Accuracy.SpecModel;

/// <summary>How an operation's caller authenticates, from its first OpenAPI security requirement.</summary>
internal enum AuthKind
{
    None,
    BearerJwt,
    Basic,
    ApiKeyHeader,
    ApiKeyQuery,
}
