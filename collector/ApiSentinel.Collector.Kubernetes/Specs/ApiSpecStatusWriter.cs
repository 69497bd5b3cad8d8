using ApiSentinel.Collector.Kubernetes.Resources;
using ApiSentinel.Collector.Kubernetes.Writes;
using ApiSentinel.Crds.ApiSpecs;
using k8s;
using k8s.Models;

namespace ApiSentinel.Collector.Kubernetes.Specs;

/// <summary>
/// Writes an ApiSpec's status by server-side apply on the status subresource, with the collector's field manager and
/// <c>force</c> (the collector is the status' only writer; force keeps a stale manager's claim from blocking it),
/// after a token from the shared <see cref="WriteRateLimiter"/>. Fields the collector stops applying (a message once
/// the document parses) are removed by the server, as apply does for a manager's own fields.
/// </summary>
public sealed class ApiSpecStatusWriter
{
    private readonly IKubernetes _kube;
    private readonly WriteRateLimiter _limiter;
    private readonly string _fieldManager;

    public ApiSpecStatusWriter(IKubernetes kube, WriteRateLimiter limiter, string fieldManager)
    {
        ArgumentNullException.ThrowIfNull(kube);
        ArgumentNullException.ThrowIfNull(limiter);
        ArgumentException.ThrowIfNullOrWhiteSpace(fieldManager);
        _kube = kube;
        _limiter = limiter;
        _fieldManager = fieldManager;
    }

    public async Task WriteAsync(V1Alpha1ApiSpec resource, ApiSpecStatus status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(status);
        var apply = new V1Alpha1ApiSpec
        {
            Metadata = new V1ObjectMeta { Name = resource.Metadata.Name, NamespaceProperty = resource.Metadata.NamespaceProperty },
            Status = status,
        };
        var patch = new V1Patch(ApiEndpointJson.Serialize(apply), V1Patch.PatchType.ApplyPatch);
        await _limiter.WaitAsync(cancellationToken).ConfigureAwait(false);
        using var response = await _kube.CustomObjects.PatchNamespacedCustomObjectStatusWithHttpMessagesAsync(patch,
            V1Alpha1ApiSpec.KubeGroup, V1Alpha1ApiSpec.KubeApiVersion, resource.Metadata.NamespaceProperty,
            V1Alpha1ApiSpec.KubePluralName, resource.Metadata.Name, fieldManager: _fieldManager, force: true,
            cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
