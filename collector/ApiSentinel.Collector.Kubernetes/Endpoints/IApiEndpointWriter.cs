using ApiSentinel.Crds.ApiEndpoints;

namespace ApiSentinel.Collector.Kubernetes.Endpoints;

/// <summary>
/// The requests the sink makes, one method each (<see cref="KubernetesApiEndpointWriter"/> over KubernetesClient).
/// Failures surface as the client's exceptions, which <see cref="Writes.WriteFailure.Of"/> classifies.
/// </summary>
public interface IApiEndpointWriter
{
    /// <summary>Every ApiEndpoint the collector manages (label <c>app.kubernetes.io/managed-by</c>), in all namespaces.</summary>
    Task<IReadOnlyList<V1Alpha1ApiEndpoint>> ListManagedAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Server-side apply of the object's metadata (name, namespace, labels) and spec; creates it when missing. Returns
    /// the object's <c>metadata.uid</c> as the server has it (null if the answer had none): Events name their object by
    /// it, and <c>kubectl describe</c> finds an Event only when the uid matches.
    /// </summary>
    Task<string?> ApplyAsync(V1Alpha1ApiEndpoint resource, CancellationToken cancellationToken);

    /// <summary>Server-side apply of the status on the <c>/status</c> subresource; returns the object's uid as answered.</summary>
    Task<string?> ApplyStatusAsync(V1Alpha1ApiEndpoint resource, CancellationToken cancellationToken);

    /// <summary>Deletes one resource; one already gone counts as deleted.</summary>
    Task DeleteAsync(ResourceKey key, CancellationToken cancellationToken);
}
