using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace ApiSentinel.Crds.ApiSpecs;

/// <summary>A published OpenAPI definition (inline, or in a ConfigMap) and the hosts or Services it describes: the collector compares their traffic with it and reports the result in <see cref="Status"/>.</summary>
[KubernetesEntity(Group = KubeGroup, Kind = KubeKind, ApiVersion = KubeApiVersion, PluralName = KubePluralName)]
public sealed class V1Alpha1ApiSpec : IKubernetesObject<V1ObjectMeta>, ISpec<ApiSpecSpec>, IStatus<ApiSpecStatus?>
{
    public const string KubeApiVersion = ApiSentinelApi.Version;
    public const string KubeKind = "ApiSpec";
    public const string KubeGroup = ApiSentinelApi.Group;
    public const string KubePluralName = "apispecs";
    public const string KubeSingularName = "apispec";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = ApiSentinelApi.ApiVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KubeKind;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public ApiSpecSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public ApiSpecStatus? Status { get; set; }
}
