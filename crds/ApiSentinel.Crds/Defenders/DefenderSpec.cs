using System.Text.Json.Serialization;
using k8s.Models;

namespace ApiSentinel.Crds.Defenders;

/// <summary>Where and how sensors capture: mode, which pods, which traffic, how much of each body, where to send it.</summary>
public sealed class DefenderSpec
{
    /// <summary><see cref="DefenderModes"/>.</summary>
    [JsonPropertyName("mode")]
    public string Mode { get; set; } = DefenderModes.DaemonSet;

    /// <summary>The pods whose traffic is captured (all pods of the selected namespaces when absent).</summary>
    [JsonPropertyName("podSelector")]
    public V1LabelSelector? PodSelector { get; set; }

    /// <summary>The namespaces whose pods are captured (the Defender's own namespace when absent).</summary>
    [JsonPropertyName("namespaceSelector")]
    public V1LabelSelector? NamespaceSelector { get; set; }

    /// <summary>TCP ports to capture; exclusive with <see cref="Filter"/>. All ports when neither is set.</summary>
    [JsonPropertyName("ports")]
    public IList<int>? Ports { get; set; }

    /// <summary>A BPF filter expression (<c>tcp port 8080 or tcp port 9090</c>); exclusive with <see cref="Ports"/>.</summary>
    [JsonPropertyName("filter")]
    public string? Filter { get; set; }

    /// <summary>Body bytes inspected per message for sensitive data and schema (default 65536).</summary>
    [JsonPropertyName("bodyInspectionLimit")]
    public long? BodyInspectionLimit { get; set; }

    [JsonPropertyName("collector")]
    public DefenderCollector Collector { get; set; } = new();

    /// <summary>Compute resources of each sensor container.</summary>
    [JsonPropertyName("resources")]
    public V1ResourceRequirements? Resources { get; set; }
}
