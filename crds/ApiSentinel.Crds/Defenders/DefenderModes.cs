namespace ApiSentinel.Crds.Defenders;

/// <summary>The values of <see cref="DefenderSpec.Mode"/>: the one home of these strings.</summary>
public static class DefenderModes
{
    /// <summary>One sensor per node, capturing the selected pods' veths.</summary>
    public const string DaemonSet = "DaemonSet";

    /// <summary>A sensor container injected into each selected pod.</summary>
    public const string Sidecar = "Sidecar";

    public static IReadOnlyList<string> All { get; } = [DaemonSet, Sidecar];
}
