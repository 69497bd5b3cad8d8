using ApiSentinel.Crds;
using k8s.Models;

namespace ApiSentinel.Collector.Kubernetes.Events;

/// <summary>
/// The one shape of an Event the collector writes (on ApiEndpoints and ApiSpecs alike): a core v1 Warning, in its
/// object's namespace, labelled as ours, first and last seen at <c>at</c>, reported by <c>component</c>. Old-style
/// (no <c>eventTime</c>), so kube's validation asks only that the involved object's namespace be the Event's.
/// </summary>
public static class CollectorEvent
{
    public static Corev1Event New(string name, V1ObjectReference involvedObject, string reason, string message, DateTime at, string component)
    {
        ArgumentNullException.ThrowIfNull(involvedObject);
        return new()
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = involvedObject.NamespaceProperty,
                Labels = new Dictionary<string, string> { [ApiSentinelLabels.ManagedBy] = ApiSentinelLabels.ManagedByCollector },
            },
            InvolvedObject = involvedObject,
            Reason = reason,
            Message = message,
            Type = EventReasons.Warning,
            Count = 1,
            FirstTimestamp = at,
            LastTimestamp = at,
            Source = new V1EventSource { Component = component },
            ReportingComponent = component,
            ReportingInstance = component,
        };
    }
}
