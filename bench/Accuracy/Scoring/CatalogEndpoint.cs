namespace ApiSentinel.Bench.Accuracy.Scoring;

/// <summary>What the scorer reads of one catalog endpoint (or probed path) of <c>analyze --format json</c>.</summary>
internal sealed record CatalogEndpoint(
    string Host,
    string Method,
    string Path,
    long Requests,
    bool Shadow,
    bool Probed,
    IReadOnlyList<(string Type, string Location)> Sensitive);
