using ApiSentinel.FakeApiServer.Resources;

namespace ApiSentinel.FakeApiServer.Selectors;

/// <summary>
/// The field labels each kind accepts in a <c>fieldSelector</c> (kube's per-kind field-label conversions), and the
/// JSON path each label reads. Every kind has metadata.name and metadata.namespace; anything else a kind does not
/// declare is kube's 400 <c>field label not supported</c>. A CRD's kinds have only the two metadata labels.
/// </summary>
internal static class SelectableFields
{
    private static readonly Dictionary<string, string> Metadata = new(StringComparer.Ordinal)
    {
        ["metadata.name"] = "metadata.name",
        ["metadata.namespace"] = "metadata.namespace",
    };

    // events.k8s.io/v1 serves the same stored Events as core v1 with renamed fields; the labels stay core's.
    private static readonly (string Label, string Core, string EventsV1)[] EventLabels =
    [
        ("involvedObject.kind", "involvedObject.kind", "regarding.kind"),
        ("involvedObject.namespace", "involvedObject.namespace", "regarding.namespace"),
        ("involvedObject.name", "involvedObject.name", "regarding.name"),
        ("involvedObject.uid", "involvedObject.uid", "regarding.uid"),
        ("involvedObject.apiVersion", "involvedObject.apiVersion", "regarding.apiVersion"),
        ("involvedObject.resourceVersion", "involvedObject.resourceVersion", "regarding.resourceVersion"),
        ("involvedObject.fieldPath", "involvedObject.fieldPath", "regarding.fieldPath"),
        ("reason", "reason", "reason"),
        ("reportingComponent", "reportingComponent", "reportingController"),
        ("source", "source.component", "deprecatedSource.component"),
        ("type", "type", "type"),
    ];

    private static readonly Dictionary<(string Group, string Plural), Dictionary<string, string>> ByKind = new()
    {
        [("", "pods")] = With(
            "spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "status.phase",
            "status.podIP", "status.nominatedNodeName"),
        [("", "services")] = With("spec.clusterIP", "spec.type"),
        [("", "secrets")] = With("type"),
        [("", "namespaces")] = With("status.phase"),
        [("", "events")] = With(EventLabels.Select(e => (e.Label, e.Core))),
        [("events.k8s.io", "events")] = With(EventLabels.Select(e => (e.Label, e.EventsV1))),
    };

    /// <summary>The JSON path the label reads on objects of the kind, or null when the kind does not support it.</summary>
    public static string? PathOf(ResourceType type, string label)
    {
        var labels = ByKind.GetValueOrDefault((type.Group, type.Plural)) ?? Metadata;
        return labels.GetValueOrDefault(label);
    }

    private static Dictionary<string, string> With(params string[] labels) => With(labels.Select(l => (l, l)));

    private static Dictionary<string, string> With(IEnumerable<(string Label, string Path)> labels)
    {
        var all = new Dictionary<string, string>(Metadata, StringComparer.Ordinal);
        foreach (var (label, path) in labels)
        {
            all[label] = path;
        }
        return all;
    }
}
