namespace ApiSentinel.Collector.Kubernetes.Watching;

/// <summary>
/// The resourceVersion a watch (or a list continuation) asked for is older than the history the server keeps
/// (410 Gone, reason <c>Expired</c>): only a fresh list can tell what happened meanwhile.
/// </summary>
public sealed class WatchExpiredException : Exception
{
    public WatchExpiredException()
        : this("the resourceVersion is too old")
    {
    }

    public WatchExpiredException(string message)
        : base(message)
    {
    }

    public WatchExpiredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
