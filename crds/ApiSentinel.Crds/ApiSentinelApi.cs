namespace ApiSentinel.Crds;

/// <summary>The API group and version every ApiSentinel resource belongs to, and the category that lists them all.</summary>
public static class ApiSentinelApi
{
    public const string Group = "apisentinel.io";

    public const string Version = "v1alpha1";

    /// <summary>The <c>apiVersion</c> field of every resource: <c>apisentinel.io/v1alpha1</c>.</summary>
    public const string ApiVersion = Group + "/" + Version;

    /// <summary>The CRD category, so <c>kubectl get apisentinel</c> lists every kind at once.</summary>
    public const string Category = "apisentinel";
}
