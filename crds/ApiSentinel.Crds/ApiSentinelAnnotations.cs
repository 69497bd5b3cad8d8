namespace ApiSentinel.Crds;

/// <summary>The annotation keys ApiSentinel reads or writes — the one home of these strings.</summary>
public static class ApiSentinelAnnotations
{
    /// <summary>
    /// The endpoint's full host, only when its <see cref="ApiSentinelLabels.Host"/> label had to be a hashed form
    /// (too long, or characters a label value cannot hold): the label selects, the annotation tells what it stands for.
    /// </summary>
    public const string Host = ApiSentinelApi.Group + "/host";
}
