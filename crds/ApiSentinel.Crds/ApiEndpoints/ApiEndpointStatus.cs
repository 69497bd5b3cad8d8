using System.Text.Json.Serialization;
using k8s.Models;

namespace ApiSentinel.Crds.ApiEndpoints;

/// <summary>
/// What the collector observed on an endpoint: structure and counts only, never a payload value. Lists are top-N
/// bounded; what a bound left out is counted in <see cref="Truncated"/>.
/// </summary>
public sealed class ApiEndpointStatus
{
    /// <summary><see cref="EndpointStates"/>.</summary>
    [JsonPropertyName("state")]
    public string State { get; set; } = EndpointStates.Active;

    /// <summary>
    /// The engine's change marker of the snapshot this status was written from: equal while the endpoint's content is
    /// the same, so a restarted collector tells unchanged resources without diffing status.
    /// </summary>
    [JsonPropertyName("changeMarker")]
    public string? ChangeMarker { get; set; }

    [JsonPropertyName("risk")]
    public ApiEndpointRisk? Risk { get; set; }

    [JsonPropertyName("auth")]
    public ApiEndpointAuth? Auth { get; set; }

    [JsonPropertyName("sensitiveData")]
    public IList<ApiEndpointSensitiveData>? SensitiveData { get; set; }

    [JsonPropertyName("usage")]
    public ApiEndpointUsage? Usage { get; set; }

    [JsonPropertyName("parameters")]
    public ApiEndpointParameters? Parameters { get; set; }

    [JsonPropertyName("conformance")]
    public ApiEndpointConformance? Conformance { get; set; }

    /// <summary><c>internal</c>, <c>external</c> or <c>unknown</c>.</summary>
    [JsonPropertyName("exposure")]
    public string? Exposure { get; set; }

    [JsonPropertyName("transport")]
    public ApiEndpointTransport? Transport { get; set; }

    [JsonPropertyName("findings")]
    public IList<ApiEndpointFinding>? Findings { get; set; }

    /// <summary>Kubernetes namespaces of the servers, where the source knew them.</summary>
    [JsonPropertyName("namespaces")]
    public IList<string>? Namespaces { get; set; }

    /// <summary>Kubernetes workloads of the servers (<c>deployment/orders</c>), where the source knew them.</summary>
    [JsonPropertyName("workloads")]
    public IList<string>? Workloads { get; set; }

    [JsonPropertyName("summary")]
    public ApiEndpointSummary? Summary { get; set; }

    [JsonPropertyName("truncated")]
    public ApiEndpointTruncation? Truncated { get; set; }

    [JsonPropertyName("conditions")]
    public IList<V1Condition>? Conditions { get; set; }
}
