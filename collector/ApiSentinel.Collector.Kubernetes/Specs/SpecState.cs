using ApiSentinel.Crds.ApiSpecs;

namespace ApiSentinel.Collector.Kubernetes.Specs;

/// <summary>What the controller knows of one ApiSpec between reconciles. Touched only by the reconcile loop, except
/// <see cref="Pending"/>, which the refresh tick reads.</summary>
internal sealed class SpecState
{
    /// <summary>Hash of the document (or why it is missing) and the hosts: unchanged means nothing to parse again.</summary>
    public string? Fingerprint { get; set; }

    public SpecOutcome? Outcome { get; set; }

    /// <summary>Whether the catalog holds a spec under this ApiSpec's id.</summary>
    public bool InCatalog { get; set; }

    /// <summary>The catalog snapshot generation when the spec was set: a build after it has used the spec.</summary>
    public long SetAtGeneration { get; set; }

    /// <summary>The status last written, and when.</summary>
    public ApiSpecStatus? Written { get; set; }

    public DateTimeOffset? WrittenAt { get; set; }

    /// <summary>A status change waits for the refresh tick (written too recently, a build to come, or a failed write).</summary>
    public volatile bool Pending;
}
