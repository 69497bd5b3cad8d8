namespace ApiSentinel.Collector.Kubernetes.Watching;

/// <summary>
/// The query of one list or watch call (the parameters every generated <c>List…WithHttpMessagesAsync</c> shares);
/// the namespace and label selector are the source's own and live in its <see cref="ListCall{TList}"/>.
/// </summary>
public sealed record ListRequest
{
    /// <summary>For a watch: the version to watch from. For a list: null (the latest, from etcd: a consistent read).</summary>
    public string? ResourceVersion { get; init; }

    public bool Watch { get; init; }

    /// <summary>The continue token of the previous page.</summary>
    public string? Continue { get; init; }

    /// <summary>Page size of a list.</summary>
    public int? Limit { get; init; }

    /// <summary>How long the server keeps a watch open before ending it.</summary>
    public int? TimeoutSeconds { get; init; }
}
