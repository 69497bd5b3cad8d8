using ApiSentinel.FakeApiServer.Resources;

namespace ApiSentinel.FakeApiServer.BuiltIns;

/// <summary>
/// The built-in kinds the server serves from the start, stored without a schema. <c>events.k8s.io/v1</c> events are
/// their own storage here, not a second view of core events as in a real cluster: our code reads and writes one or
/// the other, never both.
/// </summary>
public static class BuiltInTypes
{
    public const string ApiExtensionsGroup = "apiextensions.k8s.io";
    public const string CrdPlural = "customresourcedefinitions";
    public const string NamespacePlural = "namespaces";

    /// <summary>The namespaces that exist in a fresh cluster.</summary>
    public static readonly IReadOnlyList<string> InitialNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"];

    public static IReadOnlyList<ResourceType> All { get; } =
    [
        Core("Namespace", NamespacePlural, namespaced: false, hasStatus: true, "ns"),
        Core("Service", "services", namespaced: true, hasStatus: true, "svc"),
        Core("ConfigMap", "configmaps", namespaced: true, hasStatus: false, "cm"),
        Core("Secret", "secrets", namespaced: true, hasStatus: false),
        Core("Pod", "pods", namespaced: true, hasStatus: true, "po"),
        Core("Event", "events", namespaced: true, hasStatus: false, "ev"),
        Grouped("discovery.k8s.io", "EndpointSlice", "endpointslices", namespaced: true, hasStatus: false),
        Grouped("events.k8s.io", "Event", "events", namespaced: true, hasStatus: false, "ev"),
        Grouped("coordination.k8s.io", "Lease", "leases", namespaced: true, hasStatus: false),
        Grouped(ApiExtensionsGroup, "CustomResourceDefinition", CrdPlural, namespaced: false, hasStatus: true, "crd", "crds"),
    ];

    public static bool IsCrd(ResourceType type) => type.Group == ApiExtensionsGroup && type.Plural == CrdPlural;

    public static bool IsNamespace(ResourceType type) => type.Group.Length == 0 && type.Plural == NamespacePlural;

    private static ResourceType Core(string kind, string plural, bool namespaced, bool hasStatus, params string[] shortNames) =>
        Grouped("", kind, plural, namespaced, hasStatus, shortNames);

    private static ResourceType Grouped(string group, string kind, string plural, bool namespaced, bool hasStatus, params string[] shortNames) =>
        new(group, "v1", kind, kind + "List", plural, kind.ToLowerInvariant(), namespaced, shortNames,
            // kubectl get all lists the "all" category; our built-ins there are the ones a real cluster puts there.
            plural is "services" or "pods" ? ["all"] : [], Schema: null, PrinterColumns: null, hasStatus);
}
