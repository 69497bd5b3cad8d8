using ApiSentinel.FakeApiServer.Resources;

namespace ApiSentinel.FakeApiServer.OpenApi;

/// <summary>
/// The names the real server gives schemas in its OpenAPI documents: the group reversed, then version and kind
/// (<c>io.apisentinel.v1alpha1.ApiEndpoint</c>); built-in groups live under <c>io.k8s.api.*</c>.
/// </summary>
public static class SchemaNames
{
    public const string ObjectMeta = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
    public const string ListMeta = "io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta";
    public const string ManagedFieldsEntry = "io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry";
    public const string OwnerReference = "io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference";
    public const string Time = "io.k8s.apimachinery.pkg.apis.meta.v1.Time";
    public const string FieldsV1 = "io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1";
    public const string Status = "io.k8s.apimachinery.pkg.apis.meta.v1.Status";

    private const string KubernetesGroupSuffix = ".k8s.io";

    public static string Of(ResourceType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return $"{Prefix(type.Group)}.{type.Version}.{type.Kind}";
    }

    public static string ListOf(ResourceType type) => $"{Prefix(type.Group)}.{type.Version}.{type.ListKind}";

    private static string Prefix(string group)
    {
        if (group.Length == 0)
        {
            return "io.k8s.api.core";
        }
        if (group.EndsWith(KubernetesGroupSuffix, StringComparison.Ordinal) && !group[..^KubernetesGroupSuffix.Length].Contains('.', StringComparison.Ordinal))
        {
            return "io.k8s.api." + group[..^KubernetesGroupSuffix.Length];
        }
        return string.Join('.', group.Split('.').Reverse());
    }
}
