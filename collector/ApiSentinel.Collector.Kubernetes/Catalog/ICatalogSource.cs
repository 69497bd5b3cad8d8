using ApiSentinel.Collector.Catalog;

namespace ApiSentinel.Collector.Kubernetes.Catalog;

/// <summary>
/// Where the Kubernetes side finds the catalog: its single owner, once the collector has restored it (state imported,
/// journal replayed, first build done). Sinks read <see cref="CatalogOwner.Latest"/> — an immutable snapshot, safe
/// from any thread — and hand spec changes to the owner (<see cref="CatalogOwner.SetSpecAsync"/>); they never touch
/// the catalog itself. The collector service implements it; tests may hand in an owner of their own.
/// </summary>
public interface ICatalogSource
{
    /// <summary>Completes with the owner when the catalog is ready; faults when restoring it failed.</summary>
    Task<CatalogOwner> Ready { get; }
}
