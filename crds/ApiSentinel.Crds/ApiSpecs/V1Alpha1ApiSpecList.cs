using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace ApiSentinel.Crds.ApiSpecs;

/// <summary>A list of <see cref="V1Alpha1ApiSpec"/>, as the API server returns it.</summary>
[KubernetesEntity(Group = V1Alpha1ApiSpec.KubeGroup, Kind = KubeKind, ApiVersion = V1Alpha1ApiSpec.KubeApiVersion, PluralName = V1Alpha1ApiSpec.KubePluralName)]
public sealed class V1Alpha1ApiSpecList : IKubernetesObject<V1ListMeta>, IItems<V1Alpha1ApiSpec>
{
    public const string KubeKind = V1Alpha1ApiSpec.KubeKind + "List";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = ApiSentinelApi.ApiVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KubeKind;

    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    [JsonPropertyName("items")]
    public IList<V1Alpha1ApiSpec> Items { get; set; } = [];
}
