namespace ApiSentinel.Collector.Kubernetes.Endpoints;

/// <summary>What a due write is, in the order a flush takes them (the enum's order).</summary>
public enum ChangeKind
{
    /// <summary>An endpoint with no resource yet (or in a new namespace): apply the object, then its status.</summary>
    New,

    /// <summary>Labels or spec changed (risk level, shadow, spec state, inactive): apply the object, then the status.</summary>
    Labels,

    /// <summary>A resource no endpoint names any more (merged, moved, unseen for the delete time, orphaned).</summary>
    Delete,

    /// <summary>Only the status changed; the longest-unwritten first.</summary>
    Status,
}
