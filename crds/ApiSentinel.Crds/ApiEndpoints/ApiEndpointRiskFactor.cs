using System.Text.Json.Serialization;

namespace ApiSentinel.Crds.ApiEndpoints;

/// <summary>One named risk factor: its weight, the points it scored and why.</summary>
public sealed class ApiEndpointRiskFactor
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    [JsonPropertyName("weight")]
    public double Weight { get; set; }

    /// <summary>0..<see cref="Weight"/>.</summary>
    [JsonPropertyName("points")]
    public double Points { get; set; }

    [JsonPropertyName("evidence")]
    public string Evidence { get; set; } = "";

    /// <summary>The same in a few words; absent when the factor scored nothing.</summary>
    [JsonPropertyName("summary")]
    public string? Summary { get; set; }
}
