namespace ApiSentinel.Collector.Kubernetes.Configuration;

/// <summary>The cluster's configuration cannot be used (a missing or unreadable kubeconfig): one line, said once at start.</summary>
public sealed class KubernetesConnectionException : Exception
{
    public KubernetesConnectionException()
    {
    }

    public KubernetesConnectionException(string message)
        : base(message)
    {
    }

    public KubernetesConnectionException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
