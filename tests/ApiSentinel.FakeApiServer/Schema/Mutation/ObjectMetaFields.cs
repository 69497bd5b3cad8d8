namespace ApiSentinel.FakeApiServer.Schema.Mutation;

/// <summary>
/// The members of apimachinery's ObjectMeta. kube-apiserver round-trips a custom resource's metadata (and an embedded
/// resource's) through the typed ObjectMeta, so these survive whatever a CRD's schema says of metadata and anything
/// else is dropped.
/// </summary>
internal static class ObjectMetaFields
{
    public const string Metadata = "metadata";

    /// <summary>TypeMeta's members: an object's own, never the schema's to prune.</summary>
    public static readonly IReadOnlySet<string> TypeMeta = new HashSet<string>(StringComparer.Ordinal) { "apiVersion", "kind" };

    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation", "creationTimestamp",
        "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers",
        "managedFields",
    };
}
