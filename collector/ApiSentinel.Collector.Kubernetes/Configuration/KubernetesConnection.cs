using k8s;
using k8s.Exceptions;

namespace ApiSentinel.Collector.Kubernetes.Configuration;

/// <summary>
/// Where the cluster is: the kubeconfig of <c>--kubeconfig</c>, else the first file of <c>KUBECONFIG</c>, else the
/// pod's service account (in-cluster). <see cref="Find"/> says which, or none — the sink is optional, so a collector
/// with no cluster simply runs without it. The process environment is read through <see cref="KubernetesHost"/> so
/// tests decide what it holds.
/// </summary>
public sealed class KubernetesConnection
{
    private KubernetesConnection(string? kubeconfig, bool inCluster)
    {
        Kubeconfig = kubeconfig;
        InCluster = inCluster;
    }

    /// <summary>The kubeconfig file used; null in-cluster.</summary>
    public string? Kubeconfig { get; }

    public bool InCluster { get; }

    /// <summary>The connection to use, or null when no kubeconfig is named and the process runs outside a pod.</summary>
    public static KubernetesConnection? Find(string? kubeconfig, KubernetesHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (kubeconfig is { Length: > 0 })
        {
            return new KubernetesConnection(kubeconfig, inCluster: false);
        }
        if (host.Variable(KubernetesSinkDefaults.KubeconfigVariable) is { Length: > 0 } variable &&
            variable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries) is [var first, ..])
        {
            return new KubernetesConnection(first, inCluster: false);
        }
        return host.InCluster ? new KubernetesConnection(null, inCluster: true) : null;
    }

    /// <summary>The client configuration; a missing, unreadable or invalid kubeconfig is one <see cref="KubernetesConnectionException"/>.</summary>
    public KubernetesClientConfiguration BuildConfiguration()
    {
        try
        {
            return Kubeconfig is { } file
                ? KubernetesClientConfiguration.BuildConfigFromConfigFile(file)
                : KubernetesClientConfiguration.InClusterConfig();
        }
        catch (Exception e) when (e is KubeConfigException or IOException or UnauthorizedAccessException or
                                      FormatException or InvalidOperationException or ArgumentException or
                                      YamlDotNet.Core.YamlException)
        {
            var source = Kubeconfig is { } f ? "--kubeconfig " + f : "in-cluster configuration";
            throw new KubernetesConnectionException($"{source}: {e.Message.ReplaceLineEndings(" ")}", e);
        }
    }

    /// <summary>
    /// The namespace resources go to when the server's is unknown: the configured one, else the pod's own (the
    /// service account's namespace file, or <c>POD_NAMESPACE</c>), else <c>default</c>.
    /// </summary>
    public static string OwnNamespace(string? configured, KubernetesHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (configured is { Length: > 0 })
        {
            return configured;
        }
        if (host.ReadFile(KubernetesSinkDefaults.ServiceAccountNamespaceFile)?.Trim() is { Length: > 0 } mounted &&
            KubernetesSinkOptions.IsDns1123Label(mounted))
        {
            return mounted;
        }
        if (host.Variable(KubernetesSinkDefaults.PodNamespaceVariable)?.Trim() is { Length: > 0 } variable &&
            KubernetesSinkOptions.IsDns1123Label(variable))
        {
            return variable;
        }
        return KubernetesSinkDefaults.Namespace;
    }
}
