using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace ApiSentinel.Crds.Defenders;

/// <summary>Where and how to capture traffic: the operator reconciles it into sensors (a DaemonSet on the nodes, or sidecars injected into the selected pods).</summary>
[KubernetesEntity(Group = KubeGroup, Kind = KubeKind, ApiVersion = KubeApiVersion, PluralName = KubePluralName)]
public sealed class V1Alpha1Defender : IKubernetesObject<V1ObjectMeta>, ISpec<DefenderSpec>, IStatus<DefenderStatus?>
{
    public const string KubeApiVersion = ApiSentinelApi.Version;
    public const string KubeKind = "Defender";
    public const string KubeGroup = ApiSentinelApi.Group;
    public const string KubePluralName = "defenders";
    public const string KubeSingularName = "defender";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = ApiSentinelApi.ApiVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KubeKind;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public DefenderSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public DefenderStatus? Status { get; set; }
}
