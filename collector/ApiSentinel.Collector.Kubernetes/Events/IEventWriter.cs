using k8s.Models;

namespace ApiSentinel.Collector.Kubernetes.Events;

/// <summary>The three requests Events need (<see cref="KubernetesEventWriter"/> over KubernetesClient's core v1 Events).</summary>
public interface IEventWriter
{
    /// <summary>Creates the Event; a 409 (the name exists) surfaces as the client's exception.</summary>
    Task CreateAsync(Corev1Event item, CancellationToken cancellationToken);

    /// <summary>The Event, or null when there is none of that name.</summary>
    Task<Corev1Event?> ReadAsync(string @namespace, string name, CancellationToken cancellationToken);

    /// <summary>Replaces the Event (its count and last timestamp raised), with the resourceVersion read.</summary>
    Task ReplaceAsync(Corev1Event item, CancellationToken cancellationToken);
}
