using System.Text.Json.Serialization;

namespace ApiSentinel.Crds.ApiEndpoints;

/// <summary>The endpoint's risk: a score, its level, and every factor with its evidence.</summary>
public sealed class ApiEndpointRisk
{
    /// <summary>0–100, the rounded sum of the factors' points.</summary>
    [JsonPropertyName("score")]
    public int Score { get; set; }

    /// <summary><c>none</c>, <c>low</c>, <c>medium</c>, <c>high</c> or <c>critical</c>.</summary>
    [JsonPropertyName("level")]
    public string Level { get; set; } = "";

    [JsonPropertyName("factors")]
    public IList<ApiEndpointRiskFactor>? Factors { get; set; }
}
