using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace ApiSentinel.Crds.Defenders;

/// <summary>A list of <see cref="V1Alpha1Defender"/>, as the API server returns it.</summary>
[KubernetesEntity(Group = V1Alpha1Defender.KubeGroup, Kind = KubeKind, ApiVersion = V1Alpha1Defender.KubeApiVersion, PluralName = V1Alpha1Defender.KubePluralName)]
public sealed class V1Alpha1DefenderList : IKubernetesObject<V1ListMeta>, IItems<V1Alpha1Defender>
{
    public const string KubeKind = V1Alpha1Defender.KubeKind + "List";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = ApiSentinelApi.ApiVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KubeKind;

    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    [JsonPropertyName("items")]
    public IList<V1Alpha1Defender> Items { get; set; } = [];
}
