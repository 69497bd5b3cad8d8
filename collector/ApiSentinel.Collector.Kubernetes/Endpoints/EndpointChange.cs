using ApiSentinel.Crds.ApiEndpoints;

namespace ApiSentinel.Collector.Kubernetes.Endpoints;

/// <summary>
/// One due write, as <see cref="EndpointLedger.Due"/> hands it out: the resource's key, what to do, and for applies
/// the latest projection (coalesced: changes in between were never written, only this one is).
/// </summary>
public sealed record EndpointChange(ResourceKey Key, ChangeKind Kind, V1Alpha1ApiEndpoint? Resource)
{
    /// <summary>The object (labels, spec) must be applied before the status.</summary>
    public bool NeedsObject { get; init; }

    /// <summary>The status must be applied (and may be, this flush).</summary>
    public bool NeedsStatus { get; init; }

    /// <summary>Our labels as last written; null for a resource the server does not have yet (for Events).</summary>
    public IReadOnlyDictionary<string, string>? PreviousLabels { get; init; }

    /// <summary>Consecutive failures of this entry before this attempt (0: a first attempt).</summary>
    public int Failures { get; init; }

    /// <summary>The entry's last failure was a 404 on its status write (the status subresource missing, not the object).</summary>
    public bool StatusMissing { get; init; }
}
