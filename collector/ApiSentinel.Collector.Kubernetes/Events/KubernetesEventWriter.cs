using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace ApiSentinel.Collector.Kubernetes.Events;

/// <summary><see cref="IEventWriter"/> over KubernetesClient's core v1 Event operations.</summary>
public sealed class KubernetesEventWriter(IKubernetes kube) : IEventWriter
{
    public Task CreateAsync(Corev1Event item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        return kube.CoreV1.CreateNamespacedEventAsync(item, item.Metadata.NamespaceProperty, cancellationToken: cancellationToken);
    }

    public async Task<Corev1Event?> ReadAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await kube.CoreV1.ReadNamespacedEventAsync(name, @namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public Task ReplaceAsync(Corev1Event item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        return kube.CoreV1.ReplaceNamespacedEventAsync(item, item.Metadata.Name, item.Metadata.NamespaceProperty, cancellationToken: cancellationToken);
    }
}
