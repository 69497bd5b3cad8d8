namespace ApiSentinel.Crds;

/// <summary>The annotation keys ApiSentinel reads or writes — the one home of these strings.</summary>
public static class ApiSentinelAnnotations
{
    /// <summary>
    /// The endpoint's path template as text on an <c>ApiEndpoint</c>'s metadata. The spec already holds it; the
    /// annotation lets tools that look only at metadata (a <c>kubectl get -o custom-columns</c> on a partial list) see it.
    /// </summary>
    public const string Path = ApiSentinelApi.Group + "/path";

    /// <summary>
    /// On a resource whose name had to be shortened or hashed: the full text it stands for (an endpoint's host when
    /// the host label is a hashed form).
    /// </summary>
    public const string Host = ApiSentinelApi.Group + "/host";
}
