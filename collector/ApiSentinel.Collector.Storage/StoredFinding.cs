namespace ApiSentinel.Collector.Storage;

/// <summary>
/// A finding as stored: one row per episode (<see cref="Kind"/>, <see cref="Source"/>, <see cref="Client"/> and the time
/// it spans), updated as the episode grows. <see cref="Endpoints"/> are endpoint identities; <see cref="Evidence"/> is
/// the finding's own evidence — structure only (counts, ratios, templates), as the catalog holds no raw value.
/// </summary>
public sealed record StoredFinding(
    long Id,
    string Kind,
    string Severity,
    string? Source,
    string? Client,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    string Summary,
    IReadOnlyList<string> Endpoints,
    IReadOnlyDictionary<string, string> Evidence);
