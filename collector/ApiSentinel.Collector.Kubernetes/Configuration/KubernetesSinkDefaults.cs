namespace ApiSentinel.Collector.Kubernetes.Configuration;

/// <summary>
/// The one home of the Kubernetes sink's defaults (docs/collector-kubernetes.md explains each choice).
/// </summary>
public static class KubernetesSinkDefaults
{
    /// <summary>DESIGN.md's bound: at most one status write per endpoint per 10 s.</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Twice client-go's default (5 QPS, burst 10 per client) and still a small share of an API server's default
    /// max-in-flight (400 mutating); 20 writes/s refresh 2,000 changing endpoints in under two flush intervals.
    /// </summary>
    public const double Qps = 20;

    /// <summary>Two seconds' worth of <see cref="Qps"/>: a short spike (a new service's endpoints) goes out at once.</summary>
    public const int Burst = 40;

    /// <summary>An endpoint no call reached for a day is shown <c>inactive</c>: a daily batch job still counts as alive.</summary>
    public static readonly TimeSpan InactiveAfter = TimeSpan.FromHours(24);

    /// <summary>A week without a call removes the resource: long enough to survive a holiday, short enough to not pile up.</summary>
    public static readonly TimeSpan DeleteAfter = TimeSpan.FromDays(7);

    /// <summary>The server-side-apply field manager of every write, and the Events' source component.</summary>
    public const string FieldManager = "apisentinel-collector";

    /// <summary>
    /// The instance label's value when <c>--kube-instance</c> is not given: the collector's own name. Stable across
    /// restarts on purpose (a pod name would orphan every resource at each rollout); a second collector writing to
    /// the same cluster must be given its own.
    /// </summary>
    public const string Instance = "apisentinel-collector";

    /// <summary>Where resources go when neither the options nor the pod's own namespace say.</summary>
    public const string Namespace = "default";

    /// <summary>The file the kubelet mounts with the pod's namespace (next to the service-account token).</summary>
    public const string ServiceAccountNamespaceFile = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";

    /// <summary>The downward-API variable a chart sets to the pod's namespace.</summary>
    public const string PodNamespaceVariable = "POD_NAMESPACE";

    /// <summary>The standard variable naming a kubeconfig file (the first path of a list is used).</summary>
    public const string KubeconfigVariable = "KUBECONFIG";

    /// <summary>Retries back off exponentially from here...</summary>
    public static readonly TimeSpan RetryBase = TimeSpan.FromSeconds(1);

    /// <summary>...up to here (client-go's workqueue caps lower; 30 s keeps a gone server from being hammered).</summary>
    public static readonly TimeSpan RetryCap = TimeSpan.FromSeconds(30);

    /// <summary>An Event of one reason on one object at most this often; repeats in between only raise its count.</summary>
    public static readonly TimeSpan EventInterval = TimeSpan.FromMinutes(10);
}
