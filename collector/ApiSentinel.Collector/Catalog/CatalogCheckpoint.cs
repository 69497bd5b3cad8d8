namespace ApiSentinel.Collector.Catalog;

/// <summary>
/// What a durable store writes in one transaction, produced on the catalog owner's task so its parts agree: the build
/// done for it, the catalog's state right after that build, the ingest positions that state covers, the hourly usage
/// drained since the previous checkpoint (under the identities of this build), and every rename since the previous
/// checkpoint — composed across the builds in between — so stored usage of a superseded identity moves to the new one.
/// </summary>
/// <remarks>
/// The usage is not in <see cref="State"/>: stored together, they count every call once. If the store cannot write the
/// checkpoint, <see cref="CatalogOwner.CheckpointFailedAsync"/> gives the usage and the renames back to the owner, so the
/// next checkpoint carries them; if the process dies instead, the store still holds the previous checkpoint and the
/// journal after its positions, which replays the same calls.
/// </remarks>
public sealed class CatalogCheckpoint
{
    internal CatalogCheckpoint(CatalogSnapshot snapshot, byte[] state, IReadOnlyDictionary<StreamKey, long> positions,
        IReadOnlyList<DrainedUsage> drained, IReadOnlyList<EndpointRename> renames)
    {
        Snapshot = snapshot;
        State = state;
        Positions = positions;
        Drained = drained;
        Usage = drained.Select(d => d.Bucket).ToList();
        Renames = renames;
    }

    /// <summary>The build done for this checkpoint (also published as <see cref="CatalogOwner.Latest"/>).</summary>
    public CatalogSnapshot Snapshot { get; }

    /// <summary>The catalog's state (<see cref="ApiCatalog.ExportState"/>) right after the build.</summary>
    public byte[] State { get; }

    /// <summary>The last sequence ingested per stream; the same positions are inside <see cref="State"/>.</summary>
    public IReadOnlyDictionary<StreamKey, long> Positions { get; }

    /// <summary>Hourly usage since the previous checkpoint, by endpoint identity after this build, in identity-key and hour order.</summary>
    public IReadOnlyList<UsageBucket> Usage { get; }

    /// <summary>Identities stored before this checkpoint that now live under another, at most one entry per old identity.</summary>
    public IReadOnlyList<EndpointRename> Renames { get; }

    internal IReadOnlyList<DrainedUsage> Drained { get; }
}
