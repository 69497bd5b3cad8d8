using System.Text.Json.Serialization;

namespace ApiSentinel.Crds.ApiEndpoints;

/// <summary>The endpoint against the published specs.</summary>
public sealed class ApiEndpointConformance
{
    /// <summary><c>no-spec</c>, <c>conformant</c>, <c>non-conformant</c>, <c>shadow</c>, <c>zombie</c> or <c>not-found</c>.</summary>
    [JsonPropertyName("state")]
    public string State { get; set; } = "";

    /// <summary>The matching spec operation, when there is one.</summary>
    [JsonPropertyName("operationId")]
    public string? OperationId { get; set; }

    [JsonPropertyName("violations")]
    public IList<ApiEndpointViolation>? Violations { get; set; }
}
