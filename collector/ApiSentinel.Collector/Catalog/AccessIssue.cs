namespace ApiSentinel.Collector.Catalog;

/// <summary>
/// A weak access-control pattern seen on an endpoint, with its evidence: <c>basic-over-plaintext</c>,
/// <c>credentials-in-query</c>, <c>jwt-alg-none</c>, <c>jwt-symmetric</c>, <c>mixed-auth</c>, <c>no-auth</c>,
/// <c>token-proliferation</c>.
/// </summary>
public sealed record AccessIssue(string Kind, string Evidence);
