using ApiSentinel.Crds.ApiSpecs;

namespace ApiSentinel.Collector.Kubernetes.Specs;

/// <summary>What the controller knows of one ApiSpec between reconciles. Touched only by the reconcile loop, except
/// <see cref="Pending"/>, which the refresh tick reads.</summary>
internal sealed class SpecState
{
    /// <summary>The uid of the object this state is about: a different one under the same name is a new object
    /// (deleted and created again, the two coalesced in the queue), which starts from a fresh state.</summary>
    public string? Uid { get; set; }

    /// <summary>Hash of the document (or why it is missing) and the hosts: unchanged means nothing to parse again.</summary>
    public string? Fingerprint { get; set; }

    /// <summary>The ApiSpec's generation and its ConfigMap's resourceVersion at the last hash: unchanged means nothing to hash again.</summary>
    public string? Inputs { get; set; }

    public SpecOutcome? Outcome { get; set; }

    /// <summary>Whether the catalog holds a spec under this ApiSpec's id.</summary>
    public bool InCatalog { get; set; }

    /// <summary>The catalog snapshot generation when the spec was set: a build after it has used the spec.</summary>
    public long SetAtGeneration { get; set; }

    /// <summary>The status last written, and when.</summary>
    public ApiSpecStatus? Written { get; set; }

    public DateTimeOffset? WrittenAt { get; set; }

    /// <summary>The object's resourceVersion when <see cref="Written"/> was written: while the cache still holds that
    /// version, the write's own watch event is still to come and <see cref="Written"/> is the status; once it holds
    /// another, the object's own status is (someone may have changed or wiped it).</summary>
    public string? WrittenOver { get; set; }

    /// <summary>A fresh state for a new object under the same name; whether the catalog holds a spec under the id stays true.</summary>
    public void Reset(string? uid)
    {
        Uid = uid;
        Fingerprint = null;
        Inputs = null;
        Outcome = null;
        SetAtGeneration = 0;
        Written = null;
        WrittenAt = null;
        WrittenOver = null;
        Pending = false;
    }

    /// <summary>A status change waits for the refresh tick (written too recently, a build to come, or a failed write).</summary>
    public volatile bool Pending;
}
