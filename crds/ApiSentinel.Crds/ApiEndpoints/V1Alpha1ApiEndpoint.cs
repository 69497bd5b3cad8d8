using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace ApiSentinel.Crds.ApiEndpoints;

/// <summary>
/// One HTTP endpoint the collector discovered from traffic — one per (host, method, path template) — kept in the
/// namespace of the Service that received the calls. <see cref="Spec"/> is its identity; <see cref="Status"/> is what
/// was observed (risk, auth, sensitive data, usage, conformance). Written only by the collector.
/// </summary>
[KubernetesEntity(Group = KubeGroup, Kind = KubeKind, ApiVersion = KubeApiVersion, PluralName = KubePluralName)]
public sealed class V1Alpha1ApiEndpoint : IKubernetesObject<V1ObjectMeta>, ISpec<ApiEndpointSpec>, IStatus<ApiEndpointStatus?>
{
    public const string KubeApiVersion = ApiSentinelApi.Version;
    public const string KubeKind = "ApiEndpoint";
    public const string KubeGroup = ApiSentinelApi.Group;
    public const string KubePluralName = "apiendpoints";
    public const string KubeSingularName = "apiendpoint";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = ApiSentinelApi.ApiVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KubeKind;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public ApiEndpointSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public ApiEndpointStatus? Status { get; set; }
}
