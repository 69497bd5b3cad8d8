namespace ApiSentinel.Collector.Catalog;

/// <summary>What a batch's sequence is to its stream's ingest position (<see cref="ApiCatalog.Advance"/>).</summary>
internal enum PositionCheck
{
    /// <summary>The stream's first batch, or position + 1: ingest it; it is the position now.</summary>
    Next,

    /// <summary>At or before the position: already in the catalog; not ingested.</summary>
    Replay,

    /// <summary>Past position + 1 on a known stream: batches in between were never ingested; refused, the position stays.</summary>
    Gap,
}
