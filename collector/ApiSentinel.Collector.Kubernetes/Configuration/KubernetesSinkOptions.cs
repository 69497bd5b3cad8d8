using System.Globalization;

namespace ApiSentinel.Collector.Kubernetes.Configuration;

/// <summary>
/// How the collector talks to the cluster and writes its <c>ApiEndpoint</c> resources. Defaults live in
/// <see cref="KubernetesSinkDefaults"/>; <see cref="Validate"/> is the one check, run at start.
/// </summary>
public sealed class KubernetesSinkOptions
{
    /// <summary>A kubeconfig file; null: <c>KUBECONFIG</c>, else the in-cluster service account.</summary>
    public string? Kubeconfig { get; set; }

    /// <summary>
    /// Where an endpoint's resource goes when its server's namespace is unknown (outside the cluster, or not a
    /// Service's); null: the collector's own namespace (<see cref="KubernetesConnection.OwnNamespace"/>).
    /// </summary>
    public string? Namespace { get; set; }

    public TimeSpan FlushInterval { get; set; } = KubernetesSinkDefaults.FlushInterval;

    public double Qps { get; set; } = KubernetesSinkDefaults.Qps;

    public int Burst { get; set; } = KubernetesSinkDefaults.Burst;

    public TimeSpan InactiveAfter { get; set; } = KubernetesSinkDefaults.InactiveAfter;

    public TimeSpan DeleteAfter { get; set; } = KubernetesSinkDefaults.DeleteAfter;

    public string FieldManager { get; set; } = KubernetesSinkDefaults.FieldManager;

    /// <summary>This collector's value of the instance label (<c>apisentinel.io/collector</c>): it owns only those resources.</summary>
    public string Instance { get; set; } = KubernetesSinkDefaults.Instance;

    /// <summary>Null when usable, else one line naming the option (the collector's switch names).</summary>
    public string? Validate()
    {
        if (FlushInterval < TimeSpan.FromSeconds(1))
        {
            return $"--kube-flush-interval must be at least 1 s, not {FlushInterval}";
        }
        if (!(Qps > 0) || double.IsInfinity(Qps))
        {
            return string.Create(CultureInfo.InvariantCulture, $"--kube-qps must be a positive number, not {Qps}");
        }
        if (Burst < 1)
        {
            return string.Create(CultureInfo.InvariantCulture, $"--kube-burst must be at least 1, not {Burst}");
        }
        if (InactiveAfter <= TimeSpan.Zero)
        {
            return $"--kube-inactive-after must be positive, not {InactiveAfter}";
        }
        if (DeleteAfter <= InactiveAfter)
        {
            return $"--kube-delete-after ({DeleteAfter}) must be longer than --kube-inactive-after ({InactiveAfter})";
        }
        if (Namespace is { } ns && !IsDns1123Label(ns))
        {
            return $"--namespace must be a DNS-1123 label (lower-case letters, digits, '-', at most 63), not '{ns}'";
        }
        if (string.IsNullOrEmpty(Instance) || !ApiSentinel.Crds.LabelValues.IsValid(Instance))
        {
            return $"--kube-instance must be a label value (1-63 letters, digits, '-', '_', '.', starting and ending alphanumeric), not '{Instance}'";
        }
        if (string.IsNullOrWhiteSpace(FieldManager) || FieldManager.Length > 128)
        {
            return "the field manager must be 1-128 printable characters";
        }
        return null;
    }

    internal static bool IsDns1123Label(string value) =>
        value.Length is > 0 and <= 63 &&
        char.IsAsciiLetterLower(value[0]) | char.IsAsciiDigit(value[0]) &&
        char.IsAsciiLetterLower(value[^1]) | char.IsAsciiDigit(value[^1]) &&
        value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
