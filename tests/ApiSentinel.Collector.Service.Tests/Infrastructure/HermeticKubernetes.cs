using ApiSentinel.Collector.Kubernetes.Configuration;

namespace ApiSentinel.Collector.Service.Tests.Infrastructure;

/// <summary>
/// Keeps the collectors these tests start away from whatever cluster the machine running them knows: a developer's
/// <c>KUBECONFIG</c> or a CI pod's service account would otherwise switch the Kubernetes sink on and have a test
/// write to (and delete from) a real cluster.
/// </summary>
internal static class HermeticKubernetes
{
    /// <summary>The variables through which a collector finds a cluster on its own.</summary>
    public static IReadOnlyList<string> Variables { get; } =
        [KubernetesSinkDefaults.KubeconfigVariable, "KUBERNETES_SERVICE_HOST", "KUBERNETES_SERVICE_PORT"];

    /// <summary>Surroundings with no cluster at all (no variables, no mounted service account), for in-process collectors.</summary>
    public static KubernetesHost Host { get; } = new(_ => null, _ => null);

    /// <summary><paramref name="extra"/>, preceded by <c>--kubernetes=false</c> unless the test asks for a cluster itself.</summary>
    public static IEnumerable<string> Arguments(IEnumerable<string>? extra)
    {
        var list = extra?.ToList() ?? [];
        var wantsCluster = list.Any(a => a.StartsWith("--kubernetes", StringComparison.Ordinal) || a.StartsWith("--kubeconfig", StringComparison.Ordinal));
        return wantsCluster ? list : ["--kubernetes=false", .. list];
    }

    /// <summary>Removes <see cref="Variables"/> from a child process's environment.</summary>
    public static void Strip(IDictionary<string, string?> environment)
    {
        foreach (var name in Variables)
        {
            environment.Remove(name);
        }
    }
}
