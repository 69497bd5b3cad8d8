using ApiSentinel.Collector.Catalog;

namespace ApiSentinel.Collector.Storage;

/// <summary>
/// What a collector restarts from: the last checkpoint's catalog state (null before the first), the positions it covers,
/// and the journal entries after them in append order. Import the state, then ingest each pending entry with its
/// stream and sequence: every acknowledged batch is then in the catalog exactly once.
/// </summary>
/// <remarks>
/// <see cref="Pending"/> is read lazily: its count is known at once, its entries are read from the database one at a
/// time as it is enumerated (each enumeration reads anew), so a journal grown by many failed checkpoints never has to
/// fit in memory at start-up. It holds the entries present when <see cref="CollectorStore.Recover"/> ran (appends
/// after it are not in it); enumerate it before the next checkpoint, which deletes the entries it covers.
/// </remarks>
public sealed record StoreRecovery(byte[]? CatalogState, IReadOnlyDictionary<StreamKey, long> Positions, IReadOnlyCollection<JournalEntry> Pending);
