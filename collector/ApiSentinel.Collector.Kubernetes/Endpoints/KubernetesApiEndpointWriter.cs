using System.Net;
using ApiSentinel.Crds;
using ApiSentinel.Crds.ApiEndpoints;
using k8s;
using k8s.Autorest;
using ApiSentinel.Collector.Kubernetes.Resources;
using ApiSentinel.Collector.Kubernetes.Writes;
using k8s.Models;

namespace ApiSentinel.Collector.Kubernetes.Endpoints;

/// <summary>
/// <see cref="IApiEndpointWriter"/> over KubernetesClient's custom-object operations. Applies are
/// <c>application/apply-patch+yaml</c> (JSON is YAML) with the collector's field manager and <c>force</c>: the
/// collector is the one writer of these objects, and a field someone edited by hand is taken back rather than left
/// to fail every flush with a conflict. The managed list selects this collector's instance only
/// (<see cref="ApiSentinelLabels.Collector"/>), and each of its pages takes a token of the shared limiter: a catalog
/// of 50,000 resources is 100 requests, not one.
/// </summary>
public sealed class KubernetesApiEndpointWriter(IKubernetes kube, string fieldManager, string instance, WriteRateLimiter? limiter = null)
    : IApiEndpointWriter
{
    private readonly string _managedSelector =
        ApiSentinelLabels.ManagedBy + "=" + ApiSentinelLabels.ManagedByCollector + "," + ApiSentinelLabels.Collector + "=" + instance;

    public async Task<IReadOnlyList<V1Alpha1ApiEndpoint>> ListManagedAsync(CancellationToken cancellationToken)
    {
        var result = new List<V1Alpha1ApiEndpoint>();
        string? next = null;
        do
        {
            if (limiter is not null)
            {
                await limiter.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            var page = await kube.CustomObjects.ListClusterCustomObjectAsync<V1Alpha1ApiEndpointList>(
                ApiSentinelApi.Group, ApiSentinelApi.Version, V1Alpha1ApiEndpoint.KubePluralName,
                continueParameter: next, labelSelector: _managedSelector, limit: 500,
                cancellationToken: cancellationToken).ConfigureAwait(false);
            result.AddRange(page.Items ?? []);
            next = page.Metadata?.ContinueProperty;
        }
        while (!string.IsNullOrEmpty(next));
        return result;
    }

    public async Task<string?> ApplyAsync(V1Alpha1ApiEndpoint resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var body = new V1Alpha1ApiEndpoint
        {
            Metadata = new V1ObjectMeta
            {
                Name = resource.Metadata.Name,
                NamespaceProperty = resource.Metadata.NamespaceProperty,
                Labels = resource.Metadata.Labels,
                Annotations = resource.Metadata.Annotations,
            },
            Spec = resource.Spec,
        };
        var applied = await kube.CustomObjects.PatchNamespacedCustomObjectAsync(
            Patch(body), ApiSentinelApi.Group, ApiSentinelApi.Version, resource.Metadata.NamespaceProperty,
            V1Alpha1ApiEndpoint.KubePluralName, resource.Metadata.Name, fieldManager: fieldManager, force: true,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return UidOf(applied);
    }

    /// <summary>The uid of the object the server answered with (KubernetesClient hands custom objects back as JSON).</summary>
    internal static string? UidOf(object? applied) =>
        applied is System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Object } json &&
        json.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == System.Text.Json.JsonValueKind.Object &&
        metadata.TryGetProperty("uid", out var uid) && uid.ValueKind == System.Text.Json.JsonValueKind.String
            ? uid.GetString()
            : null;

    public async Task<string?> ApplyStatusAsync(V1Alpha1ApiEndpoint resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var body = new StatusOnly(resource);
        var applied = await kube.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            Patch(body), ApiSentinelApi.Group, ApiSentinelApi.Version, resource.Metadata.NamespaceProperty,
            V1Alpha1ApiEndpoint.KubePluralName, resource.Metadata.Name, fieldManager: fieldManager, force: true,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return UidOf(applied);
    }

    public async Task DeleteAsync(ResourceKey key, CancellationToken cancellationToken)
    {
        try
        {
            await kube.CustomObjects.DeleteNamespacedCustomObjectAsync(
                ApiSentinelApi.Group, ApiSentinelApi.Version, key.Namespace, V1Alpha1ApiEndpoint.KubePluralName, key.Name,
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            // Already gone: what a deletion wanted.
        }
    }

    private static V1Patch Patch(object body) => new(ApiEndpointJson.Serialize(body), V1Patch.PatchType.ApplyPatch);

    /// <summary>The status apply's body: identity and status only, so this manager owns no spec or label field through it.</summary>
    private sealed class StatusOnly(V1Alpha1ApiEndpoint resource)
    {
        [System.Text.Json.Serialization.JsonPropertyName("apiVersion")]
        public string ApiVersion => resource.ApiVersion;

        [System.Text.Json.Serialization.JsonPropertyName("kind")]
        public string Kind => resource.Kind;

        [System.Text.Json.Serialization.JsonPropertyName("metadata")]
        public object Metadata => new V1ObjectMeta { Name = resource.Metadata.Name, NamespaceProperty = resource.Metadata.NamespaceProperty };

        [System.Text.Json.Serialization.JsonPropertyName("status")]
        public ApiEndpointStatus? Status => resource.Status;
    }
}
