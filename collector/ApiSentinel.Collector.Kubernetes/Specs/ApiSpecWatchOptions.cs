using ApiSentinel.Collector.Specs.Loading;
using ApiSentinel.Crds;

namespace ApiSentinel.Collector.Kubernetes.Specs;

/// <summary>How the <see cref="ApiSpecController"/> watches <c>ApiSpec</c> resources and reports on them.</summary>
public sealed class ApiSpecWatchOptions
{
    /// <summary>The namespace whose ApiSpecs (and the ConfigMaps they reference) are watched; null for all namespaces.</summary>
    public string? Namespace { get; init; }

    /// <summary>
    /// Status refresh: endpoint counts are recomputed after catalog builds and an ApiSpec's status is written at most
    /// once per interval (the sink's flush interval, 10 s by default), so a busy catalog cannot turn into a write storm.
    /// </summary>
    public TimeSpan StatusRefreshInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The server-side apply field manager of the status writes (and the Events' reporting component).</summary>
    public string FieldManager { get; init; } = ApiSentinelLabels.ManagedByCollector;

    /// <summary>The cluster's DNS domain, for the names of <c>spec.services</c>.</summary>
    public string ClusterDomain { get; init; } = "cluster.local";

    /// <summary>
    /// What one document may cost to parse. The API server already bounds an object (about 1.5 MiB, a ConfigMap
    /// 1 MiB), so the input bound rarely bites; the others stop hostile documents (alias bombs, fan-out) of any size.
    /// </summary>
    public SpecBudget Budget { get; init; } = SpecBudget.Default;

    /// <summary>
    /// The same Event (ApiSpec, reason, message) is written at most once per interval; repeats within it are
    /// counted, not written, and a later repeat raises the existing Event's count.
    /// </summary>
    public TimeSpan EventInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Refuses values that cannot work, naming the option.</summary>
    public void Validate()
    {
        if (StatusRefreshInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(StatusRefreshInterval)} must be positive, not {StatusRefreshInterval}");
        }
        if (EventInterval < TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(EventInterval)} must not be negative, not {EventInterval}");
        }
        if (string.IsNullOrWhiteSpace(FieldManager))
        {
            throw new ArgumentException($"{nameof(FieldManager)} is required");
        }
        if (string.IsNullOrWhiteSpace(ClusterDomain))
        {
            throw new ArgumentException($"{nameof(ClusterDomain)} is required");
        }
        ArgumentNullException.ThrowIfNull(Budget);
    }
}
