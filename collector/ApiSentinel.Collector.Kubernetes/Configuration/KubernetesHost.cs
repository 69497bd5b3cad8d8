namespace ApiSentinel.Collector.Kubernetes.Configuration;

/// <summary>
/// What the process's surroundings say about the cluster: environment variables and the files the kubelet mounts
/// into a pod. <see cref="Process"/> reads the real ones; tests build their own.
/// </summary>
public sealed class KubernetesHost(Func<string, string?> variable, Func<string, string?> readFile)
{
    private const string ServiceHostVariable = "KUBERNETES_SERVICE_HOST";
    private const string ServicePortVariable = "KUBERNETES_SERVICE_PORT";
    private const string TokenFile = "/var/run/secrets/kubernetes.io/serviceaccount/token";

    public static KubernetesHost Process { get; } = new(Environment.GetEnvironmentVariable, ReadIfPresent);

    public string? Variable(string name) => variable(name);

    /// <summary>The file's text, or null when it is missing or unreadable.</summary>
    public string? ReadFile(string path) => readFile(path);

    /// <summary>Inside a pod with a service account: the variables the kubelet sets and the mounted token.</summary>
    public bool InCluster =>
        Variable(ServiceHostVariable) is { Length: > 0 } &&
        Variable(ServicePortVariable) is { Length: > 0 } &&
        ReadFile(TokenFile) is { Length: > 0 };

    private static string? ReadIfPresent(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
