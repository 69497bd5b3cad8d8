using ApiSentinel.Collector.Catalog;

namespace ApiSentinel.Collector.Storage;

/// <summary>
/// What a collector restarts from: the last checkpoint's catalog state (null before the first), the positions it covers,
/// and the journal entries after them in append order. Import the state, then ingest each pending entry with its
/// stream and sequence: every acknowledged batch is then in the catalog exactly once.
/// </summary>
public sealed record StoreRecovery(byte[]? CatalogState, IReadOnlyDictionary<StreamKey, long> Positions, IReadOnlyList<JournalEntry> Pending);
