namespace ApiSentinel.Collector.Kubernetes.Specs;

/// <summary>An Event could not be written (already counted in <see cref="ApiSpecControllerCounters.EventFailures"/>).</summary>
public sealed class ApiSpecEventException : Exception
{
    public ApiSpecEventException()
    {
    }

    public ApiSpecEventException(string message)
        : base(message)
    {
    }

    public ApiSpecEventException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
