using ApiSentinel.Collector.Catalog;

namespace ApiSentinel.Collector.Storage;

/// <summary>A batch in the journal: acknowledged to its sensor but not yet covered by a checkpoint.</summary>
public sealed record JournalEntry(StreamKey Stream, long Sequence, ReadOnlyMemory<byte> Batch);
