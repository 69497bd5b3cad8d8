namespace ApiSentinel.Bench.CatalogThroughput;

/// <summary>
/// One synthetic client: its address and how it authenticates. A client keeps its credential, as real API
/// consumers do; fingerprints come from a shared pool of a few thousand credentials.
/// </summary>
internal sealed record Client(
    string Address,
    string Auth,
    string? AuthLocation,
    string? JwtAlgorithm,
    string? CredentialFingerprint,
    string UserAgent,
    string? ClientTool);
